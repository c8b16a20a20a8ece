#include "redis_state/redis_profiles.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/address.h"
#include "redis_state/redis_format.h"
#include "store/profile_codec.h"

namespace tact {
namespace {

// KEYS[1]: an address's key; ARGV[1]: the person it may still name.
// Deletes the key only if it still names that person.
constexpr char kReleaseAddress[] = R"lua(
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
)lua";

// KEYS[1]: a person's profile key, KEYS[2]: the records of their slot;
// ARGV[1]: the person id. Both values (nil for none) in one reply.
constexpr char kReadPerson[] = R"lua(
return {redis.call('GET', KEYS[1]), redis.call('HGET', KEYS[2], ARGV[1])}
)lua";

absl::Status ErrorOf(const absl::StatusOr<redis::Reply>& reply, absl::string_view what) {
  if (!reply.ok()) return reply.status();
  return reply->ErrorStatus(what);
}

// One command per id (`read`), pipelined: one round trip per master; each
// reply to `take` with its index, in order. The first error.
absl::Status ReadEach(redis::ClusterClient& client, absl::Span<const std::string> ids,
                      absl::string_view what,
                      absl::FunctionRef<redis::Command(const std::string& id)> read,
                      absl::FunctionRef<absl::Status(size_t, redis::Reply&)> take) {
  std::vector<redis::Command> reads;
  reads.reserve(ids.size());
  for (const std::string& id : ids) reads.push_back(read(id));
  std::vector<absl::StatusOr<redis::Reply>> replies = client.RunAll(reads);
  for (size_t i = 0; i < ids.size(); ++i) {
    if (absl::Status error = ErrorOf(replies[i], what); !error.ok()) return error;
    if (absl::Status taken = take(i, *replies[i]); !taken.ok()) return taken;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::shared_ptr<const Person>> DecodeProfileRecord(absl::string_view id,
                                                                  absl::string_view record) {
  if (record.empty()) return nullptr;
  absl::StatusOr<Person> person = DecodePersonRecord(redis_format::RecordHistory(record));
  if (!person.ok()) {
    return absl::DataLossError(absl::StrCat("redis: the profile of person '", id,
                                            "' does not decode: ", person.status().message()));
  }
  return std::make_shared<const Person>(*std::move(person));
}

absl::StatusOr<std::shared_ptr<const Account>> DecodeAccountValue(absl::string_view id,
                                                                  absl::string_view value) {
  absl::StatusOr<Account> account = DecodeAccountRecord(value);
  if (!account.ok()) {
    return absl::DataLossError(absl::StrCat("redis: the account '", id,
                                            "' does not decode: ", account.status().message()));
  }
  return std::make_shared<const Account>(*std::move(account));
}

RedisProfiles::RedisProfiles(redis::ClusterClient& client, PersonRecords& records)
    : client_(client),
      records_(records),
      values_(client),
      release_address_(kReleaseAddress),
      read_person_(kReadPerson) {}

absl::StatusOr<std::shared_ptr<const Person>> RedisProfiles::FindPerson(
    absl::string_view id) const {
  const std::string ids[] = {std::string(id)};
  absl::StatusOr<std::vector<std::shared_ptr<const Person>>> people = FindPeople(ids);
  if (!people.ok()) return people.status();
  return std::move((*people)[0]);
}

absl::StatusOr<std::vector<std::shared_ptr<const Person>>> RedisProfiles::FindPeople(
    absl::Span<const std::string> ids) const {
  std::vector<std::shared_ptr<const Person>> people;
  people.reserve(ids.size());
  const absl::Status read = ReadEach(
      client_, ids, "reading a person",
      [&](const std::string& id) {
        return read_person_.Call({redis_format::ProfileKey(id), redis_format::RecordsKey(id)},
                                 {id});
      },
      [&](size_t i, redis::Reply& both) -> absl::Status {
        if (both.elements.size() != 2) {
          return absl::InternalError("redis: reading a person answered no pair");
        }
        records_.Prime(ids[i], both.elements[1].is_nil() ? "" : std::move(both.elements[1].text));
        absl::StatusOr<std::shared_ptr<const Person>> person =
            DecodeProfileRecord(ids[i], both.elements[0].is_nil() ? "" : both.elements[0].text);
        if (!person.ok()) return person.status();
        people.push_back(*std::move(person));
        return absl::OkStatus();
      });
  if (!read.ok()) return read;
  return people;
}

absl::StatusOr<std::shared_ptr<const Account>> RedisProfiles::FindAccount(
    absl::string_view id) const {
  const std::string ids[] = {std::string(id)};
  absl::StatusOr<std::vector<std::shared_ptr<const Account>>> accounts = FindAccounts(ids);
  if (!accounts.ok()) return accounts.status();
  return std::move((*accounts)[0]);
}

absl::StatusOr<std::vector<std::shared_ptr<const Account>>> RedisProfiles::FindAccounts(
    absl::Span<const std::string> ids) const {
  std::vector<std::shared_ptr<const Account>> accounts;
  accounts.reserve(ids.size());
  const absl::Status read = ReadEach(
      client_, ids, "reading an account",
      [](const std::string& id) {
        std::string key = redis_format::AccountKey(id);
        return redis::Command{key, {"GET", key}};
      },
      [&](size_t i, redis::Reply& value) -> absl::Status {
        if (value.is_nil()) {
          accounts.push_back(nullptr);
          return absl::OkStatus();
        }
        absl::StatusOr<std::shared_ptr<const Account>> account =
            DecodeAccountValue(ids[i], value.text);
        if (!account.ok()) return account.status();
        accounts.push_back(*std::move(account));
        return absl::OkStatus();
      });
  if (!read.ok()) return read;
  return accounts;
}

absl::StatusOr<std::string> RedisProfiles::PersonWithAddress(absl::string_view address) const {
  if (address.empty()) return std::string();
  const std::string key = redis_format::AddressKey(address);
  absl::StatusOr<redis::Reply> reply = client_.Run({key, {"GET", key}});
  if (absl::Status error = ErrorOf(reply, "reading an address"); !error.ok()) return error;
  return reply->is_nil() ? std::string() : std::move(reply->text);
}

absl::StatusOr<bool> RedisProfiles::Change(
    absl::string_view id, absl::FunctionRef<void(const Person* before, Person& after)> change) {
  const VersionedValues::Location profile{redis_format::ProfileKey(id), ""};
  absl::StatusOr<std::string> record = values_.Read(profile);
  if (!record.ok()) return record.status();
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    absl::StatusOr<std::shared_ptr<const Person>> before = DecodeProfileRecord(id, *record);
    if (!before.ok()) return before.status();
    Person after;
    change(before->get(), after);
    const std::string written = redis_format::MakeRecord(redis_format::RecordVersion(*record) + 1,
                                                         EncodePersonRecord(after));
    absl::StatusOr<bool> stored = values_.CompareAndSet(profile, *record, written);
    if (!stored.ok()) return stored.status();
    if (!*stored) continue;  // another node wrote first: change what it wrote
    if (absl::Status indexed = IndexAddresses(before->get(), after); !indexed.ok()) return indexed;
    const bool created = *before == nullptr;
    if (created) {
      absl::StatusOr<redis::Reply> counted =
          client_.Run({redis_format::kPeopleCountKey, {"INCR", redis_format::kPeopleCountKey}});
      if (absl::Status error = ErrorOf(counted, "counting people"); !error.ok()) return error;
    }
    return created;
  }
  return absl::AbortedError(absl::StrCat("redis: the profile of person '", id, "' changed ",
                                         kMaxAttempts, " times while being stored; send it again"));
}

absl::Status RedisProfiles::IndexAddresses(const Person* before, const Person& after) {
  std::vector<redis::Command> commands;
  const std::vector<std::string> kept = AddressKeys(after);
  if (before != nullptr) {
    for (const std::string& address : AddressKeys(*before)) {
      if (std::find(kept.begin(), kept.end(), address) != kept.end()) continue;
      commands.push_back(release_address_.Call({redis_format::AddressKey(address)}, {after.id}));
    }
  }
  for (const std::string& address : kept) {
    const std::string key = redis_format::AddressKey(address);
    commands.push_back({key, {"SET", key, after.id}});
  }
  if (commands.empty()) return absl::OkStatus();
  for (const absl::StatusOr<redis::Reply>& reply : client_.RunAll(commands)) {
    if (absl::Status error = ErrorOf(reply, "indexing an address"); !error.ok()) return error;
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> RedisProfiles::PutPerson(
    Person person, absl::FunctionRef<void(const Person* before, Person& after)> merge) {
  const std::string id = person.id;
  return Change(id, [&](const Person* before, Person& after) {
    after = person;  // each attempt merges into a fresh copy
    merge(before, after);
  });
}

absl::Status RedisProfiles::UpdatePerson(absl::string_view id,
                                         absl::FunctionRef<void(Person&)> change) {
  return Change(id,
                [&](const Person* before, Person& after) {
                  if (before != nullptr) {
                    after = *before;
                  } else {
                    after.id = std::string(id);
                  }
                  change(after);
                })
      .status();
}

absl::StatusOr<bool> RedisProfiles::PutAccount(Account account) {
  const std::string key = redis_format::AccountKey(account.id);
  // SET ... GET answers what the key held: nil for a new account.
  absl::StatusOr<redis::Reply> reply =
      client_.Run({key, {"SET", key, EncodeAccountRecord(account), "GET"}});
  if (absl::Status error = ErrorOf(reply, "storing an account"); !error.ok()) return error;
  if (!reply->is_nil()) return false;
  absl::StatusOr<redis::Reply> counted =
      client_.Run({redis_format::kAccountsCountKey, {"INCR", redis_format::kAccountsCountKey}});
  if (absl::Status error = ErrorOf(counted, "counting accounts"); !error.ok()) return error;
  return true;
}

ProfileCounts RedisProfiles::Counts() const {
  ProfileCounts counts;
  for (auto [key, into] : {std::pair{redis_format::kPeopleCountKey, &counts.people},
                           std::pair{redis_format::kAccountsCountKey, &counts.accounts}}) {
    absl::StatusOr<redis::Reply> reply = client_.Run({key, {"GET", key}});
    if (reply.ok() && !reply->is_nil() && !reply->is_error()) {
      int64_t value = 0;
      if (absl::SimpleAtoi(reply->text, &value) && value > 0) *into = static_cast<size_t>(value);
    }
  }
  return counts;
}

}  // namespace tact
