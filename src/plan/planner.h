// `tact plan`: replays proposed touches in time order against simulated time,
// through the Governor, as the service decides them (over the plan's own
// state in memory, or a running service's). A deferred
// touch is asked again at its not_before (as a tool would) until it is sent,
// suppressed, or its next try falls past the horizon. Its kind's max_delay
// counts from its first ask, so a touch that would go stale is suppressed.
//
// The steps of a thread (one person's touches with the same `thread`) keep
// their order, as a sequence tool keeps them: a step is asked only once the
// step before it is sent or suppressed, and not before that moment. A step
// behind one still deferred at the horizon is never asked.
//
// Thread safety: none; a Planner runs one plan.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/status/statusor.h"
#include "content/analysis.h"
#include "core/boxed.h"
#include "core/decision.h"
#include "core/touch.h"
#include "governor/governor.h"

namespace tact {

// One proposed touch and what became of it.
struct PlannedTouch {
  Touch touch;  // `at` is required
  int line = 0;
  // What its text is (AnalysisMemo::Take: the touch's subject and body were
  // then dropped), owned by whoever read the touches; null: the decider
  // analyses the touch's own text, if any.
  const ContentFacts* content = nullptr;
  absl::Time proposed_at;             // the touch's own `at`; set by RunPlan
  Outcome outcome = Outcome::kDefer;  // kDefer: still waiting at the horizon
  absl::Time decided_at;              // when it was sent, suppressed or last deferred to
  int deferrals = 0;
  // Every rule that deferred it at least once, and those its suppression
  // named, in first-seen order (ids owned by the policy). Room for one
  // each inside: a plan keeps a million of these, most held back by one
  // rule if any.
  absl::InlinedVector<absl::string_view, 1> deferred_by;
  absl::InlinedVector<absl::string_view, 1> suppressed_by;
  Boxed<Reason> last_reason;  // the last decision's first reason, if any
  // Never asked: an earlier step of its thread was still deferred at the
  // horizon (outcome kDefer, deferrals 0).
  bool behind_earlier_step = false;
};

// A plan counts proposed touches, each once, by what finally became of it:
// `deferred` is still waiting at the horizon. The terminal summary and
// `tact report --plan` both count this way.
struct Tally {
  int asked = 0, sent = 0, deferred = 0, suppressed = 0;
  // One more touch asked, which ended as `outcome`.
  void Count(Outcome outcome) {
    ++asked;
    switch (outcome) {
      case Outcome::kSend:
        ++sent;
        break;
      case Outcome::kDefer:
        ++deferred;
        break;
      case Outcome::kSuppress:
        ++suppressed;
        break;
    }
  }
};

struct RuleTally {
  int deferred = 0;    // touches the rule deferred at least once
  int suppressed = 0;  // touches whose suppression named the rule
};

struct PlanSummary {
  Tally total;
  int requeued = 0;  // decisions that deferred a touch which was then asked again
  absl::flat_hash_map<std::string, RuleTally> by_rule;
  absl::flat_hash_map<std::string, Tally> by_campaign;
  absl::flat_hash_map<std::string, Tally> by_sender;
  absl::flat_hash_map<std::string, Tally> by_team;
};

// How a plan asks about its touches.
struct PlanDecider {
  // Decides one touch at `now` (the touch's `at`) and records a send; the
  // state's error when it failed. `content`: PlannedTouch::content.
  std::function<absl::StatusOr<Decision>(const Touch& touch, const ContentFacts* content,
                                         absl::Time now)>
      decide;
  // If set, told of touches that will likely be decided soon, each several
  // times as it comes nearer (`step` 0, 1, ...: a hint, as
  // ProfileStore::Prefetch's steps, of which there are kLookAheadSteps).
  std::function<void(const Touch& touch, int step)> look_ahead;
  static constexpr int kLookAheadSteps = ProfileStore::kPrefetchSteps;
};

// Decides through `governor` with the policy it has now (the one the
// touches were validated against). `governor` must outlive the decider,
// and that policy must outlive the outcomes' rule ids (PlannedTouch's
// deferred_by and suppressed_by point into it): keep the Governor, or the
// policy it was given, while reading them. Each distinct text a touch
// without `content` has is analysed once and remembered by reference: the
// touches asked about must outlive the decider, their text unchanged
// (RunPlan's do).
PlanDecider GovernorDecider(Governor& governor);

// Runs the plan over `touches` (in any order), asking `decide`, and fills
// in each outcome. Touches whose next try would fall after `horizon` stay
// deferred. `progress`, if set, is called now and then with (decided, total).
// Stops at the first error of `decide` and returns it.
absl::StatusOr<PlanSummary> RunPlan(std::vector<PlannedTouch>& touches, absl::Time horizon,
                                    const PlanDecider& decide,
                                    const std::function<void(size_t, size_t)>& progress = nullptr);

}  // namespace tact
