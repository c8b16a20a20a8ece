// Port: rolling send and spam-complaint counts per campaign and per sending
// domain over the policy's complaint window, kept as touches are sent and
// complaints arrive (never by scanning). Feeds the complaint guard
// (rules/reputation.h) and GET /v1/reputation.
//
// Contract for every implementation:
//   - Counts are additive and commutative: nodes sharing the counts may add
//     in any order; a reader sees every count added before it, give or take
//     the implementation's documented flush interval.
//   - A send counts under the minute it was sent; a complaint under the
//     minute its touch was sent (so a rate compares like with like).
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/minutes.h"
#include "core/signals.h"
#include "policy/policy.h"

namespace tact {

struct ReputationRow {
  std::string scope;  // "campaign" or "domain"
  std::string name;
  ComplaintRate rate;
  bool throttled = false;
};

class ReputationCounts {
 public:
  virtual ~ReputationCounts() = default;

  // A send or a complaint about a touch sent at `sent_at`; empty names are
  // not counted.
  virtual void CountSend(absl::string_view campaign, absl::string_view domain, Minute sent_at) = 0;
  virtual void CountComplaint(absl::string_view campaign, absl::string_view domain,
                              Minute sent_at) = 0;

  // The rates a decision at `now` reads; each absent for a name never
  // counted (a rate with nothing sent in the window judges nothing).
  virtual Signals SignalsFor(absl::string_view campaign, absl::string_view domain,
                             const ComplaintGuard& guard, Minute now) = 0;
  // Every campaign and domain with sends in the window, most complained first.
  virtual std::vector<ReputationRow> Report(const ComplaintGuard& guard, Minute now) = 0;
};

}  // namespace tact
