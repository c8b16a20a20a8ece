#include "ports/check_answers.h"

#include <utility>

namespace tact {
namespace {

struct Waiting {
  const absl::flat_hash_map<std::string, MemoryCheckAnswers::Entry>* entries;
  const std::string* send;
};

// Whether nobody is deciding the send now.
bool Settled(Waiting* waiting) {
  auto found = waiting->entries->find(*waiting->send);
  return found == waiting->entries->end() || found->second.answer.has_value();
}

}  // namespace

MemoryCheckAnswers::MemoryCheckAnswers(CheckAnswersOptions options) : options_(options) {}

absl::StatusOr<std::optional<CheckAnswer>> MemoryCheckAnswers::Claim(absl::string_view,
                                                                     const std::string& send,
                                                                     absl::Time now) {
  absl::MutexLock lock(&mutex_);
  Forget(now);
  // Another caller is deciding this send: wait for its answer.
  Waiting waiting{&entries_, &send};
  mutex_.AwaitWithTimeout(absl::Condition(&Settled, &waiting), options_.wait);
  auto found = entries_.find(send);
  if (found != entries_.end() && found->second.answer) return *found->second.answer;
  entries_[send] = Entry{};  // claimed (or taken over from a claimant gone too long)
  return std::nullopt;
}

absl::Status MemoryCheckAnswers::Give(absl::string_view, const std::string& send,
                                      const CheckAnswer& answer, absl::Time now) {
  absl::MutexLock lock(&mutex_);
  entries_[send] = Entry{answer, now};
  given_.emplace_back(now, send);
  while (given_.size() > options_.capacity) DropOldest();
  return absl::OkStatus();
}

void MemoryCheckAnswers::Drop(absl::string_view, const std::string& send) {
  absl::MutexLock lock(&mutex_);
  auto found = entries_.find(send);
  if (found != entries_.end() && !found->second.answer) entries_.erase(found);
}

void MemoryCheckAnswers::Forget(absl::Time now) {
  while (!given_.empty() && given_.front().first + options_.window <= now) DropOldest();
}

void MemoryCheckAnswers::DropOldest() {
  auto found = entries_.find(given_.front().second);
  // Only the answer this record is about: a send answered again later has
  // a newer record of its own.
  if (found != entries_.end() && found->second.answer &&
      found->second.given == given_.front().first) {
    entries_.erase(found);
  }
  given_.pop_front();
}

}  // namespace tact
