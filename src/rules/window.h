// Rolling-window arithmetic shared by budgets, gaps, the sender limit and
// follow-up spacing. Two touches share a window of length W when they are less
// than W apart, so a limit of `max` per W holds when no max+1 touches fall
// within less than W of each other. Checking every window that would contain
// the new touch (not only the one ending at it) keeps limits exact even when
// a tool schedules touches ahead of time.
//
// All inputs are minutes; `sorted_minutes` must be ascending.
#pragma once

#include <span>

#include "core/minutes.h"

namespace tact {

// Touches in the window ending at `at`: those in (at - window, at].
int CountInWindow(std::span<const Minute> sorted_minutes, Minute at, Minute window);

// Whether one more touch at `candidate` keeps every window at `max` or fewer.
bool FitsWindow(std::span<const Minute> sorted_minutes, Minute candidate, Minute window, int max);

// The earliest minute at or after `candidate` where FitsWindow holds, or
// kNever when max is 0. The allowed set only ever opens at `candidate` or at
// the moment a touch leaves a window (touch + window), so only those minutes
// are tried: O(n * max) for n touches, never a minute-by-minute search.
Minute EarliestFit(std::span<const Minute> sorted_minutes, Minute candidate, Minute window,
                   int max);

}  // namespace tact
