// When to send a touch the rules allow: the moment within the policy's
// [send_time] horizon when the person most likely reads (core/send_time.h:
// their own engagement pooled with what people like them do), that every
// soft rule allows, that is no later than the touch's `expires` and within
// its kind's max_delay. Hard rules do not depend on the minute within a
// day, so a touch they let through at `from` they let through then.
//
// Thread safety: reentrant; every argument is read-only.
#pragma once

#include "core/minutes.h"
#include "core/send_time.h"
#include "rules/rule.h"

namespace tact {

// The best minute in [from, from + horizon): `from` itself (a send's
// minute, or a defer's not_before, both allowed) when no later hour is
// better and allowed. `prior` is what people like the person do.
Minute BestMinuteFor(const RuleInput& input, Minute from, const SendTimePrior& prior);

}  // namespace tact
