// tact admin migrate: moves the state of an embedded data directory into a
// Redis Cluster, or of a cluster into a data directory, and checks that the
// destination holds everything it moved.
#include <limits>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "cli/commands.h"
#include "cli/policy_source.h"
#include "redis_state/redis_format.h"
#include "redis_state/redis_scan.h"
#include "redis_state/redis_state.h"
#include "rules/window.h"
#include "store/embedded_state.h"
#include "store/held_touch_codec.h"
#include "store/history_codec.h"
#include "store/ledger_codec.h"
#include "store/memory_store.h"
#include "store/profile_codec.h"
#include "store/profiles.h"
#include "store/touch_ledger.h"

namespace tact {
namespace {

constexpr char kUnsubscribeKey[] = "unsubscribe";
constexpr size_t kHistoriesAtOnce = 1000;  // per ApplyAll: one pipeline on a cluster

bool IsCluster(const std::string& where) { return absl::StartsWith(where, "redis://"); }

// Everything a migration moves, read into memory from either kind of state.
struct Moved {
  MemoryStore histories;
  MemoryProfiles profiles;
  MemoryTouchLedger ledger;
  std::vector<HeldTouch> held;
  std::optional<std::string> unsubscribe_key;
};

// Every held touch `from` keeps, into `into`.
absl::Status ReadHeld(const HeldTouches& from, std::vector<HeldTouch>& into) {
  absl::StatusOr<std::vector<HeldTouch>> all =
      from.List({.limit = std::numeric_limits<size_t>::max()});
  if (!all.ok()) return all.status();
  into = *std::move(all);
  return absl::OkStatus();
}

// The ledger of a snapshot forgets nothing.
constexpr Minute kKeepAll = std::numeric_limits<Minute>::min();

absl::Status ReadDir(const std::string& dir, const Policy& policy, Moved& into) {
  auto state = EmbeddedState::OpenReadOnly(dir, policy);
  if (!state.ok()) return state.status();
  (*state)->histories->memory().ForEach([&](absl::string_view id, const History& history) {
    into.histories
        .Apply(id,
               [&](History& kept) -> std::optional<LedgerWrite> {
                 kept.ReplaceWith(history);
                 return std::nullopt;
               })
        .IgnoreError();  // a store in memory never fails
  });
  (*state)->profiles.people.ForEach([&](const std::string&, const Person& person) {
    into.profiles.PutPerson(person, [](const Person*, Person&) {}).IgnoreError();
  });
  (*state)->profiles.accounts.ForEach([&](const std::string&, const Account& account) {
    into.profiles.PutAccount(account).IgnoreError();
  });
  (*state)->ledger.ForEach([&](uint64_t id, const LedgerEntry& entry) {
    into.ledger.Add(id, entry, kKeepAll).IgnoreError();
  });
  if (absl::Status held = ReadHeld((*state)->held, into.held); !held.ok()) return held;
  absl::StatusOr<std::optional<std::string>> key = (*state)->journal->FindSecret(kUnsubscribeKey);
  if (!key.ok()) return key.status();
  into.unsubscribe_key = *std::move(key);
  return absl::OkStatus();
}

absl::Status ReadCluster(redis::ClusterClient& client, Moved& into) {
  absl::StatusOr<ScannedState> scanned =
      ScanInto(client, into.histories, into.profiles, &into.ledger);
  if (!scanned.ok()) return scanned.status();
  if (absl::Status held = ReadHeld(RedisHeldTouches(client), into.held); !held.ok()) return held;
  const std::string key = redis_format::SecretKey(kUnsubscribeKey);
  absl::StatusOr<redis::Reply> secret = client.Run({key, {"GET", key}});
  if (!secret.ok()) return secret.status();
  if (absl::Status error = secret->ErrorStatus("GET"); !error.ok()) return error;
  if (!secret->is_nil()) into.unsubscribe_key = secret->text;
  return absl::OkStatus();
}

// A history written in whole over whatever the destination holds.
struct Replace {
  const History* history;
  std::optional<LedgerWrite> operator()(History& kept) const {
    kept.ReplaceWith(*history);
    return std::nullopt;
  }
};

absl::Status WriteHistories(const Moved& moved, Store& to) {
  std::vector<std::pair<std::string, History>> all;
  moved.histories.ForEach(
      [&](absl::string_view id, const History& history) { all.emplace_back(id, history); });
  for (size_t first = 0; first < all.size(); first += kHistoriesAtOnce) {
    const size_t last = std::min(all.size(), first + kHistoriesAtOnce);
    std::vector<Replace> replaces;
    replaces.reserve(last - first);
    std::vector<PersonChange> changes;
    for (size_t i = first; i < last; ++i) {
      replaces.push_back(Replace{&all[i].second});
      changes.push_back({all[i].first, replaces.back()});
    }
    for (const absl::Status& stored : to.ApplyAll(changes)) {
      if (!stored.ok()) return stored;
    }
  }
  return absl::OkStatus();
}

// Writes everything in `moved` through the destination's ports.
absl::Status WriteInto(const Moved& moved, StatePorts to, Minute ledger_oldest_kept) {
  if (absl::Status written = WriteHistories(moved, to.histories); !written.ok()) return written;
  absl::Status failed;
  moved.profiles.people.ForEach([&](const std::string&, const Person& person) {
    if (!failed.ok()) return;
    failed = to.profiles.PutPerson(person, [](const Person*, Person&) {}).status();
  });
  moved.profiles.accounts.ForEach([&](const std::string&, const Account& account) {
    if (!failed.ok()) return;
    failed = to.profiles.PutAccount(account).status();
  });
  moved.ledger.ForEach([&](uint64_t id, const LedgerEntry& entry) {
    if (!failed.ok()) return;
    failed = to.ledger.Add(id, entry, ledger_oldest_kept);
  });
  if (!failed.ok() || to.held == nullptr) return failed;
  for (const HeldTouch& held : moved.held) {
    if (absl::Status put = to.held->Put(held); !put.ok()) return put;
  }
  return absl::OkStatus();
}

struct Tally {
  size_t histories = 0, people = 0, accounts = 0, touches = 0, held = 0;
  size_t missing = 0;  // of what was moved, not found in the destination as written
};

// Counts what `moved` holds and how much of it `found` lacks or holds otherwise.
Tally Compare(const Moved& moved, const Moved& found) {
  Tally tally;
  moved.histories.ForEach([&](absl::string_view id, const History& history) {
    ++tally.histories;
    std::string want, got;
    EncodeHistory(history, &want);
    const std::optional<History> there = found.histories.Find(id);
    if (there) EncodeHistory(*there, &got);
    tally.missing += !there || got != want;
  });
  moved.profiles.people.ForEach([&](const std::string& id, const Person& person) {
    ++tally.people;
    std::shared_ptr<const Person> there = found.profiles.people.Find(id);
    tally.missing += !there || EncodePersonRecord(*there) != EncodePersonRecord(person);
  });
  moved.profiles.accounts.ForEach([&](const std::string& id, const Account& account) {
    ++tally.accounts;
    std::shared_ptr<const Account> there = found.profiles.accounts.Find(id);
    tally.missing += !there || EncodeAccountRecord(*there) != EncodeAccountRecord(account);
  });
  moved.ledger.ForEach([&](uint64_t id, const LedgerEntry& entry) {
    ++tally.touches;
    const absl::StatusOr<std::optional<LedgerEntry>> there = found.ledger.Find(id);
    tally.missing +=
        !there.ok() || !*there || EncodeLedgerEntry(**there) != EncodeLedgerEntry(entry);
  });
  absl::flat_hash_map<uint64_t, std::string> found_held;
  for (const HeldTouch& held : found.held) found_held[held.id] = EncodeHeldTouch(held);
  for (const HeldTouch& held : moved.held) {
    ++tally.held;
    const auto there = found_held.find(held.id);
    tally.missing += there == found_held.end() || there->second != EncodeHeldTouch(held);
  }
  return tally;
}

int Fail(std::ostream& err, const absl::Status& status, int code = 1) {
  err << "tact admin migrate: " << status.message() << "\n";
  return code;
}

}  // namespace

// Long: reads the source, writes the destination, reads it back and reports,
// each step a call; splitting it would only pass the same five values around.
int RunAdminMigrate(const AdminOptions& options, std::ostream& out, std::ostream& err) {
  if (IsCluster(options.from) == IsCluster(options.to)) {
    return Fail(
        err,
        absl::InvalidArgumentError("--from and --to: one is a data directory, the other redis://…"),
        2);
  }
  absl::StatusOr<Policy> policy = LoadPolicyOrDefault(options.policy_path);
  if (!policy.ok()) return Fail(err, policy.status(), 2);
  const std::string& url = IsCluster(options.from) ? options.from : options.to;
  const std::string& dir = IsCluster(options.from) ? options.to : options.from;
  absl::StatusOr<redis::ClusterOptions> cluster = redis::ParseClusterUrl(url);
  if (!cluster.ok()) return Fail(err, cluster.status(), 2);
  RedisStateOptions redis_options;
  redis_options.cluster = *cluster;
  absl::StatusOr<std::unique_ptr<RedisState>> redis = RedisState::Open(redis_options);
  if (!redis.ok()) return Fail(err, redis.status(), 3);

  Moved moved;
  const absl::Status read = IsCluster(options.from) ? ReadCluster((*redis)->client(), moved)
                                                    : ReadDir(dir, *policy, moved);
  if (!read.ok()) return Fail(err, read, 3);
  const Minute ledger_oldest_kept = ToMinute(absl::Now()) - LedgerRetentionMinutes(*policy);
  Moved found;
  if (IsCluster(options.to)) {
    if (absl::Status written = WriteInto(moved, (*redis)->ports(), ledger_oldest_kept);
        !written.ok()) {
      return Fail(err, written, 3);
    }
    if (moved.unsubscribe_key) {
      (*redis)->GetOrCreateSecret(kUnsubscribeKey, moved.unsubscribe_key).IgnoreError();
    }
    if (absl::Status again = ReadCluster((*redis)->client(), found); !again.ok()) {
      return Fail(err, again, 3);
    }
  } else {
    {
      auto state = EmbeddedState::Open(dir, JournalOptions{}, *policy);
      if (!state.ok()) return Fail(err, state.status(), 3);
      absl::Status written = WriteInto(moved, (*state)->ports(), ledger_oldest_kept);
      if (written.ok() && moved.unsubscribe_key) {
        written =
            (*state)->journal->GetOrCreateSecret(kUnsubscribeKey, moved.unsubscribe_key).status();
      }
      if (written.ok()) {
        written = (*state)->journal->AwaitDurable((*state)->journal->Mark(), Urgency::kAlways);
      }
      if (!written.ok()) return Fail(err, written, 3);
    }
    if (absl::Status again = ReadDir(dir, *policy, found); !again.ok()) return Fail(err, again, 3);
  }
  const Tally tally = Compare(moved, found);
  const bool same_key = !moved.unsubscribe_key || found.unsubscribe_key == moved.unsubscribe_key;
  out << "moved from " << (IsCluster(options.from) ? RedactedUrl(*cluster) : dir) << " to "
      << (IsCluster(options.to) ? RedactedUrl(*cluster) : dir) << ": " << tally.histories
      << " histories, " << tally.people << " people, " << tally.accounts << " accounts, "
      << tally.touches << " sent touches (the ledger), " << tally.held << " held touches"
      << (moved.unsubscribe_key ? ", the unsubscribe key" : "") << "\n";
  if (tally.missing > 0 || !same_key) {
    out << "verify: " << tally.missing << " of them are not in the destination as written"
        << (same_key ? "" : "; the destination keeps an unsubscribe key of its own") << "\n";
    return 1;
  }
  out << "verify: the destination holds every one as written\n"
      << "not moved: seen event ids (a provider's retry of an event already applied is applied "
         "again), the mirror's days"
      << (IsCluster(options.to) ? ", the complaint-rate and template counts" : "") << "\n";
  return 0;
}

}  // namespace tact
