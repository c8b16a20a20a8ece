#include "redis_state/person_records.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "redis_state/history_value.h"
#include "redis_state/ledger_script.h"
#include "redis_state/redis_format.h"

namespace tact {
absl::StatusOr<History> DecodeHistoryRecord(absl::string_view person_id, absl::string_view record) {
  if (record.empty()) return History();
  absl::StatusOr<History> history = DecodeHistoryValue(redis_format::RecordHistory(record));
  if (!history.ok()) {
    return absl::DataLossError(absl::StrCat("redis: the record of person '", person_id,
                                            "' does not decode: ", history.status().message()));
  }
  return history;
}

namespace {

// The encoding of a new person's empty history: what a missing record holds.
const std::string& EmptyHistoryBytes() {
  static const std::string* const bytes = [] {
    auto* encoded = new std::string();
    EncodeHistoryValue(History(), encoded);
    return encoded;
  }();
  return *bytes;
}

}  // namespace

// One person's share of an ApplyAll: their changes, in order, and where the
// person stands.
struct PersonRecords::Person {
  absl::string_view id;
  VersionedValues::Location where;
  std::vector<size_t> changes;          // indices into ApplyAll's changes
  std::string record;                   // as last read or cached
  bool fresh = false;                   // `record` was read during this call
  std::string written;                  // what the pending compare-and-set stores ("": checks only)
  std::optional<absl::Status> outcome;  // set once done
};

PersonRecords::PersonRecords(redis::ClusterClient& client, Options options)
    : client_(client), options_(options), values_(client), cache_(options.cached_people) {}

PersonRecords::Stats PersonRecords::stats() const {
  return {reads_.load(), writes_.load(), conflicts_.load(), cache_hits_.load()};
}

VersionedValues::Location PersonRecords::Where(absl::string_view person_id) {
  return {redis_format::RecordsKey(person_id), std::string(person_id)};
}

void PersonRecords::Prime(absl::string_view person_id, std::string record) {
  cache_.Put(person_id, std::move(record));
}

absl::StatusOr<std::optional<History>> PersonRecords::Get(absl::string_view person_id) {
  reads_.fetch_add(1);
  absl::StatusOr<std::string> record = values_.Read(Where(person_id));
  if (!record.ok()) return record.status();
  if (record->empty()) return std::nullopt;
  absl::StatusOr<History> history = DecodeHistoryRecord(person_id, *record);
  if (!history.ok()) return history.status();
  return std::optional<History>(*std::move(history));
}

absl::Status PersonRecords::Apply(absl::string_view person_id,
                                  absl::FunctionRef<std::optional<LedgerWrite>(History&)> change) {
  const Change one{person_id, change};
  return ApplyAll(absl::MakeConstSpan(&one, 1))[0];
}

std::vector<absl::Status> PersonRecords::ApplyAll(absl::Span<const Change> changes) {
  std::vector<Person> people;
  absl::flat_hash_map<absl::string_view, size_t> index_of;
  for (size_t i = 0; i < changes.size(); ++i) {
    auto [at, added] = index_of.try_emplace(changes[i].person_id, people.size());
    if (added) {
      people.push_back({.id = changes[i].person_id, .where = Where(changes[i].person_id)});
    }
    people[at->second].changes.push_back(i);
  }
  Load(people);
  std::vector<redis::Command> commands;
  std::vector<Person*> writing;
  for (int attempt = 0; attempt < options_.max_attempts; ++attempt) {
    commands.clear();
    writing.clear();
    for (Person& person : people) {
      if (person.outcome) continue;
      if (std::optional<redis::Command> command = Write(person, changes)) {
        commands.push_back(*std::move(command));
        writing.push_back(&person);
      }
    }
    if (commands.empty()) break;
    writes_.fetch_add(static_cast<int64_t>(commands.size()));
    std::vector<absl::StatusOr<redis::Reply>> replies = client_.RunAll(commands);
    for (size_t k = 0; k < writing.size(); ++k) Settle(*writing[k], std::move(replies[k]));
  }
  std::vector<absl::Status> outcomes(changes.size());
  for (Person& person : people) {
    if (!person.outcome) {
      cache_.Erase(person.id);
      person.outcome = absl::AbortedError(absl::StrCat("redis: person '", person.id, "' changed ",
                                                       options_.max_attempts,
                                                       " times while deciding; ask again"));
    }
    for (size_t i : person.changes) outcomes[i] = *person.outcome;
  }
  return outcomes;
}

void PersonRecords::Load(std::vector<Person>& people) {
  std::vector<redis::Command> reads;
  std::vector<Person*> reading;
  for (Person& person : people) {
    if (std::optional<std::string> cached = cache_.Find(person.id)) {
      cache_hits_.fetch_add(1);
      person.record = *std::move(cached);
    } else {
      reads.push_back(VersionedValues::ReadCommand(person.where));
      reading.push_back(&person);
    }
  }
  if (reads.empty()) return;
  reads_.fetch_add(static_cast<int64_t>(reads.size()));
  std::vector<absl::StatusOr<redis::Reply>> replies = client_.RunAll(reads);
  for (size_t k = 0; k < reading.size(); ++k) {
    Person& person = *reading[k];
    absl::StatusOr<redis::Reply>& reply = replies[k];
    if (!reply.ok()) {
      person.outcome = reply.status();
    } else if (absl::Status error = reply->ErrorStatus("reading a record"); !error.ok()) {
      person.outcome = error;
    } else {
      person.record = reply->is_nil() ? std::string() : std::move(reply->text);
      person.fresh = true;
    }
  }
}

std::optional<redis::Command> PersonRecords::Write(Person& person,
                                                   absl::Span<const Change> changes) {
  absl::StatusOr<History> history = DecodeHistoryRecord(person.id, person.record);
  if (!history.ok()) {
    person.outcome = history.status();
    return std::nullopt;
  }
  std::vector<VersionedValues::LedgerEntryWrite> ledger;
  for (size_t i : person.changes) {
    if (std::optional<LedgerWrite> sent = changes[i].change(*history)) {
      ledger.push_back({redis_format::LedgerKey(sent->touch_id),
                        redis_format::LedgerField(sent->touch_id), std::move(sent->entry),
                        LedgerKeepMs(sent->keep)});
    }
  }
  std::string encoded;
  EncodeHistoryValue(*history, &encoded);
  const bool changed =
      encoded != (person.record.empty() ? absl::string_view(EmptyHistoryBytes())
                                        : redis_format::RecordHistory(person.record));
  if (!changed && ledger.empty() && person.fresh) {  // read just now: nothing to check
    person.outcome = absl::OkStatus();
    return std::nullopt;
  }
  person.written =
      changed ? redis_format::MakeRecord(redis_format::RecordVersion(person.record) + 1, encoded)
              : "";
  return values_.CompareAndSetCommand(person.where, person.record, person.written,
                                      absl::MakeSpan(ledger));
}

void PersonRecords::Settle(Person& person, absl::StatusOr<redis::Reply> reply) {
  absl::StatusOr<bool> stored = VersionedValues::ReadCompareAndSet(std::move(reply), person.record);
  if (!stored.ok()) {
    cache_.Erase(person.id);
    person.outcome = stored.status();
  } else if (*stored) {
    cache_.Put(person.id, person.written.empty() ? person.record : person.written);
    person.outcome = absl::OkStatus();
  } else {
    conflicts_.fetch_add(1);
    person.fresh = true;  // the script answered the record as it is now
  }
}

}  // namespace tact
