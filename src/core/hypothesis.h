// A seller's hypothesis for an account, as the rule brief.hypothesis reads it:
// whether the touch's sender has one for the person's account, when it was
// written, how long it is, and whether it is in the seller's own words. The
// hypothesis itself is kept behind a port (ports/hypotheses.h); the Governor
// loads this standing for a cold touch and hands it to the rules
// (core/signals.h).
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/enum_names.h"
#include "core/minutes.h"

namespace tact {

// Whose words a hypothesis is, judged when it is written: the seller's own,
// or a near-copy of the account's brief, of a hypothesis for another
// account, or of another seller's hypothesis for this one. Stored
// (store/hypothesis_codec.h): new values go at the end.
enum class Originality : uint8_t { kOwnWords, kBriefCopy, kOtherAccountCopy, kOtherSellerCopy };
inline constexpr size_t kOriginalityCount = 4;
inline constexpr EnumNames<Originality, kOriginalityCount> kOriginalityNames({"own_words", "brief",
                                                                              "other_account",
                                                                              "other_seller"});

// The sender's latest hypothesis for the account, as the rule needs it.
struct HypothesisStanding {
  Minute written = 0;
  int words = 0;
  Originality originality = Originality::kOwnWords;
  double copied_share = 0;  // of the text found in the brief
};

}  // namespace tact
