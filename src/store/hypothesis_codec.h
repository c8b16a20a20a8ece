// A seller's hypothesis as the stores keep it: the embedded store's journal
// (default column family, key "hypothesis/" and the id as 16 hex digits) and
// the Redis Cluster's hash of them (redis_state/redis_hypotheses.h). Frozen:
// every version reads what earlier ones wrote; new fields go at the end.
//   value: version (1) | id (fixed u64) | written (fixed i64, unix micros)
//          | fingerprint (fixed u64) | words (varint) | originality (byte)
//          | copied_share (fixed double) | copy_of (fixed u64)
//          | account_id | seller | team | text | evidence
//          | signals: count (varint), then each
// Texts are length-prefixed (store/byte_codec.h); the originality is its
// enum's value (core/hypothesis.h), which only grows at the end.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ports/hypotheses.h"

namespace tact {

inline constexpr absl::string_view kHypothesisKeyPrefix = "hypothesis/";

std::string EncodeHypothesis(const Hypothesis& hypothesis);
// Errors: InvalidArgument saying what is wrong.
absl::StatusOr<Hypothesis> DecodeHypothesis(absl::string_view bytes);
std::string HypothesisKey(uint64_t id);

}  // namespace tact
