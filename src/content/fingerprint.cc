#include "content/fingerprint.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <array>

namespace tact {
namespace {

// Fixed seeds keep fingerprints stable across versions and machines.
constexpr uint64_t kWordSeed = 0x7461637457303031ull;  // "tactW001"
constexpr uint64_t kPairSeed = 0x7461637450303031ull;  // "tactP001"

void Add(uint64_t hash, std::array<int32_t, 64>& weights) {
  for (int bit = 0; bit < 64; ++bit) weights[bit] += ((hash >> bit) & 1) ? 1 : -1;
}

}  // namespace

uint64_t SimHash(std::span<const std::string> words) {
  if (words.empty()) return 0;
  // Features: every word, and every pair of neighbouring words (so that word
  // order counts a little).
  std::array<int32_t, 64> weights{};
  uint64_t previous = 0;
  for (size_t index = 0; index < words.size(); ++index) {
    const std::string& word = words[index];
    const uint64_t hash = XXH3_64bits_withSeed(word.data(), word.size(), kWordSeed);
    Add(hash, weights);
    if (index > 0) {
      const uint64_t pair[2] = {previous, hash};
      Add(XXH3_64bits_withSeed(pair, sizeof(pair), kPairSeed), weights);
    }
    previous = hash;
  }
  uint64_t fingerprint = 0;
  for (int bit = 0; bit < 64; ++bit) {
    if (weights[bit] > 0) fingerprint |= uint64_t{1} << bit;
  }
  return fingerprint == 0 ? 1 : fingerprint;
}

}  // namespace tact
