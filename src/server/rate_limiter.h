// How often one caller may do something: at most `max` times per fixed
// window under each key (a remote address, a preference link). Routes that
// need no token use it so that nobody unauthenticated can keep the server
// busy rendering pages or writing choices.
//
// Memory is bounded: at most `max_keys` keys are remembered; when that many
// are in their window, a new key is refused until windows end (a flood from
// many addresses is refused as a whole rather than grow the table).
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstddef>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace tact {

class RateLimiter {
 public:
  RateLimiter(int max, absl::Duration window, size_t max_keys)
      : max_(max), window_(window), max_keys_(max_keys) {}

  // Counts a request under `key` at `now`; true when it is within the limit.
  bool Allow(absl::string_view key, absl::Time now);
  // When a refused key may try again (the end of its window).
  absl::Duration window() const { return window_; }

 private:
  struct Count {
    absl::Time since;
    int requests = 0;
  };
  // Forgets keys whose window ended before `now`.
  void Forget(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  const int max_;
  const absl::Duration window_;
  const size_t max_keys_;
  absl::Mutex mutex_;
  absl::flat_hash_map<std::string, Count> counts_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace tact
