// A mirror day as stored (the journal's "mirror/<day>" keys) and as `tact
// report --state` reads it: JSON, so a data directory can be inspected.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "codec/json_writer.h"
#include "report/mirror.h"

namespace tact {

struct StoredMirrorDay {
  Day day = 0;
  std::vector<MirrorCell> cells;
  int64_t became_dormant = 0;
};

std::string EncodeMirrorDay(const StoredMirrorDay& day);
// {"rule": count, ...}, as stored and as reports show it.
void WriteRuleCounts(JsonWriter& writer, const absl::btree_map<std::string, int64_t>& rules);
// Errors: DataLoss naming what is wrong.
absl::StatusOr<StoredMirrorDay> DecodeMirrorDay(absl::string_view bytes);

// "2026-11-24" and back. Errors: InvalidArgument.
std::string FormatDay(Day day);
absl::StatusOr<Day> ParseDay(absl::string_view text);

// The journal key of a day: "mirror/" and the day, so keys sort by day.
std::string MirrorDayKey(Day day);
inline constexpr absl::string_view kMirrorKeyPrefix = "mirror/";

}  // namespace tact
