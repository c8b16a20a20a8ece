#include "store/memory_hypotheses.h"

#include <algorithm>

#include "content/fingerprint.h"

namespace tact {
namespace {

uint16_t Band(uint64_t fingerprint, int band) {
  return static_cast<uint16_t>(fingerprint >> (16 * band));
}

// Written later, or as late with the higher id.
bool Later(const Hypothesis& a, const Hypothesis& b) {
  return a.written != b.written ? a.written > b.written : a.id > b.id;
}

}  // namespace

void MemoryHypotheses::KeepLocked(Hypothesis hypothesis) {
  last_id_ = std::max(last_id_, hypothesis.id);
  by_account_[hypothesis.account_id].push_back(hypothesis.id);
  const auto position = static_cast<uint32_t>(fingerprints_.size());
  fingerprints_.push_back({hypothesis.fingerprint, hypothesis.id});
  for (int band = 0; band < kBands; ++band) {
    bands_[band][Band(hypothesis.fingerprint, band)].push_back(position);
  }
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

// Long: one scan, through the bands' index or every fingerprint, with the
// rule for ties and the seller's own kept in one place.
absl::StatusOr<std::optional<Hypothesis>> MemoryHypotheses::NearestOther(
    uint64_t fingerprint, int max_distance, absl::string_view account_id,
    absl::string_view seller) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const Print* nearest = nullptr;
  // True when `print` is the nearest there can be: the same text, and the
  // first written of those (positions run in the order written).
  const auto consider = [&](const Print& print) {
    if (!SameText(print.fingerprint, fingerprint, max_distance)) return false;
    const int distance = HammingDistance(print.fingerprint, fingerprint);
    if (nearest != nullptr) {
      const int best = HammingDistance(nearest->fingerprint, fingerprint);
      if (distance > best || (distance == best && print.id > nearest->id)) return false;
    }
    const Hypothesis& one = by_id_.at(print.id);
    if (one.account_id == account_id && one.seller == seller) return false;
    nearest = &print;
    return distance == 0;
  };
  if (max_distance < kBands) {
    for (int band = 0; band < kBands; ++band) {
      const auto bucket = bands_[band].find(Band(fingerprint, band));
      if (bucket == bands_[band].end()) continue;
      for (uint32_t position : bucket->second) {
        if (consider(fingerprints_[position])) return by_id_.at(nearest->id);
      }
    }
  } else {
    for (const Print& print : fingerprints_) {
      if (consider(print)) break;
    }
  }
  if (nearest == nullptr) return std::nullopt;
  return by_id_.at(nearest->id);
}

}  // namespace tact
