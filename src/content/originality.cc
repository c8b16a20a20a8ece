#include "content/originality.h"

#include <algorithm>
#include <cstddef>

#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"

namespace tact {
namespace {

// The hashes of `words`' runs of `n` words; none when there are fewer.
absl::flat_hash_set<size_t> Shingles(std::span<const std::string> words, size_t n) {
  absl::flat_hash_set<size_t> shingles;
  if (words.size() < n) return shingles;
  for (size_t first = 0; first + n <= words.size(); ++first) {
    size_t hash = 0;
    for (size_t index = first; index < first + n; ++index) {
      hash = absl::HashOf(hash, words[index]);
    }
    shingles.insert(hash);
  }
  return shingles;
}

}  // namespace

double CopiedShare(std::span<const std::string> text, std::span<const std::string> source) {
  if (text.empty()) return 0;
  const size_t n = text.size() >= 3 ? 3 : 1;
  const absl::flat_hash_set<size_t> own = Shingles(text, n);
  const absl::flat_hash_set<size_t> theirs = Shingles(source, n);
  const auto copied = std::count_if(own.begin(), own.end(),
                                    [&](size_t shingle) { return theirs.contains(shingle); });
  return static_cast<double>(copied) / static_cast<double>(own.size());
}

}  // namespace tact
