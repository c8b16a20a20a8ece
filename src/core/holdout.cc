#include "core/holdout.h"

#include <string>

// Header-only, as core/stable_key.cc uses it: the core links no hash library.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace tact {

double HoldoutDraw(absl::string_view salt, absl::string_view team, absl::string_view person_id) {
  // Separated by a byte no id holds, so ("ab", "c") and ("a", "bc") differ.
  std::string key;
  key.reserve(salt.size() + team.size() + person_id.size() + 2);
  key.append(salt.data(), salt.size()).push_back('\x1f');
  key.append(team.data(), team.size()).push_back('\x1f');
  key.append(person_id.data(), person_id.size());
  const uint64_t hash = XXH3_64bits(key.data(), key.size());
  return static_cast<double>(hash >> 11) * 0x1.0p-53;  // the top 53 bits: exact in a double
}

}  // namespace tact
