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
  std::vector<BudgetUse> budgets;
  std::vector<Outlook> channels;  // one per channel, in kAllChannels order
};

// The complaint guard: each campaign's and sending domain's rate.
struct ReputationView {
  std::shared_ptr<const Policy> policy;
  std::vector<ReputationRow> rows;
};

}  // namespace tact
