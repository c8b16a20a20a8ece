#include "policy/holidays.h"

#include <libical/ical.h>

#include <algorithm>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"

namespace tact {
namespace {

// More occurrences than a holiday has from its first year to
// kLastHolidayYear: a rule that repeats faster is not a holiday's.
constexpr int kMaxOccurrences = 200;

struct ComponentFree {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
struct IteratorFree {
  void operator()(icalrecur_iterator* iterator) const { icalrecur_iterator_free(iterator); }
};

Day DayOf(const icaltimetype& time) {
  return static_cast<Day>(absl::CivilDay(time.year, time.month, time.day) - absl::CivilDay(1970));
}

// The days one occurrence starting at `start` covers: `length` days.
void AddDays(const icaltimetype& start, int length, const std::string& name,
             std::vector<std::pair<Day, std::string>>& days) {
  const Day first = DayOf(start);
  for (int offset = 0; offset < length; ++offset) days.emplace_back(first + offset, name);
}

// One VEVENT's days; an error names what is wrong with it.
absl::Status AddEvent(icalcomponent* event, std::vector<std::pair<Day, std::string>>& days) {
  const icaltimetype start = icalcomponent_get_dtstart(event);
  if (icaltime_is_null_time(start)) return absl::InvalidArgumentError("an event has no DTSTART");
  const char* summary = icalcomponent_get_summary(event);
  const std::string name = summary != nullptr && *summary != '\0' ? summary : "a public holiday";
  int length = 1;
  const icaltimetype end = icalcomponent_get_dtend(event);
  if (!icaltime_is_null_time(end)) length = std::max(1, DayOf(end) - DayOf(start));
  if (length > kMaxHolidayDays) {
    return absl::InvalidArgumentError(absl::StrCat(
        "'", name, "' lasts ", length, " days; a holiday lasts at most ", kMaxHolidayDays));
  }
  icalproperty* rule = icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY);
  if (rule == nullptr) {
    AddDays(start, length, name, days);
    return absl::OkStatus();
  }
  std::unique_ptr<icalrecur_iterator, IteratorFree> occurrences(
      icalrecur_iterator_new(icalproperty_get_rrule(rule), start));
  if (occurrences == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("'", name, "' has an RRULE libical refuses"));
  }
  int count = 0;
  for (icaltimetype next = icalrecur_iterator_next(occurrences.get());
       !icaltime_is_null_time(next) && next.year <= kLastHolidayYear;
       next = icalrecur_iterator_next(occurrences.get())) {
    if (++count > kMaxOccurrences) {
      return absl::InvalidArgumentError(
          absl::StrCat("'", name, "' repeats more often than once a year"));
    }
    AddDays(next, length, name, days);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Holidays> Holidays::Parse(absl::string_view text, absl::string_view source) {
  const std::string terminated(text);
  icalerror_clear_errno();
  std::unique_ptr<icalcomponent, ComponentFree> calendar(
      icalparser_parse_string(terminated.c_str()));
  if (calendar == nullptr || icalcomponent_isa(calendar.get()) != ICAL_VCALENDAR_COMPONENT) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": not an iCalendar file (BEGIN:VCALENDAR … END:VCALENDAR)"));
  }
  Holidays holidays;
  for (icalcomponent* event =
           icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT);
       event != nullptr;
       event = icalcomponent_get_next_component(calendar.get(), ICAL_VEVENT_COMPONENT)) {
    if (absl::Status added = AddEvent(event, holidays.days_); !added.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(source, ": ", added.message()));
    }
  }
  if (holidays.days_.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": no holidays (VEVENT) in it"));
  }
  // Each day once: the first event of the file names it.
  std::stable_sort(holidays.days_.begin(), holidays.days_.end(),
                   [](const auto& left, const auto& right) { return left.first < right.first; });
  holidays.days_.erase(
      std::unique(holidays.days_.begin(), holidays.days_.end(),
                  [](const auto& left, const auto& right) { return left.first == right.first; }),
      holidays.days_.end());
  return holidays;
}

const std::string* Holidays::NameOn(Day day) const {
  const auto found = std::lower_bound(
      days_.begin(), days_.end(), day,
      [](const std::pair<Day, std::string>& held, Day want) { return held.first < want; });
  return found != days_.end() && found->first == day ? &found->second : nullptr;
}

}  // namespace tact
