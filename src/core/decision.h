// What tact answers about one touch, and why.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "core/history.h"
#include "core/minutes.h"

namespace tact {

enum class Outcome : uint8_t { kSend, kDefer, kSuppress };

// "send", "defer", "suppress".
absl::string_view OutcomeName(Outcome outcome);

// What kind of objection a reason is; Explain() (rules/explain.h) turns it
// into a sentence.
enum class ReasonCode : uint8_t {
  kConsentOptedOut,
  kConsentOptInMissing,
  kHealthEscalation,
  kHealthCommitment,
  kIcpUnknownAccount,
  kIcpBelowThreshold,
  kFollowupUnanswered,
  kBudget,
  kPriorityReserve,
  kGap,
  kSender,
  kFollowupGap,
  kQuietHours,
  kListUnsubscribed,
  kAddressUndeliverable,
  kDormant,
  kComplaintRate,
  kOnLimitDrop,
  kExpires,
  kNoTime,
};

// One rule's objection: structured, so deciding never formats text. `rule`
// is a stable id that is part of the API (e.g. "budget.all.7d",
// "quiet_hours", "consent.sms"); it points into static storage or into the
// policy the decision was made with, and is valid while that policy lives.
// The numbers are set where the rule has them.
struct Reason {
  ReasonCode code = ReasonCode::kNoTime;
  absl::string_view rule;
  int policy_index = -1;  // kBudget, kPriorityReserve, kGap: index into the policy's list
  Minute at = 0;          // the minute the rule looked at
  std::optional<absl::Duration> window;
  std::optional<int> count;  // touches already in the window (or in the thread, or on the account)
  std::optional<int> limit;
  std::optional<absl::Time> not_before;  // when this rule alone would allow it
  std::optional<double> score;           // icp: the account's score
  std::optional<double> threshold;       // icp: the policy's threshold
};

using Reasons = absl::InlinedVector<Reason, 2>;

// How much of one policy budget the person has used, this touch included when
// it is sent. `budget_index` indexes Policy::budgets.
struct BudgetUsage {
  int budget_index = 0;
  int used = 0;
  int max = 0;
};

struct Decision {
  Outcome outcome = Outcome::kSend;
  absl::Time at;          // the instant decided for (the touch's `at`, or now)
  absl::Time not_before;  // set for kDefer: the earliest instant all rules allow
  Reasons reasons;
  absl::InlinedVector<BudgetUsage, 4> budgets;
  // For a send that is not a dry run: what the store must add to history,
  // atomically with answering.
  std::optional<TouchRecord> record;
};

}  // namespace tact
