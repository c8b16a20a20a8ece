// What every rule sees, and how rules report. Hard rules suppress; soft rules
// name the earliest minute they would allow, and the engine moves the touch to
// the earliest minute every soft rule allows. Rules are pure functions.
#pragma once

#include <vector>

#include "absl/container/inlined_vector.h"
#include "content/analysis.h"
#include "core/account.h"
#include "core/decision.h"
#include "core/history.h"
#include "core/person.h"
#include "core/signals.h"
#include "core/touch.h"
#include "policy/policy.h"

namespace tact {

using MinuteList = absl::InlinedVector<Minute, 16>;

// The person's recorded touches, collected once per decision: per policy
// scope (Policy::scopes), by this touch's sender, and in this touch's thread.
struct CountedTouches {
  absl::InlinedVector<MinuteList, 4> by_scope;
  MinuteList by_sender;  // counted kinds only
  MinuteList in_thread;  // every kind
};

// Collects `history` for `policy` and a touch from `sender` in `thread`.
CountedTouches CollectTouches(const Policy& policy, const History& history, StableKey sender,
                              StableKey thread);

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
  const CountedTouches* counted = nullptr;
  const Signals* signals = nullptr;       // nullptr: nothing known beyond the history
  const ContentFacts* content = nullptr;  // nullptr: the touch has no text
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

}  // namespace tact
