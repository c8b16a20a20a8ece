// The decision: a pure function of the policy, the person, their account,
// their history, the proposed touch and the current time. No I/O, no clock.
//
//   hard rules (consent, health, ICP, unanswered follow-ups) -> suppress
//   soft rules (budgets, tiers, gaps, sender, follow-up gap, quiet hours)
//       -> send at the asked minute, or defer to the earliest minute all of
//          them allow; suppress instead when on_limit = "drop", when that
//          minute is past the touch's `expires`, or when it is more than the
//          kind's max_delay after the touch was first asked.
//
// A send that is not a dry run carries `record`: the caller's store must add
// it to the person's history atomically with answering (Store::Apply).
//
// Thread safety: reentrant; every argument is read-only.
#pragma once

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "core/account.h"
#include "core/decision.h"
#include "core/history.h"
#include "core/person.h"
#include "core/signals.h"
#include "core/touch.h"
#include "policy/policy.h"

namespace tact {

// `account` may be nullptr when the person's account is unknown; `signals`
// when the caller knows nothing beyond the history (reputation rules pass).
Decision Decide(const Policy& policy, const Person& person, const Account* account,
                const History& history, const Touch& touch, absl::Time now,
                const Signals* signals = nullptr);

// Checks what only the policy can tell about a touch: that its `priority`
// names a tier and its `topic` one of the [preferences] topics (any topic
// when the policy names none). Errors: InvalidArgument naming each field.
absl::Status ValidateTouchAgainstPolicy(const Policy& policy, const Touch& touch);

}  // namespace tact
