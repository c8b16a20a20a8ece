#include "core/history.h"

#include <algorithm>

namespace tact {

void History::Record(const TouchRecord& record, uint64_t fingerprint) {
  ++revision_;
  const auto position = touches_.empty() || touches_.back().minute <= record.minute
                            ? touches_.end()
                            : std::upper_bound(touches_.begin(), touches_.end(), record.minute,
                                               [](Minute minute, const TouchRecord& other) {
                                                 return minute < other.minute;
                                               });
  const size_t index = static_cast<size_t>(position - touches_.begin());
  const bool kept = !fingerprints().empty();
  if (fingerprint != 0 && !kept) rare_.GetOrMake().fingerprints.assign(touches_.size(), 0);
  touches_.insert(position, record);
  if (fingerprint != 0 || kept) {
    auto& fingerprints = rare_.GetOrMake().fingerprints;
    fingerprints.insert(fingerprints.begin() + static_cast<std::ptrdiff_t>(index), fingerprint);
  }
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
  const auto pruned = first_kept - touches_.begin();
  touches_.erase(touches_.begin(), first_kept);
  if (touches_.capacity() > 2 * touches_.size() + 4) touches_.shrink_to_fit();
  if (!fingerprints().empty()) {
    auto& fingerprints = rare_.GetOrMake().fingerprints;
    fingerprints.erase(fingerprints.begin(), fingerprints.begin() + pruned);
    if (std::all_of(fingerprints.begin(), fingerprints.end(),
                    [](uint64_t print) { return print == 0; })) {
      fingerprints.clear();
      fingerprints.shrink_to_fit();
      if (send_time() == nullptr) rare_.Reset();
    } else if (fingerprints.capacity() > 2 * fingerprints.size() + 4) {
      fingerprints.shrink_to_fit();
    }
  }
}

}  // namespace tact
