// The one place that runs a decision against the store: load the person's
// history, prune what the policy no longer looks at, decide, and record a
// send, all under the person's lock so concurrent asks never overspend.
#pragma once

#include "core/account.h"
#include "core/decision.h"
#include "core/person.h"
#include "core/signals.h"
#include "core/touch.h"
#include "policy/policy.h"
#include "store/store.h"

namespace tact {

Decision DecideAndRecord(Store& store, const Policy& policy, const Person& person,
                         const Account* account, const Touch& touch, absl::Time now,
                         const Signals* signals = nullptr);

}  // namespace tact
