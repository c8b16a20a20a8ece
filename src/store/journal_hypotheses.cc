// The journal's share of sellers' hypotheses: each written once under
// "hypothesis/<id>" in the default column family, all loaded at open.
#include "store/hypothesis_codec.h"
#include "store/journal.h"

namespace tact {

void Journal::WriteHypothesis(const Hypothesis& hypothesis) {
  Put(families_[0], HypothesisKey(hypothesis.id), EncodeHypothesis(hypothesis));
}

absl::Status Journal::LoadHypotheses(MemoryHypotheses& into) const {
  return LoadDecoded(kHypothesisKeyPrefix, "hypotheses", &DecodeHypothesis, into);
}

}  // namespace tact
