#include "store/template_counter.h"

#include <algorithm>
#include <limits>

namespace tact {
namespace {

int32_t DayOf(Minute minute) {
  // Floor division: minutes before the epoch belong to earlier days.
  return static_cast<int32_t>(minute >= 0 ? minute / 1440 : (minute - 1439) / 1440);
}

// The ring slot that counts `day`.
size_t RingIndex(int32_t day) {
  constexpr int32_t kDays = TemplateCounter::kDaysKept;
  return static_cast<size_t>((day % kDays + kDays) % kDays);
}

}  // namespace

TemplateCounter::TemplateCounter(size_t capacity)
    : slots_(std::max<size_t>(kWays, (capacity + kWays - 1) / kWays * kWays)),
      sets_(slots_.size() / kWays),
      locks_(new std::mutex[kLocks]) {}

size_t TemplateCounter::SetOf(uint64_t fingerprint) const {
  // Fingerprints are SimHash bits, not uniformly spread: mix before indexing.
  return ((fingerprint * 0x9E3779B97F4A7C15ull) >> 17) % sets_;
}

int64_t TemplateCounter::Sum(const Slot& slot, int32_t today, int window_days) {
  int64_t total = 0;
  const int32_t first = std::max(today - window_days + 1, slot.last_day - kDaysKept + 1);
  for (int32_t day = first; day <= std::min(today, slot.last_day); ++day) {
    total += slot.per_day[RingIndex(day)];
  }
  return total;
}

void TemplateCounter::Add(uint64_t fingerprint, Minute minute, int64_t recipients) {
  if (fingerprint == 0 || recipients <= 0) return;
  const int32_t day = DayOf(minute);
  const size_t set = SetOf(fingerprint);
  std::lock_guard<std::mutex> lock(locks_[set % kLocks]);
  Slot* const ways = &slots_[set * kWays];
  Slot* slot = nullptr;
  for (size_t way = 0; way < kWays && slot == nullptr; ++way) {
    if (ways[way].fingerprint == fingerprint) slot = &ways[way];
  }
  if (slot == nullptr) {
    // The weakest way: an empty one, else the fewest recipients lately.
    int64_t weakest = std::numeric_limits<int64_t>::max();
    for (size_t way = 0; way < kWays; ++way) {
      const int64_t recipients = ways[way].fingerprint == 0 ? -1 : Sum(ways[way], day, kDaysKept);
      if (recipients < weakest) {
        weakest = recipients;
        slot = &ways[way];
      }
    }
    *slot = Slot{};
    slot->fingerprint = fingerprint;
    slot->last_day = day;
  }
  if (day > slot->last_day) {
    // Clear the ring's days between the newest counted day and this one.
    for (int32_t cleared = slot->last_day + 1;
         cleared <= day && cleared <= slot->last_day + kDaysKept; ++cleared) {
      slot->per_day[RingIndex(cleared)] = 0;
    }
    slot->last_day = day;
  } else if (day <= slot->last_day - kDaysKept) {
    return;  // older than anything kept
  }
  uint16_t& count = slot->per_day[RingIndex(day)];
  count = static_cast<uint16_t>(
      std::min<int64_t>(int64_t{count} + recipients, std::numeric_limits<uint16_t>::max()));
}

int64_t TemplateCounter::Count(uint64_t fingerprint, Minute now, int window_days) const {
  if (fingerprint == 0) return 0;
  const size_t set = SetOf(fingerprint);
  std::lock_guard<std::mutex> lock(locks_[set % kLocks]);
  const Slot* const ways = &slots_[set * kWays];
  for (size_t way = 0; way < kWays; ++way) {
    if (ways[way].fingerprint == fingerprint) {
      return Sum(ways[way], DayOf(now), std::min(window_days, kDaysKept));
    }
  }
  return 0;
}

}  // namespace tact
