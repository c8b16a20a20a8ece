// Hash tags that put keys in a chosen slot. A person's keys share the slot
// of their id, and a touch id carries that slot, so a webhook's touch id
// leads straight to the person's slot without a global index: the ledger
// entry's key is tagged with the tag of the slot the id names.
//
// Thread-safe: the table is built once, on first use, and never changes.
#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace tact {

// A short tag whose slot is `slot` (in [0, 16384)): "{" + tag + "}" as a key's
// prefix puts the key in that slot. The same tag for the same slot in every
// process and version (the table is part of the frozen key layout,
// redis_state/redis_format.h).
absl::string_view TagOfSlot(int slot);

// The slot of a person's keys: the slot of their id.
int PersonSlot(absl::string_view person_id);

}  // namespace tact
