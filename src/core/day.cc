#include "core/day.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace tact {

namespace {

const absl::CivilDay kEpoch(1970, 1, 1);

bool Digits(absl::string_view text, size_t from, size_t count, int* value) {
  int result = 0;
  for (size_t i = from; i < from + count; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return false;
    result = result * 10 + (c - '0');
  }
  *value = result;
  return true;
}

}  // namespace

absl::CivilDay CivilOf(Day day) { return kEpoch + day; }

std::string FormatDay(Day day) {
  const absl::CivilDay civil = CivilOf(day);
  return absl::StrFormat("%04d-%02d-%02d", civil.year(), civil.month(), civil.day());
}

absl::StatusOr<Day> ParseDay(absl::string_view text) {
  int year = 0, month = 0, day = 0;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-' && Digits(text, 0, 4, &year) &&
      Digits(text, 5, 2, &month) && Digits(text, 8, 2, &day)) {
    const absl::CivilDay civil(year, month, day);
    // CivilDay normalises 2023-02-30 to March; a real date reads back as given.
    if (civil.year() == year && civil.month() == month && civil.day() == day) {
      return static_cast<Day>(civil - kEpoch);
    }
  }
  return absl::InvalidArgumentError(
      absl::StrCat("'", text, "' is not a day; write YYYY-MM-DD (UTC)"));
}

}  // namespace tact
