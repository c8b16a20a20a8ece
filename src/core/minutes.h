// tact keeps time at minute resolution: history stores each recorded touch as
// whole minutes since the Unix epoch (int32 lasts until the year 6053), and
// every window and gap is a whole number of minutes. A touch is recorded at the
// minute it falls in (seconds dropped), so limits hold exactly in minutes.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace tact {

using Minute = int32_t;
inline constexpr Minute kNever = std::numeric_limits<Minute>::max();

// The minute `time` falls in (floor).
Minute ToMinute(absl::Time time);
absl::Time FromMinute(Minute minute);

// Parses a span like "30m", "20h", "7d" or "2w" (a positive whole number and
// one unit). Errors: InvalidArgument naming the accepted form.
absl::StatusOr<absl::Duration> ParseSpan(absl::string_view text);

// Formats a span the way policies write it: "7d", "20h", "90m".
std::string FormatSpan(absl::Duration span);

// Whole minutes in `span` (spans are validated to be whole minutes).
inline Minute SpanMinutes(absl::Duration span) {
  return static_cast<Minute>(absl::ToInt64Minutes(span));
}

// The times tact accepts; minutes since the epoch fit an int32 with room to
// add any window.
inline const absl::Time kEarliestTime = absl::UnixEpoch();
inline const absl::Time kLatestTime =
    absl::FromCivil(absl::CivilSecond(2200, 1, 1, 0, 0, 0), absl::UTCTimeZone());

// RFC 3339 in UTC with seconds, e.g. "2027-02-11T08:00:00Z".
std::string FormatUtc(absl::Time time);

// FormatUtc's text of a time within [kEarliestTime, kLatestTime), written to
// `out` without a terminating NUL; false (and `out` untouched) for any other
// time. For writers that must not allocate per time.
inline constexpr size_t kUtcTextSize = 20;
bool FormatUtcTo(absl::Time time, char (&out)[kUtcTextSize]);

// Parses RFC 3339 ("2027-02-10T16:00:00Z", offsets allowed). Errors:
// InvalidArgument for malformed text or a time outside [kEarliestTime, kLatestTime).
absl::StatusOr<absl::Time> ParseUtc(absl::string_view text);

}  // namespace tact
