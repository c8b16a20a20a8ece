#include "content/fingerprint.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <array>

namespace tact {
namespace {

// Fixed seeds keep fingerprints stable across versions and machines.
constexpr uint64_t kWordSeed = 0x7461637457303031ull;  // "tactW001"
constexpr uint64_t kPairSeed = 0x7461637450303031ull;  // "tactP001"

// Counts, per bit position, how many feature hashes have that bit set. Eight
// counters share a 64-bit word (one byte each), so a hash is added with eight
// table look-ups instead of 64 branches; the bytes are emptied into wide
// counters before they can overflow.
class BitCounter {
 public:
  void Add(uint64_t hash) {
    for (int byte = 0; byte < 8; ++byte) lanes_[byte] += kSpread[(hash >> (8 * byte)) & 0xff];
    ++total_;
    if (++pending_ == 255) Drain();
  }
  // Bit i is set when more than half of the hashes have it set.
  uint64_t Majority() {
    Drain();
    uint64_t result = 0;
    for (int bit = 0; bit < 64; ++bit) {
      if (2 * ones_[bit] > total_) result |= uint64_t{1} << bit;
    }
    return result;
  }

 private:
  // kSpread[b]: byte i is bit i of b.
  static constexpr std::array<uint64_t, 256> kSpread = [] {
    std::array<uint64_t, 256> table{};
    for (int value = 0; value < 256; ++value) {
      for (int bit = 0; bit < 8; ++bit) {
        if ((value >> bit) & 1) table[value] |= uint64_t{1} << (8 * bit);
      }
    }
    return table;
  }();

  void Drain() {
    for (int byte = 0; byte < 8; ++byte) {
      for (int bit = 0; bit < 8; ++bit) ones_[8 * byte + bit] += (lanes_[byte] >> (8 * bit)) & 0xff;
      lanes_[byte] = 0;
    }
    pending_ = 0;
  }

  std::array<uint64_t, 8> lanes_{};
  std::array<uint32_t, 64> ones_{};
  uint32_t total_ = 0;
  int pending_ = 0;
};

}  // namespace

uint64_t SimHash(std::span<const std::string> words) {
  if (words.empty()) return 0;
  // Features: every word, and every pair of neighbouring words (so that word
  // order counts a little).
  BitCounter counter;
  uint64_t previous = 0;
  for (size_t index = 0; index < words.size(); ++index) {
    const std::string& word = words[index];
    const uint64_t hash = XXH3_64bits_withSeed(word.data(), word.size(), kWordSeed);
    counter.Add(hash);
    if (index > 0) {
      const uint64_t pair[2] = {previous, hash};
      counter.Add(XXH3_64bits_withSeed(pair, sizeof(pair), kPairSeed));
    }
    previous = hash;
  }
  // A bit is set where more features have it set than not.
  const uint64_t fingerprint = counter.Majority();
  return fingerprint == 0 ? 1 : fingerprint;
}

}  // namespace tact
