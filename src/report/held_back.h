// A touch tact held back (deferred or suppressed), as reports list them:
// whom, when, which rule, from where, and the decision as it was made, so a
// report can drill down from a row to its reasons.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "core/decision.h"
#include "core/kind.h"
#include "core/minutes.h"
#include "core/touch.h"
#include "policy/policy.h"
#include "report/mirror.h"

namespace tact {

// One reason of a held-back decision as a reader sees it.
struct HeldBackReason {
  std::string rule;
  std::string sentence;  // empty where only the rule id is known (a plan's rows)
};

struct HeldBack {
  std::string person_id;
  Minute minute = 0;  // the touch's intended time
  Outcome outcome = Outcome::kDefer;
  std::string rule;  // the first reason's rule id
  std::string team, campaign, sender;
  Channel channel = Channel::kEmail;
  Kind kind = Kind::kPromotional;
  std::optional<absl::Time> not_before;  // a deferral's
  int64_t policy_version = 0;            // 0: not known

  // The decision's reasons, to be explained when read: they point into
  // `policy` (kept alive here), and the sentences read the fields of
  // `touch` that Explain reads (its text is not kept). Null `policy`: the
  // reasons are in `explained` already, or were not kept.
  std::shared_ptr<const Policy> policy;
  Reasons reasons;
  Touch touch;
  // The reasons as sentences, once explained (or as a plan's rule ids).
  std::vector<HeldBackReason> explained;
};

// The fields of `touch` a reason's sentence reads (rules/explain.h), without
// its text: what a held-back row keeps of the touch.
Touch ExplainableTouch(const Touch& touch);

}  // namespace tact
