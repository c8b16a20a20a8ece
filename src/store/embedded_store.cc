#include "store/embedded_store.h"

namespace tact {

absl::StatusOr<JournalContents> EmbeddedStore::Load(Minute horizon, MemoryProfiles& profiles) {
  return journal_.Load(horizon, memory_, profiles);
}

absl::Status EmbeddedStore::Apply(absl::string_view person_id, HistoryChange change) {
  return memory_.Apply(person_id, [&](History& history) {
    const uint32_t revision = history.revision();
    std::optional<LedgerWrite> sent = change(history);
    // Pruning alone is not written: compaction forgets the same touches.
    if (history.revision() != revision) journal_.WriteHistory(person_id, history);
    return sent;
  });
}

}  // namespace tact
