// The embedded state's person histories: the memory store as the working
// set, every change written through to a Journal. An Apply, or an ApplyAll's
// changes all together, go to the database in one write with the ledger
// entries they add (Journal::CommitBatch), each changed history as it is when
// written, so the database never takes an older history after a newer one.
//
// Thread safety: as Store.
#pragma once

#include "policy/policy.h"
#include "ports/store.h"
#include "store/journal.h"
#include "store/memory_store.h"
#include "store/profiles.h"

namespace tact {

class EmbeddedStore final : public Store {
 public:
  // Ledger entries go to `ledger` (which writes them through to the journal).
  EmbeddedStore(Journal& journal, TouchLedger& ledger, size_t expected_people = 0)
      : journal_(journal), memory_(expected_people, &ledger) {}

  // Loads the journal's contents (histories pruned at `horizon`) into the
  // working set and `profiles`.
  absl::StatusOr<JournalContents> Load(Minute horizon, MemoryProfiles& profiles);

  absl::Status Apply(absl::string_view person_id, HistoryChange change) override;
  std::vector<absl::Status> ApplyAll(absl::Span<const PersonChange> changes) override;
  void Prefetch(absl::string_view person_id) const override { memory_.Prefetch(person_id); }
  // The working set, to read every history (tact admin migrate).
  const MemoryStore& memory() const { return memory_; }
  absl::StatusOr<std::optional<History>> Get(absl::string_view person_id) const override {
    return memory_.Get(person_id);
  }
  uint64_t NewTouchId(absl::string_view person_id) override {
    return memory_.NewTouchId(person_id);
  }
  StoreStats Stats() const override { return memory_.Stats(); }

  Journal& journal() { return journal_; }

 private:
  Journal& journal_;
  MemoryStore memory_;
};

}  // namespace tact
