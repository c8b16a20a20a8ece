#include "governor/decide_queue.h"

#include <optional>
#include <utility>

#include "absl/synchronization/notification.h"

namespace tact {

struct DecideQueue::Waiter {
  const Policy* policy;
  const Touch* touch;
  std::optional<absl::StatusOr<DecideResult>> result;
  bool leads = false;       // set before `wake` when it is to decide next
  absl::Notification wake;  // once: answered, or made the one to decide
};

DecideQueue::DecideQueue(Governor& governor, size_t max_together)
    : governor_(governor), max_together_(max_together > 0 ? max_together : 1) {}

absl::StatusOr<DecideResult> DecideQueue::Decide(const Policy& policy, const Touch& touch) {
  Waiter self{.policy = &policy, .touch = &touch};
  {
    absl::MutexLock lock(&mutex_);
    queue_.push_back(&self);
    if (!deciding_) deciding_ = self.leads = true;
  }
  if (!self.leads) {
    self.wake.WaitForNotification();
    if (self.result) return *std::move(self.result);
  }
  // This caller decides: the queue as it is now (itself first among them).
  std::vector<Waiter*> group;
  {
    absl::MutexLock lock(&mutex_);
    const size_t taken = std::min(queue_.size(), max_together_);
    group.assign(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(taken));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(taken));
  }
  DecideGroup(group, &self);
  Waiter* next = nullptr;
  {
    absl::MutexLock lock(&mutex_);
    if (queue_.empty()) {
      deciding_ = false;
    } else {
      next = queue_.front();
      next->leads = true;
    }
  }
  if (next != nullptr) next->wake.Notify();
  return *std::move(self.result);
}

size_t DecideQueue::waiting() const {
  absl::MutexLock lock(&mutex_);
  return queue_.size();
}

void DecideQueue::DecideGroup(const std::vector<Waiter*>& group, Waiter* self) {
  const absl::Time now = governor_.Now();
  // Touches under one policy together, in the order they came.
  std::vector<bool> done(group.size(), false);
  for (size_t first = 0; first < group.size(); ++first) {
    if (done[first]) continue;
    const Policy* policy = group[first]->policy;
    std::vector<size_t> members;
    std::vector<Touch> touches;
    for (size_t i = first; i < group.size(); ++i) {
      if (done[i] || group[i]->policy != policy) continue;
      done[i] = true;
      members.push_back(i);
      touches.push_back(*group[i]->touch);
    }
    std::vector<absl::StatusOr<DecideResult>> results = governor_.DecideAll(*policy, touches, now);
    for (size_t k = 0; k < members.size(); ++k) {
      group[members[k]]->result = std::move(results[k]);
    }
  }
  for (Waiter* waiter : group) {
    if (waiter != self) waiter->wake.Notify();
  }
}

}  // namespace tact
