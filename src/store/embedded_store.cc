#include "store/embedded_store.h"

#include "absl/container/inlined_vector.h"
#include "store/history_codec.h"

namespace tact {

absl::StatusOr<JournalContents> EmbeddedStore::Load(Minute horizon, MemoryProfiles& profiles) {
  return journal_.Load(horizon, memory_, profiles);
}

absl::Status EmbeddedStore::Apply(absl::string_view person_id, HistoryChange change) {
  const PersonChange one{person_id, change};
  return ApplyAll(absl::MakeConstSpan(&one, 1))[0];
}

std::vector<absl::Status> EmbeddedStore::ApplyAll(absl::Span<const PersonChange> changes) {
  std::vector<absl::Status> outcomes;
  outcomes.reserve(changes.size());
  absl::InlinedVector<absl::string_view, 1> changed;
  journal_.BeginBatch();  // the ledger's write-through joins the batch
  for (size_t index = 0; index < changes.size(); ++index) {
    const PersonChange& change = changes[index];
    memory_.PrefetchAhead(changes, index);
    bool wrote = false;
    outcomes.push_back(memory_.Apply(change.person_id, [&](History& history) {
      const uint32_t revision = history.revision();
      std::optional<LedgerWrite> sent = change.change(history);
      // Pruning alone is not written: compaction forgets the same touches.
      wrote = history.revision() != revision;
      return sent;
    }));
    if (wrote) changed.push_back(change.person_id);
  }
  journal_.CommitBatch(changed, [this](absl::string_view person_id, std::string* value) {
    memory_.Read(person_id, [&](const History& history) { EncodeHistory(history, value); });
  });
  return outcomes;
}

}  // namespace tact
