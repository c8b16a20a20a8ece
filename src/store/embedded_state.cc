#include "store/embedded_state.h"

#include <filesystem>
#include <limits>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "report/mirror.h"

namespace tact {
namespace {

absl::Status ClearDataDir(const std::string& dir) {
  std::error_code error;
  std::filesystem::remove_all(DatabasePath(dir), error);
  if (!error) std::filesystem::remove(dir + "/FORMAT", error);
  if (error) {
    return absl::PermissionDeniedError(
        absl::StrCat("data directory ", dir, ": cannot clear it: ", error.message()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<EmbeddedState>> EmbeddedState::Open(const std::string& dir,
                                                                   JournalOptions options,
                                                                   const Policy& policy,
                                                                   bool start_empty) {
  std::unique_ptr<EmbeddedState> state(new EmbeddedState());
  auto lock = LockDataDir(dir);
  if (!lock.ok()) return lock.status();
  state->lock = *std::move(lock);
  if (start_empty) {
    if (absl::Status cleared = ClearDataDir(dir); !cleared.ok()) return cleared;
  }
  const auto format = ReadFormat(dir, /*create=*/true);
  if (!format.ok()) return format.status();
  const absl::Time now = options.clock();
  auto journal = Journal::Open(dir, std::move(options));
  if (!journal.ok()) return journal.status();
  state->journal = *std::move(journal);
  if (absl::Status migrated = state->MigrateFormat(dir, *format); !migrated.ok()) {
    return migrated;
  }
  if (absl::Status loaded = state->Load(policy, now, RetentionHorizon(policy, now)); !loaded.ok()) {
    return loaded;
  }
  // From now on every change is written through.
  Journal& to = *state->journal;
  state->profiles.people.SetWriteThrough([&to](const Person& person) { to.WritePerson(person); });
  state->profiles.accounts.SetWriteThrough(
      [&to](const Account& account) { to.WriteAccount(account); });
  state->ledger.SetWriteThrough(
      [&to](uint64_t id, const LedgerEntry& entry) { to.WriteTouch(id, entry); });
  state->held.SetWriteThrough([&to](const HeldTouch& held, bool forgotten) {
    if (forgotten) {
      to.ForgetHeldTouch(held.id);
    } else {
      to.WriteHeldTouch(held);
    }
  });
  state->hypotheses.SetWriteThrough(
      [&to](const Hypothesis& hypothesis) { to.WriteHypothesis(hypothesis); });
  state->policy_versions.SetWriteThrough(
      [&to](const PolicyVersion& record) { to.WritePolicyVersion(record); });
  return state;
}

absl::StatusOr<std::unique_ptr<EmbeddedState>> EmbeddedState::OpenReadOnly(const std::string& dir,
                                                                           const Policy& policy) {
  std::unique_ptr<EmbeddedState> state(new EmbeddedState());
  auto journal = Journal::OpenReadOnly(dir);
  if (!journal.ok()) return journal.status();
  state->journal = *std::move(journal);
  if (absl::Status loaded = state->Load(policy, absl::Now(), std::numeric_limits<Minute>::min());
      !loaded.ok()) {
    return loaded;
  }
  return state;
}

absl::Status EmbeddedState::MigrateFormat(const std::string& dir, int version) {
  if (version == kDataFormat) return absl::OkStatus();
  // Format 1 to 2: people and accounts move from JSON to their own encoding.
  if (auto rewritten = journal->RewriteFormat1Profiles(); !rewritten.ok()) {
    return rewritten.status();
  }
  return WriteFormat(dir);
}

absl::Status EmbeddedState::Load(const Policy& policy, absl::Time now, Minute history_horizon) {
  histories = std::make_unique<EmbeddedStore>(*journal, ledger);
  auto contents = histories->Load(history_horizon, profiles);
  if (!contents.ok()) return contents.status();
  contents_ = *contents;
  auto touches = journal->LoadTouches(ToMinute(now) - LedgerRetentionMinutes(policy), ledger);
  if (!touches.ok()) return touches.status();
  // The counts the ledger implies; each person counts once per text, as
  // when the sends were decided.
  absl::flat_hash_set<std::pair<uint64_t, std::string>> template_recipients;
  ledger.ForEach([&](uint64_t, const LedgerEntry& entry) {
    reputation.CountSend(entry.campaign, entry.domain, entry.minute);
    if (entry.Has(EventType::kComplained))
      reputation.CountComplaint(entry.campaign, entry.domain, entry.minute);
    if (entry.fingerprint != 0 && CountsTemplates(policy, entry.kind) &&
        template_recipients.emplace(entry.fingerprint, entry.person_id).second) {
      templates.Add(entry.fingerprint, entry.minute);
    }
  });
  if (absl::Status loaded = journal->LoadHeldTouches(held); !loaded.ok()) return loaded;
  if (absl::Status loaded = journal->LoadHypotheses(hypotheses); !loaded.ok()) return loaded;
  if (absl::Status loaded = journal->LoadPolicyVersions(policy_versions); !loaded.ok()) {
    return loaded;
  }
  mirror = std::make_unique<LocalMirror>(journal.get());
  return mirror->Load(DayOfMinute(ToMinute(now)));
}

}  // namespace tact
