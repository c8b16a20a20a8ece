#include "store/hypothesis_codec.h"

#include "absl/strings/str_cat.h"
#include "store/byte_codec.h"

namespace tact {
namespace {

constexpr uint8_t kVersion = 1;
// Far more than a hypothesis cites (the API allows 20); a bound on what a
// corrupt count makes the decoder reserve.
constexpr uint64_t kMaxSignals = 1000;

}  // namespace

std::string EncodeHypothesis(const Hypothesis& hypothesis) {
  std::string bytes;
  ByteWriter out(&bytes);
  out.Byte(kVersion);
  out.Fixed<uint64_t>(hypothesis.id);
  out.Fixed<int64_t>(absl::ToUnixMicros(hypothesis.written));
  out.Fixed<uint64_t>(hypothesis.fingerprint);
  out.Varint(static_cast<uint64_t>(hypothesis.words));
  out.Byte(static_cast<uint8_t>(hypothesis.originality));
  out.Fixed<double>(hypothesis.copied_share);
  out.Fixed<uint64_t>(hypothesis.copy_of);
  for (const std::string* text : {&hypothesis.account_id, &hypothesis.seller, &hypothesis.team,
                                  &hypothesis.text, &hypothesis.evidence}) {
    out.Text(*text);
  }
  out.Varint(hypothesis.signals.size());
  for (const std::string& signal : hypothesis.signals) out.Text(signal);
  return bytes;
}

absl::StatusOr<Hypothesis> DecodeHypothesis(absl::string_view bytes) {
  ByteReader in(bytes);
  Hypothesis hypothesis;
  const std::optional<uint8_t> version = in.Byte();
  if (!version || *version != kVersion) {
    return absl::InvalidArgumentError(
        absl::StrCat("a hypothesis of version ", version.value_or(0), " (this tact reads 1)"));
  }
  hypothesis.id = in.Fixed<uint64_t>().value_or(0);
  hypothesis.written = absl::FromUnixMicros(in.Fixed<int64_t>().value_or(0));
  hypothesis.fingerprint = in.Fixed<uint64_t>().value_or(0);
  hypothesis.words = static_cast<int>(in.Varint().value_or(0));
  const std::optional<uint8_t> originality = in.Byte();
  if (!originality || *originality >= kOriginalityCount) {
    return absl::InvalidArgumentError("a hypothesis has no valid originality");
  }
  hypothesis.originality = static_cast<Originality>(*originality);
  hypothesis.copied_share = in.Fixed<double>().value_or(0);
  hypothesis.copy_of = in.Fixed<uint64_t>().value_or(0);
  for (std::string* text : {&hypothesis.account_id, &hypothesis.seller, &hypothesis.team,
                            &hypothesis.text, &hypothesis.evidence}) {
    if (auto read = in.Text()) *text = *std::move(read);
  }
  const uint64_t signals = in.Varint().value_or(0);
  if (signals > kMaxSignals)
    return absl::InvalidArgumentError("a hypothesis cites too many signals");
  for (uint64_t index = 0; index < signals && !in.failed(); ++index) {
    if (auto signal = in.Text()) hypothesis.signals.push_back(*std::move(signal));
  }
  if (!in.done() || hypothesis.id == 0) {
    return absl::InvalidArgumentError("a hypothesis is truncated or has bad or trailing bytes");
  }
  return hypothesis;
}

std::string HypothesisKey(uint64_t id) {
  return absl::StrCat(kHypothesisKeyPrefix, absl::Hex(id, absl::kZeroPad16));
}

}  // namespace tact
