#include "policy/suggest.h"

#include <algorithm>
#include <vector>

#include "absl/strings/string_view.h"

namespace tact {
namespace {

size_t EditDistance(absl::string_view from, absl::string_view to) {
  std::vector<size_t> row(to.size() + 1);
  for (size_t column = 0; column <= to.size(); ++column) row[column] = column;
  for (size_t line = 1; line <= from.size(); ++line) {
    size_t diagonal = row[0];
    row[0] = line;
    for (size_t column = 1; column <= to.size(); ++column) {
      const size_t above = row[column];
      const size_t substitution = diagonal + (from[line - 1] == to[column - 1] ? 0 : 1);
      row[column] = std::min({above + 1, row[column - 1] + 1, substitution});
      diagonal = above;
    }
  }
  return row[to.size()];
}

}  // namespace

std::string NearestWord(absl::string_view word, std::span<const absl::string_view> candidates) {
  const size_t tolerance = std::max<size_t>(2, word.size() / 3);
  absl::string_view best;
  size_t best_distance = tolerance + 1;
  for (absl::string_view candidate : candidates) {
    const size_t distance = EditDistance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return std::string(best);
}

}  // namespace tact
