// What the shells know beyond one person's history that rules may read: the
// complaint rates of the touch's campaign and sending domain
// (store/reputation.h), and how many people a text already reached
// (content/template_counter.h), the sender's hypothesis for the account
// (core/hypothesis.h). Computed by the shell, handed to the core.
#pragma once

#include <cstdint>
#include <optional>

#include "core/hypothesis.h"
#include "core/minutes.h"

namespace tact {

// Sends and spam complaints over the policy's reputation window, ending now.
struct ComplaintRate {
  int64_t sent = 0;
  int64_t complaints = 0;
  // The earliest minute at which, with nothing new, the rate is below the
  // policy's limit again (old complaints have left the window).
  Minute clears_at = 0;
};

struct ContentFacts;   // content/analysis.h
struct SendTimePrior;  // core/send_time.h

struct Signals {
  std::optional<ComplaintRate> campaign;
  std::optional<ComplaintRate> domain;
  // The touch's text analysed ahead of the decision (nullptr: Decide
  // analyses it itself), and how many distinct people its fingerprint reached
  // within the mass-template window, this person not counted.
  const ContentFacts* content = nullptr;
  std::optional<int64_t> template_recipients;
  // Loaded for the kinds brief.hypothesis applies to: the touch's sender's
  // latest hypothesis for the person's account; nullopt when there is none.
  std::optional<HypothesisStanding> hypothesis;
  // When people like this person read (their country, zone and role), for
  // `best_at` under [send_time]; nullptr: the shape of a working week.
  const SendTimePrior* reading_prior = nullptr;
};

}  // namespace tact
