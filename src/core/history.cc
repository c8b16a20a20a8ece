#include "core/history.h"

#include <algorithm>

namespace tact {

void History::Record(const TouchRecord& record) {
  ++revision_;
  if (touches_.empty() || touches_.back().minute <= record.minute) {
    touches_.push_back(record);
    return;
  }
  const auto position = std::upper_bound(
      touches_.begin(), touches_.end(), record.minute,
      [](Minute minute, const TouchRecord& other) { return minute < other.minute; });
  touches_.insert(position, record);
}

void History::PruneBefore(Minute oldest_kept) {
  const auto first_kept = std::lower_bound(
      touches_.begin(), touches_.end(), oldest_kept,
      [](const TouchRecord& record, Minute minute) { return record.minute < minute; });
  if (first_kept == touches_.begin()) return;
  int ignored = ignored_pruned_;
  for (auto pruned = touches_.begin(); pruned != first_kept; ++pruned) {
    if (pruned->minute > last_engaged_ && IsIgnorable(*pruned)) ++ignored;
  }
  ignored_pruned_ = static_cast<uint16_t>(std::min(ignored, 0xffff));
  touches_.erase(touches_.begin(), first_kept);
  if (touches_.capacity() > 2 * touches_.size() + 4) touches_.shrink_to_fit();
}

}  // namespace tact
