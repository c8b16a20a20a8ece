// What the shells know beyond one person's history that rules may read: the
// complaint rates of the touch's campaign and sending domain. Computed by
// the shell (store/reputation.h) and handed to the pure core.
#pragma once

#include <cstdint>
#include <optional>

#include "core/minutes.h"

namespace tact {

// Sends and spam complaints over the policy's reputation window, ending now.
struct ComplaintRate {
  int64_t sent = 0;
  int64_t complaints = 0;
  // The earliest minute at which, with nothing new, the rate is below the
  // policy's limit again (old complaints have left the window).
  Minute clears_at = 0;
};

struct Signals {
  std::optional<ComplaintRate> campaign;
  std::optional<ComplaintRate> domain;
};

}  // namespace tact
