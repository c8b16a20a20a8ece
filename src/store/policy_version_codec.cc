#include "store/policy_version_codec.h"

#include "absl/strings/str_cat.h"
#include "store/byte_codec.h"

namespace tact {
namespace {

constexpr uint8_t kFormat = 1;
// Far more lines than two policies differ by; a bound on what a corrupt
// count makes the decoder reserve.
constexpr uint64_t kMaxChanges = 100000;

}  // namespace

std::string EncodePolicyVersion(const PolicyVersion& record) {
  std::string bytes;
  ByteWriter out(&bytes);
  out.Byte(kFormat);
  out.Fixed<int64_t>(record.version);
  out.Fixed<int64_t>(absl::ToUnixMicros(record.at));
  for (const std::string* text : {&record.token, &record.origin, &record.text}) out.Text(*text);
  out.Varint(record.changes.size());
  for (const std::string& change : record.changes) out.Text(change);
  return bytes;
}

absl::StatusOr<PolicyVersion> DecodePolicyVersion(absl::string_view bytes) {
  ByteReader in(bytes);
  PolicyVersion record;
  const std::optional<uint8_t> format = in.Byte();
  if (!format || *format != kFormat) {
    return absl::InvalidArgumentError(
        absl::StrCat("a policy version of format ", format.value_or(0), " (this tact reads 1)"));
  }
  record.version = in.Fixed<int64_t>().value_or(0);
  record.at = absl::FromUnixMicros(in.Fixed<int64_t>().value_or(0));
  for (std::string* text : {&record.token, &record.origin, &record.text}) {
    if (auto read = in.Text()) *text = *std::move(read);
  }
  const uint64_t changes = in.Varint().value_or(0);
  if (changes > kMaxChanges) {
    return absl::InvalidArgumentError("a policy version lists too many changes");
  }
  for (uint64_t index = 0; index < changes && !in.failed(); ++index) {
    if (auto change = in.Text()) record.changes.push_back(*std::move(change));
  }
  if (!in.done() || record.version <= 0) {
    return absl::InvalidArgumentError("a policy version is truncated or has bad or trailing bytes");
  }
  return record;
}

std::string PolicyVersionKey(int64_t version) {
  return absl::StrCat(kPolicyVersionKeyPrefix,
                      absl::Hex(static_cast<uint64_t>(version), absl::kZeroPad16));
}

}  // namespace tact
