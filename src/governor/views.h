// What the Governor answers to the questions that read its state without
// changing it: a person's why, and the complaint guard's standing. Typed,
// for any transport to encode (encode/).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "core/decision.h"
#include "core/history.h"
#include "core/touch.h"
#include "governor/subject.h"
#include "policy/policy.h"
#include "ports/reputation_counts.h"

namespace tact {

// A person as tact sees them at `at`: their recorded touches, each budget's
// use, and what a touch of `kind` would get on every channel.
struct WhyView {
  struct BudgetUse {
    const Budget* budget;  // owned by `policy`
    int used = 0;          // touches in the window ending at `at`
  };
  struct Outlook {
    Touch touch;  // the dry-run touch asked
    Decision decision;
  };
  std::shared_ptr<const Policy> policy;
  std::string person_id;
  Subject subject;
  absl::Time at;
  Kind kind = Kind::kPromotional;
  History history;  // pruned to the policy's retention at `at`
  // Where each of `history`'s touches came from, as far as tact can tell
  // (a history keeps keys, not names): its team, named from the key it
  // kept; its sender and campaigns from the mirror's cells of its day, the
  // sender matched by its key and the campaigns that sender sent for that
  // team on that channel that day (one; several when it sent more than one
  // campaign; none when the mirror no longer has the day). One per touch.
  struct TouchSource {
    std::string team, sender;
    std::vector<std::string> campaigns;
  };
  std::vector<TouchSource> sources;
  std::vector<BudgetUse> budgets;
  std::vector<Outlook> channels;  // one per channel, in kAllChannels order
};

// The complaint guard: each campaign's and sending domain's rate.
struct ReputationView {
  std::shared_ptr<const Policy> policy;
  std::vector<ReputationRow> rows;
};

}  // namespace tact
