// What every rule sees, and how rules report. Hard rules suppress; soft rules
// name the earliest minute they would allow, and the engine moves the touch to
// the earliest minute every soft rule allows. Rules are pure functions.
#pragma once

#include <vector>

#include "absl/container/inlined_vector.h"
#include "core/account.h"
#include "core/decision.h"
#include "core/history.h"
#include "core/person.h"
#include "core/touch.h"
#include "policy/policy.h"

namespace tact {

struct RuleInput {
  const Policy& policy;
  const Person& person;
  const Account* account;  // nullptr when the account is unknown
  const History& history;
  const Touch& touch;
  const KindRules& kind_rules;
  StableKey sender = 0;
  StableKey thread = 0;
  double tier_share = 1.0;
  const std::string* tier_name = nullptr;
  Minute at = 0;  // the minute the touch was asked for
};

// A soft rule's objection at one candidate minute.
struct Block {
  Minute next_allowed = kNever;  // when this rule would allow it; kNever for never
  Reason reason;
};
using Blocks = absl::InlinedVector<Block, 4>;

// Hard rule: appends a reason when the touch must not go at all.
using HardRule = void (*)(const RuleInput& input, Reasons* reasons);
// Soft rule: appends a Block when `candidate` is not allowed.
using SoftRule = void (*)(const RuleInput& input, Minute candidate, Blocks* blocks);

// The minutes of recorded touches that satisfy `keep`, ascending.
template <typename Predicate>
absl::InlinedVector<Minute, 32> MinutesWhere(const History& history, Predicate keep) {
  absl::InlinedVector<Minute, 32> minutes;
  for (const TouchRecord& record : history.touches()) {
    if (keep(record)) minutes.push_back(record.minute);
  }
  return minutes;
}

}  // namespace tact
