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
#include "ports/store.h"
#include "ports/template_counts.h"

namespace tact {

// A touch's text is analysed before the person's lock is taken, unless
// `signals->content` already holds its analysis (a caller that asks about
// one text many times analyses it once). With `templates`,
// content.mass_template is judged: its fingerprint's recipients
// are looked up, and a recorded send to someone who had not received that
// text within the window is counted. Two concurrent asks for the same text
// may both see the last free place: the limit can be passed by the number
// of requests in flight.
//
// With `became_dormant`, it is set when this decision is the first to find
// the person dormant (engagement.dormant) since they last engaged.
Decision DecideAndRecord(Store& store, const Policy& policy, const Person& person,
                         const Account* account, const Touch& touch, absl::Time now,
                         const Signals* signals = nullptr, TemplateCounts* templates = nullptr,
                         bool* became_dormant = nullptr);

}  // namespace tact
