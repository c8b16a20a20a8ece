// The journal's share of what is written once and never changed: sellers'
// hypotheses under "hypothesis/<id>" and policy versions under
// "policy_version/<number>", in the default column family, all loaded at
// open.
#include "store/hypothesis_codec.h"
#include "store/journal.h"
#include "store/policy_version_codec.h"

namespace tact {

void Journal::WriteHypothesis(const Hypothesis& hypothesis) {
  Put(families_[0], HypothesisKey(hypothesis.id), EncodeHypothesis(hypothesis));
}

absl::Status Journal::LoadHypotheses(MemoryHypotheses& into) const {
  return LoadDecoded(kHypothesisKeyPrefix, "hypotheses", &DecodeHypothesis, into);
}

void Journal::WritePolicyVersion(const PolicyVersion& record) {
  Put(families_[0], PolicyVersionKey(record.version), EncodePolicyVersion(record));
}

absl::Status Journal::LoadPolicyVersions(MemoryPolicyVersions& into) const {
  return LoadDecoded(kPolicyVersionKeyPrefix, "policy versions", &DecodePolicyVersion, into);
}

}  // namespace tact
