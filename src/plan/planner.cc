#include "plan/planner.h"

#include <algorithm>
#include <queue>

#include "store/governor.h"

namespace tact {
namespace {

struct Pending {
  absl::Time at;
  size_t index;
  bool operator>(const Pending& other) const {
    return at != other.at ? at > other.at : index > other.index;
  }
};

void Count(Tally& tally, Outcome outcome) {
  ++tally.asked;
  switch (outcome) {
    case Outcome::kSend:
      ++tally.sent;
      break;
    case Outcome::kDefer:
      ++tally.deferred;
      break;
    case Outcome::kSuppress:
      ++tally.suppressed;
      break;
  }
}

}  // namespace

PlanSummary RunPlan(const Policy& policy, const Directory& directory, Store& store,
                    std::vector<PlannedTouch>& touches, absl::Time horizon,
                    const std::function<void(size_t, size_t)>& progress,
                    const PlanDecider& decider) {
  PlanSummary summary;
  std::priority_queue<Pending, std::vector<Pending>, std::greater<>> queue;
  for (size_t index = 0; index < touches.size(); ++index) {
    touches[index].proposed_at = *touches[index].touch.at;
    queue.push(Pending{touches[index].proposed_at, index});
  }
  size_t finished = 0;
  TemplateCounter templates;
  while (!queue.empty()) {
    const Pending next = queue.top();
    queue.pop();
    PlannedTouch& planned = touches[next.index];
    planned.touch.at = next.at;
    const Person& person = directory.people.at(planned.touch.person_id);
    const auto account = directory.accounts.find(person.account_id);
    const Account* account_ptr = account == directory.accounts.end() ? nullptr : &account->second;
    const Decision decision =
        decider ? decider(planned.touch, person, account_ptr, next.at)
                : DecideAndRecord(store, policy, person, account_ptr, planned.touch, next.at,
                                  /*signals=*/nullptr, &templates);
    for (const Reason& reason : decision.reasons) {
      if (std::find(planned.rules.begin(), planned.rules.end(), reason.rule) == planned.rules.end())
        planned.rules.push_back(reason.rule);
    }
    planned.last_reason.reset();
    if (!decision.reasons.empty()) planned.last_reason = decision.reasons.front();
    planned.outcome = decision.outcome;
    planned.decided_at = decision.outcome == Outcome::kDefer ? decision.not_before : next.at;
    if (decision.outcome == Outcome::kDefer) {
      ++planned.deferrals;
      if (decision.not_before <= horizon) {
        ++summary.requeued;
        queue.push(Pending{decision.not_before, next.index});
        continue;
      }
    }
    ++finished;
    if (progress && (finished & 0x3fff) == 0) progress(finished, touches.size());
  }
  for (const PlannedTouch& planned : touches) {
    Count(summary.total, planned.outcome);
    Count(summary.by_campaign[planned.touch.campaign], planned.outcome);
    Count(summary.by_sender[planned.touch.sender], planned.outcome);
    Count(summary.by_team[planned.touch.team], planned.outcome);
    for (absl::string_view rule : planned.rules) ++summary.by_rule[std::string(rule)];
  }
  if (progress) progress(touches.size(), touches.size());
  return summary;
}

}  // namespace tact
