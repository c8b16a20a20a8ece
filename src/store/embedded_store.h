// The embedded store (the default): the memory store as the working set,
// every change written through to a Journal under the person's lock, so the
// database sees each person's changes in the order decisions made them.
//
// Thread safety: as Store.
#pragma once

#include "policy/policy.h"
#include "store/data_dir.h"
#include "store/journal.h"
#include "store/memory_store.h"
#include "store/profiles.h"
#include "store/store.h"

namespace tact {

class EmbeddedStore final : public Store {
 public:
  EmbeddedStore(Journal& journal, size_t expected_people = 0)
      : journal_(journal), memory_(expected_people) {}

  // Loads the journal's contents (histories pruned at `horizon`) and from
  // then on writes every profile change in `profiles` through to it.
  absl::StatusOr<JournalContents> Load(Minute horizon, Profiles& profiles);

  void Apply(absl::string_view person_id, absl::FunctionRef<void(History&)> fn) override;
  std::optional<History> Get(absl::string_view person_id) const override {
    return memory_.Get(person_id);
  }
  StoreStats Stats() const override { return memory_.Stats(); }

  Journal& journal() { return journal_; }

 private:
  Journal& journal_;
  MemoryStore memory_;
};

// A data directory opened for writing: locked, its format checked, its
// journal open and loaded. Members are destroyed store first, lock last.
struct OpenedState {
  DataDirLock lock;
  std::unique_ptr<Journal> journal;
  std::unique_ptr<EmbeddedStore> store;
  JournalContents contents;
};

// Locks `dir` (creating it when missing), checks its FORMAT, opens the
// journal and loads it into a new EmbeddedStore and `profiles`, histories
// pruned at `policy`'s retention as of now. With `start_empty`, whatever
// state `dir` held is removed first (once it is locked). The errors of
// LockDataDir, CheckFormat and Journal::Open.
absl::StatusOr<OpenedState> OpenEmbedded(const std::string& dir, JournalOptions options,
                                         const Policy& policy, Profiles& profiles,
                                         bool start_empty = false);

}  // namespace tact
