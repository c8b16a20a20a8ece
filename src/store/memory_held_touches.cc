#include "store/memory_held_touches.h"

#include <algorithm>

namespace tact {

void MemoryHeldTouches::PutLocked(HeldTouch held) {
  auto [slot, added] = by_id_.try_emplace(held.id);
  if (!added) {
    const HeldTouch& before = slot->second;
    if (IsActive(before.state)) due_.erase({before.due, before.id});
    --counts_[static_cast<size_t>(before.state)];
  }
  if (IsActive(held.state)) due_.emplace(held.due, held.id);
  ++counts_[static_cast<size_t>(held.state)];
  slot->second = std::move(held);
}

void MemoryHeldTouches::Load(HeldTouch held) {
  std::lock_guard<std::mutex> lock(mutex_);
  PutLocked(std::move(held));
}

absl::Status MemoryHeldTouches::Put(const HeldTouch& held) {
  std::lock_guard<std::mutex> lock(mutex_);
  PutLocked(held);
  if (write_through_) write_through_(held, /*forgotten=*/false);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<HeldTouch>> MemoryHeldTouches::Find(uint64_t id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = by_id_.find(id);
  if (found == by_id_.end()) return std::nullopt;
  return found->second;
}

absl::StatusOr<std::vector<HeldTouch>> MemoryHeldTouches::Due(absl::Time now, size_t limit) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<HeldTouch> due;
  for (auto it = due_.begin(); it != due_.end() && it->first <= now && due.size() < limit; ++it) {
    due.push_back(by_id_.at(it->second));
  }
  return due;
}

absl::StatusOr<std::vector<HeldTouch>> MemoryHeldTouches::List(const HeldQuery& query) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<const HeldTouch*> matching;
  for (const auto& [id, held] : by_id_) {
    if (query.state && held.state != *query.state) continue;
    if (!query.tool.empty() && held.touch.tool != query.tool) continue;
    if (!query.person_id.empty() && held.touch.person_id != query.person_id) continue;
    matching.push_back(&held);
  }
  const size_t kept = std::min(query.limit, matching.size());
  std::partial_sort(matching.begin(), matching.begin() + kept, matching.end(),
                    [](const HeldTouch* a, const HeldTouch* b) {
                      return a->held_at != b->held_at ? a->held_at > b->held_at : a->id > b->id;
                    });
  std::vector<HeldTouch> list;
  list.reserve(kept);
  for (size_t i = 0; i < kept; ++i) list.push_back(*matching[i]);
  return list;
}

HeldCounts MemoryHeldTouches::Counts() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return counts_;
}

absl::StatusOr<size_t> MemoryHeldTouches::Forget(absl::Time before) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<uint64_t> gone;
  for (const auto& [id, held] : by_id_) {
    if (!IsActive(held.state) && held.changed_at < before) gone.push_back(id);
  }
  for (uint64_t id : gone) {
    const auto found = by_id_.find(id);
    --counts_[static_cast<size_t>(found->second.state)];
    if (write_through_) write_through_(found->second, /*forgotten=*/true);
    by_id_.erase(found);
  }
  return gone.size();
}

}  // namespace tact
