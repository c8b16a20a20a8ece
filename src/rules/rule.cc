#include "rules/rule.h"

namespace tact {

CountedTouches CollectTouches(const Policy& policy, const History& history, StableKey sender,
                              StableKey thread) {
  CountedTouches counted;
  counted.by_scope.resize(policy.scopes.size());
  for (const TouchRecord& record : history.touches()) {
    for (size_t index = 0; index < policy.scopes.size(); ++index) {
      if (policy.scopes[index].Counts(record)) counted.by_scope[index].push_back(record.minute);
    }
    if (sender != 0 && record.sender == sender && record.counts_for_budgets)
      counted.by_sender.push_back(record.minute);
    if (thread != 0 && record.thread == thread) counted.in_thread.push_back(record.minute);
  }
  return counted;
}

}  // namespace tact
