#include "rules/quiet_hours.h"

#include "absl/strings/string_view.h"

namespace tact {
namespace {

constexpr int kMinutesPerDay = 24 * 60;

const DayWindow& WindowFor(const QuietHours& quiet, absl::CivilDay day) {
  const bool is_weekend = quiet.is_weekend[static_cast<int>(absl::GetWeekday(day))];
  return is_weekend ? quiet.weekends : quiet.weekdays;
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

// The instant a local civil minute names. A minute skipped by a DST jump maps
// to the jump (the first local time after it); a repeated minute maps to its
// first occurrence unless that lies before `not_before`.
absl::Time ToInstant(const absl::TimeZone& zone, absl::CivilMinute local, absl::Time not_before) {
  const absl::TimeZone::TimeInfo info = zone.At(absl::CivilSecond(local));
  switch (info.kind) {
    case absl::TimeZone::TimeInfo::SKIPPED:
      return info.trans;
    case absl::TimeZone::TimeInfo::REPEATED:
      return info.pre >= not_before ? info.pre : info.post;
    case absl::TimeZone::TimeInfo::UNIQUE:
      break;
  }
  return info.pre;
}

}  // namespace

Minute NextOutsideQuietHours(const QuietHours& quiet, const absl::TimeZone& zone, Minute from) {
  const absl::Time start = FromMinute(from);
  const absl::CivilMinute local = absl::ToCivilMinute(start, zone);
  const absl::CivilDay today(local);
  const int now_minute = local.hour() * 60 + local.minute();
  for (int offset = 0; offset <= 7; ++offset) {
    const absl::CivilDay day = today + offset;
    const int open = FirstOpenMinute(WindowFor(quiet, day), offset == 0 ? now_minute : 0);
    if (open < 0) continue;
    if (offset == 0 && open == now_minute) return from;
    const absl::Time instant = ToInstant(zone, absl::CivilMinute(day) + open, start);
    const Minute minute = CeilMinute(instant);
    return minute > from ? minute : from + 1;
  }
  return kNever;
}

const absl::TimeZone& ZoneFor(const Policy& policy, const Person& person) {
  return person.time_zone_name.empty() ? policy.quiet_hours.default_time_zone : person.time_zone;
}

void CheckQuietHours(const RuleInput& input, Minute candidate, Blocks* blocks) {
  const Policy& policy = input.policy;
  if (!policy.quiet_hours_enabled || !input.kind_rules.quiet_hours ||
      !policy.quiet_hours.channels.Contains(input.touch.channel))
    return;
  const Minute next =
      NextOutsideQuietHours(policy.quiet_hours, ZoneFor(policy, input.person), candidate);
  if (next == candidate) return;
  Reason reason{ReasonCode::kQuietHours, "quiet_hours", -1, candidate};
  if (next != kNever) reason.not_before = FromMinute(next);
  blocks->push_back(Block{next, reason});
}

}  // namespace tact
