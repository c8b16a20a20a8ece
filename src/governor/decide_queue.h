// Single asks that arrive together, decided together: while one caller's
// touches are being decided, the touches that arrive queue up, and the next
// caller decides all of them at once (Governor::DecideAll), so that
// concurrent callers share the state's round trips instead of each paying
// its own. Worth it only when the state is on the network; a caller waits
// at most for the group ahead of it and its own.
//
// No thread of its own: the first caller to find nobody deciding decides,
// then hands the queue to the first caller still waiting.
//
// Thread safety: Decide may be called from any thread; the Governor must
// outlive the queue.
#pragma once

#include <cstddef>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "governor/governor.h"

namespace tact {

class DecideQueue {
 public:
  // At most `max_together` touches are decided at once.
  DecideQueue(Governor& governor, size_t max_together);

  // Governor::Decide's answer for `touch` under `policy` (the caller's own:
  // touches under different policies are decided apart), decided at the
  // clock's time when its group is decided.
  absl::StatusOr<DecideResult> Decide(const Policy& policy, const Touch& touch);

  // Asks waiting for a group to decide them now.
  size_t waiting() const;

 private:
  struct Waiter;
  // Decides `group` and answers each of its waiters but `self`.
  void DecideGroup(const std::vector<Waiter*>& group, Waiter* self);

  Governor& governor_;
  const size_t max_together_;
  mutable absl::Mutex mutex_;
  std::vector<Waiter*> queue_ ABSL_GUARDED_BY(mutex_);
  bool deciding_ ABSL_GUARDED_BY(mutex_) = false;
};

}  // namespace tact
