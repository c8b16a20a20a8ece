#include "rules/quiet_hours.h"

namespace tact {
namespace {

constexpr int kMinutesPerDay = 24 * 60;

const DayWindow& WindowFor(const QuietHours& quiet, int weekday) {
  return quiet.is_weekend[weekday] ? quiet.weekends : quiet.weekdays;
}

// The first minute of the day at or after `from` that is not quiet, or -1.
int FirstOpenMinute(const DayWindow& window, int from) {
  if (window.IsNone()) return from;
  if (window.IsAllDay()) return -1;
  if (!window.IsQuiet(from)) return from;
  // `from` is quiet, so the window ends later today or runs to midnight.
  const int end = window.end_minute;
  if (end > from && end < kMinutesPerDay && !window.IsQuiet(end)) return end;
  return -1;
}

}  // namespace

Minute NextOutsideQuietHours(const QuietHours& quiet, const LocalClock& clock, Minute from) {
  const Minute local = clock.ToLocal(from);
  const int now_minute = LocalClock::MinuteOfDay(local);
  const Minute today = local - now_minute;  // local midnight
  const int weekday = LocalClock::Weekday(local);
  for (int offset = 0; offset <= 7; ++offset) {
    const int open =
        FirstOpenMinute(WindowFor(quiet, (weekday + offset) % 7), offset == 0 ? now_minute : 0);
    if (open < 0) continue;
    if (offset == 0 && open == now_minute) return from;
    const Minute next = clock.FromLocal(today + offset * kMinutesPerDay + open, from);
    if (next == kNever) continue;
    return next > from ? next : from + 1;
  }
  return kNever;
}

const LocalClock& ClockFor(const Policy& policy, const Person& person) {
  return person.clock ? *person.clock : *policy.quiet_hours.default_clock;
}

void CheckQuietHours(const RuleInput& input, Minute candidate, Blocks* blocks) {
  const Policy& policy = input.policy;
  if (!policy.quiet_hours_enabled || !input.kind_rules.quiet_hours ||
      !policy.quiet_hours.channels.Contains(input.touch.channel))
    return;
  const Minute next =
      NextOutsideQuietHours(policy.quiet_hours, ClockFor(policy, input.person), candidate);
  if (next == candidate) return;
  Reason reason{ReasonCode::kQuietHours, "quiet_hours", -1, candidate};
  if (next != kNever) reason.not_before = FromMinute(next);
  blocks->push_back(Block{next, reason});
}

}  // namespace tact
