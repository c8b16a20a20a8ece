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

}  // namespace tact
