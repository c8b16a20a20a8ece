#include "store/embedded_store.h"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "engine/decide.h"

namespace tact {

absl::StatusOr<JournalContents> EmbeddedStore::Load(Minute horizon, Profiles& profiles) {
  auto contents = journal_.Load(horizon, memory_, profiles);
  if (!contents.ok()) return contents;
  profiles.people.SetWriteThrough([this](const Person& person) { journal_.WritePerson(person); });
  profiles.accounts.SetWriteThrough(
      [this](const Account& account) { journal_.WriteAccount(account); });
  return contents;
}

void EmbeddedStore::Apply(absl::string_view person_id, absl::FunctionRef<void(History&)> fn) {
  memory_.Apply(person_id, [&](History& history) {
    const uint32_t revision = history.revision();
    fn(history);
    // Pruning alone is not written: compaction forgets the same touches.
    if (history.revision() != revision) journal_.WriteHistory(person_id, history);
  });
}

absl::StatusOr<OpenedState> OpenEmbedded(const std::string& dir, JournalOptions options,
                                         const Policy& policy, Profiles& profiles,
                                         bool start_empty) {
  OpenedState state;
  auto lock = LockDataDir(dir);
  if (!lock.ok()) return lock.status();
  state.lock = *std::move(lock);
  if (start_empty) {
    std::error_code error;
    std::filesystem::remove_all(DatabasePath(dir), error);
    if (!error) std::filesystem::remove(dir + "/FORMAT", error);
    if (error) {
      return absl::PermissionDeniedError(
          absl::StrCat("data directory ", dir, ": cannot clear it: ", error.message()));
    }
  }
  if (absl::Status format = CheckFormat(dir, /*create=*/true); !format.ok()) return format;
  const absl::Time now = options.clock();
  auto journal = Journal::Open(dir, std::move(options));
  if (!journal.ok()) return journal.status();
  state.journal = *std::move(journal);
  state.store = std::make_unique<EmbeddedStore>(*state.journal);
  auto contents = state.store->Load(RetentionHorizon(policy, now), profiles);
  if (!contents.ok()) return contents.status();
  state.contents = *contents;
  return state;
}

}  // namespace tact
