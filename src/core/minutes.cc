#include "core/minutes.h"

#include <charconv>

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

std::string FormatUtc(absl::Time time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", time, absl::UTCTimeZone());
}

absl::StatusOr<absl::Time> ParseUtc(absl::string_view text) {
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
