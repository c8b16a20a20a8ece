// 64-bit SimHash of a text's masked words (content/text.h): texts that share
// most of their words and word pairs get fingerprints a few bits apart, so
// "the same message with another name or date in it" is a small Hamming
// distance, and unrelated texts are about 32 bits apart.
//
// Part of the persistent format (histories and the touch ledger keep it): the
// features and hash must not change without a format version.
//
// Thread safety: reentrant.
#pragma once

#include <bit>
#include <cstdint>
#include <span>
#include <string>

namespace tact {

// Never 0 for a text with words (0 means "no text"); 0 for no words.
uint64_t SimHash(std::span<const std::string> words);

inline int HammingDistance(uint64_t a, uint64_t b) { return std::popcount(a ^ b); }

// Whether two fingerprints are of the same text within `max_distance` bits;
// 0 (no text) matches nothing.
inline bool SameText(uint64_t a, uint64_t b, int max_distance) {
  return a != 0 && b != 0 && HammingDistance(a, b) <= max_distance;
}

}  // namespace tact
