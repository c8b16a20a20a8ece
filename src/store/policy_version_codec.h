// A policy version as the stores keep it: the embedded store's journal
// (default column family, key "policy_version/" and the number as 16 hex
// digits) and the Redis Cluster's hash of them, {tact}policy-versions
// (redis_state/redis_shared_policy.h). Frozen: every version reads what
// earlier ones wrote; new fields go at the end.
//   value: format (1) | version (fixed i64) | at (fixed i64, unix micros)
//          | token | origin | text | changes: count (varint), then each
// Texts are length-prefixed (store/byte_codec.h).
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ports/policy_versions.h"

namespace tact {

inline constexpr absl::string_view kPolicyVersionKeyPrefix = "policy_version/";

std::string EncodePolicyVersion(const PolicyVersion& record);
// Errors: InvalidArgument saying what is wrong.
absl::StatusOr<PolicyVersion> DecodePolicyVersion(absl::string_view bytes);
std::string PolicyVersionKey(int64_t version);

}  // namespace tact
