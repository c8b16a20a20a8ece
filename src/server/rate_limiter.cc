#include "server/rate_limiter.h"

namespace tact {

bool RateLimiter::Allow(absl::string_view key, absl::Time now) {
  absl::MutexLock lock(&mutex_);
  auto found = counts_.find(key);
  if (found == counts_.end()) {
    if (counts_.size() >= max_keys_) Forget(now);
    if (counts_.size() >= max_keys_) return false;
    found = counts_.emplace(std::string(key), Count{now, 0}).first;
  }
  Count& count = found->second;
  if (now - count.since >= window_) count = Count{now, 0};
  if (count.requests >= max_) return false;
  ++count.requests;
  return true;
}

void RateLimiter::Forget(absl::Time now) {
  absl::erase_if(counts_, [&](const auto& entry) { return now - entry.second.since >= window_; });
}

}  // namespace tact
