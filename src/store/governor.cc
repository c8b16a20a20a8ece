#include "store/governor.h"

#include <algorithm>

#include "engine/decide.h"

namespace tact {

Decision DecideAndRecord(Store& store, const Policy& policy, const Person& person,
                         const Account* account, const Touch& touch, absl::Time now,
                         const Signals* signals) {
  Decision decision;
  const Minute horizon = RetentionHorizon(policy, std::min(now, touch.at.value_or(now)));
  store.Apply(person.id, [&](History& history) {
    history.PruneBefore(horizon);
    decision = Decide(policy, person, account, history, touch, now, signals);
    if (decision.record) history.Record(*decision.record);
  });
  return decision;
}

}  // namespace tact
