#include "core/stable_key.h"

#include "absl/strings/string_view.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace tact {

StableKey StableKeyOf(absl::string_view id) {
  if (id.empty()) return 0;
  const auto key = static_cast<StableKey>(XXH3_64bits(id.data(), id.size()));
  return key == 0 ? 1 : key;
}

TeamKey TeamKeyOf(absl::string_view team) {
  if (team.empty()) return 0;
  // The top bits: StableKeyOf keeps the low ones, and the two never need to agree.
  const auto key = static_cast<TeamKey>(XXH3_64bits(team.data(), team.size()) >> 48);
  return key == 0 ? 1 : key;
}

}  // namespace tact
