#include "plan/planner.h"

#include <algorithm>
#include <limits>
#include <queue>

#include "content/analysis_memo.h"

namespace tact {
namespace {

constexpr size_t kNone = std::numeric_limits<size_t>::max();

struct Pending {
  absl::Time at;
  size_t index;
  bool operator>(const Pending& other) const {
    return at != other.at ? at > other.at : index > other.index;
  }
  bool operator<(const Pending& other) const { return other > *this; }
};

void AddOnce(absl::InlinedVector<absl::string_view, 1>& rules, absl::string_view rule) {
  if (std::find(rules.begin(), rules.end(), rule) == rules.end()) rules.push_back(rule);
}

// For each touch, the next step of its thread (kNone for the last step and
// for touches outside a thread). Steps go in `step` order when every step
// of the thread is numbered, else in the order they were proposed.
std::vector<size_t> NextSteps(const std::vector<PlannedTouch>& touches) {
  absl::flat_hash_map<std::pair<absl::string_view, absl::string_view>, std::vector<size_t>> threads;
  for (size_t index = 0; index < touches.size(); ++index) {
    const Touch& touch = touches[index].touch;
    if (!touch.thread.empty()) threads[{touch.person_id, touch.thread}].push_back(index);
  }
  std::vector<size_t> next(touches.size(), kNone);
  for (auto& [key, steps] : threads) {
    const bool numbered = std::all_of(steps.begin(), steps.end(),
                                      [&](size_t index) { return touches[index].touch.step > 0; });
    std::sort(steps.begin(), steps.end(), [&](size_t left, size_t right) {
      const PlannedTouch& a = touches[left];
      const PlannedTouch& b = touches[right];
      if (numbered && a.touch.step != b.touch.step) return a.touch.step < b.touch.step;
      if (a.proposed_at != b.proposed_at) return a.proposed_at < b.proposed_at;
      return left < right;
    });
    for (size_t i = 0; i + 1 < steps.size(); ++i) next[steps[i]] = steps[i + 1];
  }
  return next;
}

// Records one answer in the touch's outcome and rule lists.
void Apply(PlannedTouch& planned, const Decision& decision, absl::Time at) {
  for (const Reason& reason : decision.reasons) {
    AddOnce(decision.outcome == Outcome::kSuppress ? planned.suppressed_by : planned.deferred_by,
            reason.rule);
  }
  if (decision.reasons.empty()) {
    planned.last_reason.Reset();
  } else {
    planned.last_reason.GetOrMake() = decision.reasons.front();
  }
  planned.outcome = decision.outcome;
  planned.decided_at = decision.outcome == Outcome::kDefer ? decision.not_before : at;
  if (decision.outcome == Outcome::kDefer) ++planned.deferrals;
}

// Most touches are asked in the order `proposed` holds them (the rest are
// asked again later). While one is decided, the touches after it come
// nearer: the whole record of the one kLookAheadSteps + 1 places on starts
// loading (it lies anywhere among the touches), a step later the text its
// strings point to (sender, campaign, team: a decision reads them), and
// the decider hears of the ones 1..kLookAheadSteps places on (the person's
// profile, account and history), the furthest at step 0, so that
// each step finds loaded what the step before began to load. A decision
// takes longer than a wait for memory: one place apart is enough.
void LookAhead(const std::vector<PlannedTouch>& touches, const std::vector<Pending>& proposed,
               size_t cursor, const PlanDecider& decide) {
  if (!decide.look_ahead) return;
  constexpr size_t kSteps = PlanDecider::kLookAheadSteps;
  if (cursor + kSteps < proposed.size()) {
    const char* record = reinterpret_cast<const char*>(&touches[proposed[cursor + kSteps].index]);
    for (size_t line = 0; line < sizeof(PlannedTouch); line += 64)
      __builtin_prefetch(record + line);
  }
  if (cursor + kSteps - 1 < proposed.size()) {
    // Loaded a step ago: the text its strings hold (when too long to be
    // kept inside them) lies elsewhere.
    const Touch& touch = touches[proposed[cursor + kSteps - 1].index].touch;
    for (const std::string* text :
         {&touch.sender, &touch.campaign, &touch.team, &touch.tool, &touch.thread, &touch.list}) {
      __builtin_prefetch(text->data());
    }
  }
  for (size_t step = 0; step < kSteps; ++step) {
    const size_t ahead = cursor + kSteps - 1 - step;
    if (ahead < proposed.size())
      decide.look_ahead(touches[proposed[ahead].index].touch, static_cast<int>(step));
  }
}

PlanSummary Summarise(const std::vector<PlannedTouch>& touches, int requeued) {
  PlanSummary summary;
  summary.requeued = requeued;
  for (const PlannedTouch& planned : touches) {
    summary.total.Count(planned.outcome);
    summary.by_campaign[planned.touch.campaign].Count(planned.outcome);
    summary.by_sender[planned.touch.sender].Count(planned.outcome);
    summary.by_team[planned.touch.team].Count(planned.outcome);
    for (absl::string_view rule : planned.deferred_by) ++summary.by_rule[rule].deferred;
    for (absl::string_view rule : planned.suppressed_by) ++summary.by_rule[rule].suppressed;
  }
  return summary;
}

}  // namespace

PlanDecider GovernorDecider(Governor& governor) {
  // A plan asks about the same few texts again and again (a campaign's
  // touches, a deferred touch asked anew): each is analysed once.
  std::shared_ptr<const Policy> policy = governor.policy();
  auto texts = std::make_shared<AnalysisMemo>(policy->content.analysis());
  return PlanDecider{
      [&governor, policy = std::move(policy), texts](const Touch& touch,
                                                     const ContentFacts* content, absl::Time now) {
        absl::StatusOr<DecideResult> result =
            governor.Decide(*policy, touch, now, content != nullptr ? content : texts->For(touch));
        if (!result.ok()) return absl::StatusOr<Decision>(result.status());
        return absl::StatusOr<Decision>(std::move(result->decision));
      },
      [&governor](const Touch& touch, int step) {
        governor.Prefetch(touch.person_id, static_cast<ProfileStore::PrefetchStep>(step));
      }};
}

absl::StatusOr<PlanSummary> RunPlan(std::vector<PlannedTouch>& touches, absl::Time horizon,
                                    const PlanDecider& decide,
                                    const std::function<void(size_t, size_t)>& progress) {
  for (PlannedTouch& planned : touches) planned.proposed_at = *planned.touch.at;
  const std::vector<size_t> next_step = NextSteps(touches);
  std::vector<bool> waits_for_earlier(touches.size(), false);
  for (size_t next : next_step) {
    if (next != kNone) waits_for_earlier[next] = true;
  }
  // The touches askable from the start, sorted once; the queue holds only
  // what is asked again or unblocked on the way (a heap of every touch
  // would cost a climb through a million entries per ask). Both are taken
  // in one order: by time, then by row.
  std::vector<Pending> proposed;
  proposed.reserve(touches.size());
  for (size_t index = 0; index < touches.size(); ++index) {
    if (!waits_for_earlier[index]) proposed.push_back(Pending{touches[index].proposed_at, index});
  }
  std::sort(proposed.begin(), proposed.end(), std::less<>());
  size_t cursor = 0;
  std::priority_queue<Pending, std::vector<Pending>, std::greater<>> queue;
  size_t finished = 0;
  int requeued = 0;
  while (cursor < proposed.size() || !queue.empty()) {
    Pending next;
    if (queue.empty() || (cursor < proposed.size() && queue.top() > proposed[cursor])) {
      next = proposed[cursor++];
    } else {
      next = queue.top();
      queue.pop();
    }
    PlannedTouch& planned = touches[next.index];
    if (!planned.touch.first_asked) planned.touch.first_asked = next.at;
    planned.touch.at = next.at;
    LookAhead(touches, proposed, cursor, decide);
    const absl::StatusOr<Decision> decided = decide.decide(planned.touch, planned.content, next.at);
    if (!decided.ok()) return decided.status();
    const Decision& decision = *decided;
    Apply(planned, decision, next.at);
    if (decision.outcome == Outcome::kDefer && decision.not_before <= horizon) {
      ++requeued;
      queue.push(Pending{decision.not_before, next.index});
      continue;
    }
    ++finished;
    if (progress && (finished & 0x3fff) == 0) progress(finished, touches.size());
    for (size_t step = next_step[next.index]; step != kNone; step = next_step[step]) {
      if (decision.outcome != Outcome::kDefer) {
        // The next step becomes askable now, or at its own time if later.
        queue.push(Pending{std::max(touches[step].proposed_at, next.at), step});
        break;
      }
      // Still deferred at the horizon: every later step waits behind it.
      PlannedTouch& behind = touches[step];
      behind.behind_earlier_step = true;
      behind.outcome = Outcome::kDefer;
      behind.decided_at = behind.proposed_at;
      ++finished;
    }
  }
  if (progress) progress(touches.size(), touches.size());
  return Summarise(touches, requeued);
}

}  // namespace tact
