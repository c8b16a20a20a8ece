#include "store/memory_hypotheses.h"

#include <algorithm>

#include "content/fingerprint.h"

namespace tact {
namespace {

// Written later, or as late with the higher id.
bool Later(const Hypothesis& a, const Hypothesis& b) {
  return a.written != b.written ? a.written > b.written : a.id > b.id;
}

}  // namespace

void MemoryHypotheses::KeepLocked(Hypothesis hypothesis) {
  last_id_ = std::max(last_id_, hypothesis.id);
  by_account_[hypothesis.account_id].push_back(hypothesis.id);
  const uint64_t id = hypothesis.id;
  by_id_.insert_or_assign(id, std::move(hypothesis));
}

void MemoryHypotheses::Load(Hypothesis hypothesis) {
  std::lock_guard<std::mutex> lock(mutex_);
  KeepLocked(std::move(hypothesis));
}

absl::StatusOr<uint64_t> MemoryHypotheses::Add(const Hypothesis& hypothesis) {
  std::lock_guard<std::mutex> lock(mutex_);
  Hypothesis kept = hypothesis;
  kept.id = last_id_ + 1;
  if (write_through_) write_through_(kept);
  KeepLocked(std::move(kept));
  return last_id_;
}

absl::StatusOr<std::optional<Hypothesis>> MemoryHypotheses::Latest(absl::string_view account_id,
                                                                   absl::string_view seller) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto ids = by_account_.find(account_id);
  if (ids == by_account_.end()) return std::nullopt;
  const Hypothesis* latest = nullptr;
  for (uint64_t id : ids->second) {
    const Hypothesis& one = by_id_.at(id);
    if (one.seller == seller && (latest == nullptr || Later(one, *latest))) latest = &one;
  }
  if (latest == nullptr) return std::nullopt;
  return *latest;
}

absl::StatusOr<std::vector<Hypothesis>> MemoryHypotheses::ForAccount(absl::string_view account_id,
                                                                     size_t limit) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Hypothesis> found;
  const auto ids = by_account_.find(account_id);
  if (ids == by_account_.end()) return found;
  for (uint64_t id : ids->second) found.push_back(by_id_.at(id));
  std::sort(found.begin(), found.end(), Later);
  if (found.size() > limit) found.resize(limit);
  return found;
}

absl::StatusOr<std::vector<Hypothesis>> MemoryHypotheses::Near(uint64_t fingerprint,
                                                               int max_distance) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Hypothesis> found;
  for (const auto& [id, one] : by_id_) {
    if (SameText(one.fingerprint, fingerprint, max_distance)) found.push_back(one);
  }
  return found;
}

}  // namespace tact
