#include "rules/window.h"

#include <algorithm>

namespace tact {

int CountInWindow(std::span<const Minute> sorted_minutes, Minute at, Minute window) {
  const auto first = std::upper_bound(sorted_minutes.begin(), sorted_minutes.end(), at - window);
  const auto last = std::upper_bound(sorted_minutes.begin(), sorted_minutes.end(), at);
  return static_cast<int>(last - first);
}

bool FitsWindow(std::span<const Minute> sorted_minutes, Minute candidate, Minute window, int max) {
  if (max <= 0) return false;
  const int count = static_cast<int>(sorted_minutes.size());
  if (count < max) return true;  // fewer touches than the limit: no window can be full
  // Position of the candidate in the merged order (after equal minutes).
  const int position =
      static_cast<int>(std::upper_bound(sorted_minutes.begin(), sorted_minutes.end(), candidate) -
                       sorted_minutes.begin());
  const auto merged = [&](int index) -> Minute {
    if (index < position) return sorted_minutes[index];
    if (index == position) return candidate;
    return sorted_minutes[index - 1];
  };
  // Every run of max+1 consecutive touches that includes the candidate must
  // span at least a full window.
  const int first_start = std::max(0, position - max);
  for (int start = first_start; start <= position && start + max <= count; ++start) {
    if (merged(start + max) - merged(start) < window) return false;
  }
  return true;
}

Minute EarliestFit(std::span<const Minute> sorted_minutes, Minute candidate, Minute window,
                   int max) {
  if (max <= 0) return kNever;
  if (FitsWindow(sorted_minutes, candidate, window, max)) return candidate;
  for (Minute touch : sorted_minutes) {
    const Minute leaves = touch + window;
    if (leaves <= candidate) continue;
    if (FitsWindow(sorted_minutes, leaves, window, max)) return leaves;
  }
  return kNever;  // unreachable for max >= 1: after the last touch leaves, one more fits
}

}  // namespace tact
