#include "core/minutes.h"

#include <charconv>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace tact {

Minute ToMinute(absl::Time time) {
  return static_cast<Minute>(absl::ToUnixSeconds(time) >= 0
                                 ? absl::ToUnixSeconds(time) / 60
                                 : (absl::ToUnixSeconds(time) - 59) / 60);
}

absl::Time FromMinute(Minute minute) { return absl::FromUnixSeconds(int64_t{minute} * 60); }

absl::StatusOr<absl::Duration> ParseSpan(absl::string_view text) {
  const auto bad = [&] {
    return absl::InvalidArgumentError(absl::StrCat(
        "'", text, "' is not a span; write a whole number and a unit: 90m, 20h, 7d or 2w"));
  };
  if (text.size() < 2) return bad();
  int64_t amount = 0;
  const char* end = text.data() + text.size() - 1;
  auto [parsed_end, error] = std::from_chars(text.data(), end, amount);
  if (error != std::errc() || parsed_end != end || amount <= 0) return bad();
  if (amount > 10 * 365 * 24 * 60) return bad();
  switch (text.back()) {
    case 'm':
      return absl::Minutes(amount);
    case 'h':
      return absl::Hours(amount);
    case 'd':
      return absl::Hours(24 * amount);
    case 'w':
      return absl::Hours(24 * 7 * amount);
    default:
      return bad();
  }
}

std::string FormatSpan(absl::Duration span) {
  const int64_t minutes = absl::ToInt64Minutes(span);
  if (minutes % (24 * 60) == 0) return absl::StrCat(minutes / (24 * 60), "d");
  if (minutes % 60 == 0) return absl::StrCat(minutes / 60, "h");
  return absl::StrCat(minutes, "m");
}

bool FormatUtcTo(absl::Time time, char (&out)[kUtcTextSize]) {
  if (time < kEarliestTime || time >= kLatestTime) return false;
  // Every answer carries several times; cctz's general formatter costs more
  // than the decision. Days to civil date: H. Hinnant's civil_from_days.
  const int64_t seconds = absl::ToUnixSeconds(time);
  const int64_t days = seconds / 86400;  // non-negative within the accepted years
  const int64_t second_of_day = seconds % 86400;
  const int64_t shifted = days + 719468;
  const int64_t era = shifted / 146097;
  const int64_t day_of_era = shifted - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t month_index = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * month_index + 2) / 5 + 1);
  const int month = static_cast<int>(month_index < 10 ? month_index + 3 : month_index - 9);
  const int year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
  const auto put = [&out](int at, int value, int width) {
    for (int digit = width - 1; digit >= 0; --digit) {
      out[at + digit] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
  };
  put(0, year, 4);
  out[4] = '-';
  put(5, month, 2);
  out[7] = '-';
  put(8, day, 2);
  out[10] = 'T';
  put(11, static_cast<int>(second_of_day / 3600), 2);
  out[13] = ':';
  put(14, static_cast<int>(second_of_day / 60 % 60), 2);
  out[16] = ':';
  put(17, static_cast<int>(second_of_day % 60), 2);
  out[19] = 'Z';
  return true;
}

std::string FormatUtc(absl::Time time) {
  char text[kUtcTextSize];
  if (FormatUtcTo(time, text)) return std::string(text, kUtcTextSize);
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", time, absl::UTCTimeZone());
}

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil).
int64_t DaysFromCivil(int64_t year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

// The common form "YYYY-MM-DDTHH:MM:SSZ" with valid fields, without cctz's
// general parser (every touch carries one); nullopt sends anything else to it.
std::optional<absl::Time> ParseCommonUtc(absl::string_view text) {
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z') {
    return std::nullopt;
  }
  int fields[6];
  static constexpr int kStarts[6] = {0, 5, 8, 11, 14, 17};
  static constexpr int kWidths[6] = {4, 2, 2, 2, 2, 2};
  for (int field = 0; field < 6; ++field) {
    int value = 0;
    for (int at = kStarts[field]; at < kStarts[field] + kWidths[field]; ++at) {
      if (text[at] < '0' || text[at] > '9') return std::nullopt;
      value = value * 10 + (text[at] - '0');
    }
    fields[field] = value;
  }
  const int year = fields[0], month = fields[1], day = fields[2];
  static constexpr int kMonthDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kMonthDays[month - 1] || fields[3] > 23 ||
      fields[4] > 59 || fields[5] > 59) {
    return std::nullopt;
  }
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29 && !leap) return std::nullopt;
  return absl::FromUnixSeconds(DaysFromCivil(year, month, day) * 86400 + fields[3] * 3600 +
                               fields[4] * 60 + fields[5]);
}

}  // namespace

absl::StatusOr<absl::Time> ParseUtc(absl::string_view text) {
  if (const std::optional<absl::Time> common = ParseCommonUtc(text)) {
    if (*common >= kEarliestTime && *common < kLatestTime) return *common;
  }
  absl::Time time;
  std::string error;
  if (absl::ParseTime(absl::RFC3339_full, text, &time, &error)) {
    if (time < kEarliestTime || time >= kLatestTime) {
      return absl::InvalidArgumentError(
          absl::StrCat("'", text, "' is outside the years 1970 to 2199 that tact accepts"));
    }
    return time;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("'", text, "' is not an RFC 3339 time such as 2027-02-10T16:00:00Z"));
}

}  // namespace tact
