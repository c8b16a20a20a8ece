#include "report/days.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"

namespace tact {

std::string FormatDay(Day day) {
  const absl::CivilDay civil = absl::CivilDay(1970, 1, 1) + day;
  return absl::StrFormat("%04d-%02d-%02d", civil.year(), civil.month(), civil.day());
}

absl::StatusOr<Day> ParseDay(absl::string_view text) {
  absl::CivilDay civil;
  if (text.size() != 10 || !absl::ParseCivilTime(text, &civil)) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", text, "' is not a day; write YYYY-MM-DD (UTC)"));
  }
  return static_cast<Day>(civil - absl::CivilDay(1970, 1, 1));
}

}  // namespace tact
