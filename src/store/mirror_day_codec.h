// A mirror day as the embedded store keeps it (the journal's "mirror/<day>"
// keys in the default column family). Frozen: every version reads what
// earlier ones wrote; add fields, never rename or drop one. JSON, so that a
// data directory can be inspected:
//   {"day": "2026-11-24", "became_dormant": n, "cells": [{"team", "campaign",
//    "sender", "tool", "channel", "kind" (when known; added within data
//    format 2), <measure name>: n (non-zero only),
//    "suppressed_by_rule": {rule: n}, "deferred_by_rule": {rule: n},
//    "crowded_by": {team: n} (when not empty; added within data format 2)}]}
// A measure a newer version added is skipped when read.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "report/mirror.h"

namespace tact {

struct StoredMirrorDay {
  Day day = 0;
  std::vector<MirrorCell> cells;
  int64_t became_dormant = 0;
};

std::string EncodeMirrorDay(const StoredMirrorDay& day);
// Errors: DataLoss naming what is wrong.
absl::StatusOr<StoredMirrorDay> DecodeMirrorDay(absl::string_view bytes);

// The journal key of a day: "mirror/" and the day, so keys sort by day.
std::string MirrorDayKey(Day day);
inline constexpr absl::string_view kMirrorKeyPrefix = "mirror/";

}  // namespace tact
