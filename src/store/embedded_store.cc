#include "store/embedded_store.h"

namespace tact {

absl::StatusOr<JournalContents> EmbeddedStore::Load(Minute horizon, MemoryProfiles& profiles) {
  return journal_.Load(horizon, memory_, profiles);
}

void EmbeddedStore::Apply(absl::string_view person_id, absl::FunctionRef<void(History&)> fn) {
  memory_.Apply(person_id, [&](History& history) {
    const uint32_t revision = history.revision();
    fn(history);
    // Pruning alone is not written: compaction forgets the same touches.
    if (history.revision() != revision) journal_.WriteHistory(person_id, history);
  });
}

}  // namespace tact
