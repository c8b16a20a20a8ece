#include "rules/quiet_hours.h"

#include <limits>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/day.h"

namespace tact {
namespace {

constexpr int kMinutesPerDay = 24 * 60;

const DayWindow& WindowFor(const QuietHours& quiet, int weekday) {
  return quiet.is_weekend[weekday] ? quiet.weekends : quiet.weekdays;
}

// A quiet period in UTC minutes: [start, end).
struct Span {
  Minute start;
  Minute end;
};

// The quiet periods of the local day that begins at local minute `day`.
// Each local interval [a, b) of the day's window becomes the elapsed time
// from the first occurrence of a to the first occurrence of b after it: a
// repeated hour (clocks going back) cannot start quiet hours a second time
// or end them early, and a skipped one (clocks going forward) starts or
// ends them at the jump.
int SpansOfDay(const QuietHours& quiet, const LocalClock& clock, Minute day, Span* spans) {
  const DayWindow& window = WindowFor(quiet, LocalClock::Weekday(day));
  int count = 0;
  const auto add = [&](int from, int to) {
    const Minute start = clock.FromLocal(day + from, std::numeric_limits<Minute>::min());
    if (start == kNever) return;
    spans[count++] = Span{start, clock.FromLocal(day + to, start)};
  };
  if (window.IsNone()) return 0;
  if (window.IsAllDay() || window.start_minute < window.end_minute) {
    add(window.IsAllDay() ? 0 : window.start_minute, window.end_minute);
  } else {  // overnight: the day's early hours and its evening
    if (window.end_minute > 0) add(0, window.end_minute);
    add(window.start_minute, kMinutesPerDay);
  }
  return count;
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

// NextOutsideQuietHours where the offset does not change from a day before
// `from` to a week after it (most of the year): local arithmetic is exact.
Minute NextWithOneOffset(const QuietHours& quiet, const LocalClock& clock, Minute from) {
  const Minute local = clock.ToLocal(from);
  const int now_minute = LocalClock::MinuteOfDay(local);
  const int weekday = LocalClock::Weekday(local);
  for (int offset = 0; offset <= 7; ++offset) {
    const int open =
        FirstOpenMinute(WindowFor(quiet, (weekday + offset) % 7), offset == 0 ? now_minute : 0);
    if (open < 0) continue;
    if (offset == 0 && open == now_minute) return from;
    return from + (offset * kMinutesPerDay + open - now_minute);
  }
  return kNever;
}

}  // namespace

Minute NextOutsideQuietHours(const QuietHours& quiet, const LocalClock& clock, Minute from) {
  if (clock.SameOffsetBetween(from - kMinutesPerDay, from + 8 * kMinutesPerDay)) {
    return NextWithOneOffset(quiet, clock, from);
  }
  // Near a daylight-saving change: leave every quiet period `from` falls in, one after another (a
  // period can end where the next begins, at midnight or at a weekend); a week of them means never.
  Minute at = from;
  for (int step = 0; step < 32; ++step) {
    const Minute local = clock.ToLocal(at);
    const Minute today = local - LocalClock::MinuteOfDay(local);
    bool moved = false;
    for (int offset = -1; offset <= 1 && !moved; ++offset) {
      Span spans[2];
      const int count = SpansOfDay(quiet, clock, today + offset * kMinutesPerDay, spans);
      for (int index = 0; index < count; ++index) {
        if (spans[index].start <= at && at < spans[index].end) {
          at = spans[index].end;
          moved = true;
          break;
        }
      }
    }
    if (!moved) return at;
    if (at == kNever || at - from > 8 * kMinutesPerDay) return kNever;
  }
  return kNever;
}

const std::string* HolidayFor(const QuietHours& quiet, const Person& person, Day local_day) {
  if (quiet.holidays.empty() || person.country.empty()) return nullptr;
  if (!person.region.empty()) {
    const std::string region =
        absl::StrContains(person.region, '-')
            ? absl::AsciiStrToUpper(person.region)
            : absl::StrCat(person.country, "-", absl::AsciiStrToUpper(person.region));
    if (const auto found = quiet.holidays.find(region); found != quiet.holidays.end()) {
      if (const std::string* name = found->second->NameOn(local_day)) return name;
    }
  }
  const auto found = quiet.holidays.find(person.country);
  return found == quiet.holidays.end() ? nullptr : found->second->NameOn(local_day);
}

Minute NextOutsideQuietHoursAndHolidays(const QuietHours& quiet, const LocalClock& clock,
                                        const Person& person, Minute from) {
  Minute at = NextOutsideQuietHours(quiet, clock, from);
  if (quiet.holidays.empty()) return at;
  // Holidays and the quiet days around them: a few weeks of them at most.
  for (int step = 0; step < 2 * kMaxHolidayDays && at != kNever; ++step) {
    const Minute local = clock.ToLocal(at);
    const Minute midnight = local - LocalClock::MinuteOfDay(local);
    if (HolidayFor(quiet, person, DayOfMinute(midnight)) == nullptr) return at;
    at = NextOutsideQuietHours(quiet, clock, clock.FromLocal(midnight + kMinutesPerDay, at));
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
  const LocalClock& clock = ClockFor(policy, input.person);
  const Minute next =
      NextOutsideQuietHoursAndHolidays(policy.quiet_hours, clock, input.person, candidate);
  if (next == candidate) return;
  Reason reason{ReasonCode::kQuietHours, "quiet_hours", -1, candidate};
  if (!policy.quiet_hours.holidays.empty()) {
    const Minute local = clock.ToLocal(candidate);
    if (const std::string* holiday =
            HolidayFor(policy.quiet_hours, input.person,
                       DayOfMinute(local - LocalClock::MinuteOfDay(local)))) {
      reason.detail = *holiday;  // owned by the policy
    }
  }
  if (next != kNever) reason.not_before = FromMinute(next);
  blocks->push_back(Block{next, reason});
}

}  // namespace tact
