#include "store/held_back_sample.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"

namespace tact {

HeldBackSample::HeldBackSample() : stripes_(std::make_unique<std::array<Stripe, kStripes>>()) {}

void HeldBackSample::Add(HeldBack held_back) {
  Stripe& stripe = (*stripes_)[absl::Hash<absl::string_view>{}(held_back.person_id) % kStripes];
  std::lock_guard<std::mutex> lock(stripe.mutex);
  stripe.ring[stripe.next % kKept] = std::move(held_back);
  ++stripe.next;
}

std::vector<HeldBack> HeldBackSample::Recent(size_t limit) const {
  std::vector<HeldBack> all;
  for (const Stripe& stripe : *stripes_) {
    std::lock_guard<std::mutex> lock(stripe.mutex);
    const size_t kept = std::min(stripe.next, kKept);
    all.insert(all.end(), stripe.ring.begin(), stripe.ring.begin() + kept);
  }
  std::stable_sort(all.begin(), all.end(), [](const HeldBack& a, const HeldBack& b) {
    if (a.minute != b.minute) return a.minute > b.minute;
    return a.person_id < b.person_id;
  });
  std::vector<HeldBack> recent;
  absl::flat_hash_set<std::string> people;
  for (HeldBack& row : all) {
    if (recent.size() >= limit) break;
    if (people.insert(row.person_id).second) recent.push_back(std::move(row));
  }
  return recent;
}

}  // namespace tact
