// The profile store (ports/profile_store.h) in memory: people and accounts
// in sharded maps of immutable values, and the address index. The embedded
// state writes every change through to the journal.
//
// Thread safety: every method may be called from any thread; updates to one
// person are serialised (UpdatePerson is atomic per person).
#pragma once

#include <array>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"
#include "core/account.h"
#include "core/address.h"
#include "core/person.h"
#include "ports/profile_store.h"
#include "store/person_key.h"

namespace tact {

// Hashes and compares ids as absl's string hashing does, and takes a guess
// at an id's slot (SlotGuess, store/person_key.h: the id's hash) for any slot
// with its hash tag, without reading the slot.
struct ProfileIdHash {
  using is_transparent = void;
  size_t operator()(absl::string_view id) const { return absl::Hash<absl::string_view>{}(id); }
  size_t operator()(SlotGuess guess) const { return guess.hash; }
};
struct ProfileIdEq {
  using is_transparent = void;
  bool operator()(absl::string_view a, absl::string_view b) const { return a == b; }
  bool operator()(const std::string&, SlotGuess) const { return true; }
  bool operator()(SlotGuess, const std::string&) const { return true; }
};

// A sharded map from id to an immutable value.
template <typename T>
class SharedProfiles {
 public:
  SharedProfiles() : shards_(std::make_unique<std::array<Shard, kShards>>()) {}

  std::shared_ptr<const T> Find(absl::string_view id) const {
    const size_t hash = HashOf(id);
    const Shard& shard = ShardOf(hash);
    std::lock_guard<std::mutex> lock(shard.mutex);
    const auto found = shard.values.find(id, hash);
    return found == shard.values.end() ? nullptr : found->second;
  }

  // Starts loading where `id`'s entry would be (its control bytes and the
  // first slots they guard) without waiting for it.
  void PrefetchWhere(absl::string_view id) const {
    const size_t hash = HashOf(id);
    const Shard& shard = ShardOf(hash);
    std::lock_guard<std::mutex> lock(shard.mutex);
    shard.values.prefetch(SlotGuess{hash});
  }
  // Starts loading `id`'s entry, found among the control bytes (best loaded
  // by PrefetchWhere) by its hash alone, without waiting for it.
  void PrefetchSlot(absl::string_view id) const {
    const size_t hash = HashOf(id);
    const Shard& shard = ShardOf(hash);
    std::lock_guard<std::mutex> lock(shard.mutex);
    PrefetchGuessedSlot(shard.values, hash);
  }
  // Finds `id`'s entry (best loaded by PrefetchSlot) and starts loading its
  // value and the count that sharing it changes, which std::make_shared puts
  // just before it.
  void PrefetchValue(absl::string_view id) const {
    const size_t hash = HashOf(id);
    const Shard& shard = ShardOf(hash);
    std::lock_guard<std::mutex> lock(shard.mutex);
    const auto found = shard.values.find(id, hash);
    if (found == shard.values.end() || found->second == nullptr) return;
    const char* value = reinterpret_cast<const char*>(found->second.get());
    __builtin_prefetch(value - 1, /*rw=*/1);
    __builtin_prefetch(value);
  }
  // `read(value)` under `id`'s lock when it has one (best loaded by
  // PrefetchValue); false when it has none.
  bool Read(absl::string_view id, absl::FunctionRef<void(const T&)> read) const {
    const size_t hash = HashOf(id);
    const Shard& shard = ShardOf(hash);
    std::lock_guard<std::mutex> lock(shard.mutex);
    const auto found = shard.values.find(id, hash);
    if (found == shard.values.end()) return false;
    read(*found->second);
    return true;
  }

  // Whether `id` has a value; cheaper than Find (the value is not touched).
  bool Contains(absl::string_view id) const {
    const size_t hash = HashOf(id);
    const Shard& shard = ShardOf(hash);
    std::lock_guard<std::mutex> lock(shard.mutex);
    return shard.values.find(id, hash) != shard.values.end();
  }

  // Sets `write_through`, called with every new value under its id's lock
  // (so calls for one id come in the order the values were stored). Set it
  // before the profiles are shared between threads.
  void SetWriteThrough(std::function<void(const T&)> write_through) {
    write_through_ = std::move(write_through);
  }

  // Sets `observer`, called with the old value (nullptr when new) and the new
  // one under the id's lock, e.g. to keep an index. Set it before sharing.
  void SetObserver(std::function<void(const T*, const T&)> observer) {
    observer_ = std::move(observer);
  }

  // Stores `value`; true when `id` had none before.
  bool Put(std::string id, std::shared_ptr<const T> value) {
    const size_t hash = HashOf(id);
    Shard& shard = ShardOf(hash);
    std::lock_guard<std::mutex> lock(shard.mutex);
    return Store(shard, shard.values.find(id, hash), id, std::move(value));
  }

  // Like Put, but lets `merge` see the value it replaces (nullptr when new)
  // and adjust the new one first, atomically.
  bool PutMerged(std::string id, T value,
                 absl::FunctionRef<void(const T* before, T& after)> merge) {
    const size_t hash = HashOf(id);
    Shard& shard = ShardOf(hash);
    std::lock_guard<std::mutex> lock(shard.mutex);
    auto found = shard.values.find(id, hash);
    merge(found == shard.values.end() ? nullptr : found->second.get(), value);
    return Store(shard, found, id, std::make_shared<const T>(std::move(value)));
  }

  // Copies the current value (or `fresh` when there is none), lets `fn`
  // change the copy and stores it, all under the shard lock.
  void Update(absl::string_view id, const T& fresh, absl::FunctionRef<void(T&)> fn) {
    const size_t hash = HashOf(id);
    Shard& shard = ShardOf(hash);
    std::lock_guard<std::mutex> lock(shard.mutex);
    auto found = shard.values.find(id, hash);
    auto copy = std::make_shared<T>(found == shard.values.end() ? fresh : *found->second);
    fn(*copy);
    Store(shard, found, id, std::move(copy));
  }

  // Calls `fn` with every id and value, one shard at a time (under its lock).
  void ForEach(absl::FunctionRef<void(const std::string&, const T&)> fn) const {
    for (const Shard& shard : *shards_) {
      std::lock_guard<std::mutex> lock(shard.mutex);
      for (const auto& [id, value] : shard.values) fn(id, *value);
    }
  }

  // Makes room for `count` values in all, spread over the shards, so that
  // a bulk load does not rehash.
  void Reserve(size_t count) {
    for (Shard& shard : *shards_) {
      std::lock_guard<std::mutex> lock(shard.mutex);
      shard.values.reserve(shard.values.size() + count / kShards + 1);
    }
  }

  size_t Size() const {
    size_t size = 0;
    for (const Shard& shard : *shards_) {
      std::lock_guard<std::mutex> lock(shard.mutex);
      size += shard.values.size();
    }
    return size;
  }

 private:
  static constexpr size_t kShards = 64;
  struct Shard {
    mutable std::mutex mutex;
    absl::flat_hash_map<std::string, std::shared_ptr<const T>, ProfileIdHash, ProfileIdEq> values
        ABSL_GUARDED_BY(mutex);
  };
  // Writes `value` through, tells the observer and puts it in place of
  // `found` (the id's entry, or end()); true when the id is new. Called
  // under the shard's lock.
  using Iterator = typename absl::flat_hash_map<std::string, std::shared_ptr<const T>,
                                                ProfileIdHash, ProfileIdEq>::iterator;
  bool Store(Shard& shard, Iterator found, absl::string_view id, std::shared_ptr<const T> value) {
    if (write_through_) write_through_(*value);
    const bool created = found == shard.values.end();
    if (observer_) observer_(created ? nullptr : found->second.get(), *value);
    if (created) {
      shard.values.emplace(std::string(id), std::move(value));
    } else {
      found->second = std::move(value);
    }
    return created;
  }

  // An id's hash is made once per call: its high bits pick the shard, and
  // the shard's map is handed the same hash (ProfileIdHash's).
  static size_t HashOf(absl::string_view id) { return ProfileIdHash{}(id); }
  Shard& ShardOf(size_t hash) const { return (*shards_)[(hash >> 58) % kShards]; }
  std::unique_ptr<std::array<Shard, kShards>> shards_;
  std::function<void(const T&)> write_through_;
  std::function<void(const T*, const T&)> observer_;
};

// Email addresses, phone numbers and tools' own ids (core/address.h
// AddressKeys) to person ids, as providers and tools name people.
class AddressIndex {
 public:
  // Moves the person's addresses from `before` (nullptr: none) to `after`.
  void Update(const Person* before, const Person& after) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (before) {
      for (const std::string& address : AddressKeys(*before)) {
        auto found = ids_.find(address);
        if (found != ids_.end() && found->second == before->id) ids_.erase(found);
      }
    }
    for (std::string& address : AddressKeys(after)) ids_[std::move(address)] = after.id;
  }
  // The person with this (normalised) address, or "".
  std::string Find(absl::string_view address) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = ids_.find(address);
    return found == ids_.end() ? std::string() : found->second;
  }

 private:
  mutable std::mutex mutex_;
  absl::flat_hash_map<std::string, std::string> ids_ ABSL_GUARDED_BY(mutex_);
};

class MemoryProfiles final : public ProfileStore {
 public:
  MemoryProfiles() {
    people.SetObserver(
        [this](const Person* before, const Person& after) { addresses.Update(before, after); });
  }
  MemoryProfiles(const MemoryProfiles&) = delete;
  MemoryProfiles& operator=(const MemoryProfiles&) = delete;

  // The port's methods; in memory they never fail.
  absl::StatusOr<std::shared_ptr<const Person>> FindPerson(absl::string_view id) const override {
    return people.Find(id);
  }
  void Prefetch(absl::string_view person_id, PrefetchStep step) const override {
    switch (step) {
      case PrefetchStep::kWhere:
        return people.PrefetchWhere(person_id);
      case PrefetchStep::kSlot:
        return people.PrefetchSlot(person_id);
      case PrefetchStep::kValue:
        return people.PrefetchValue(person_id);
      case PrefetchStep::kAccountWhere:
      case PrefetchStep::kAccountSlot:
      case PrefetchStep::kAccountValue:
        break;
    }
    std::string account_id;
    people.Read(person_id, [&](const Person& person) { account_id = person.account_id; });
    if (account_id.empty()) return;
    if (step == PrefetchStep::kAccountWhere) return accounts.PrefetchWhere(account_id);
    if (step == PrefetchStep::kAccountSlot) return accounts.PrefetchSlot(account_id);
    accounts.PrefetchValue(account_id);
  }
  absl::StatusOr<std::shared_ptr<const Account>> FindAccount(absl::string_view id) const override {
    return accounts.Find(id);
  }
  absl::StatusOr<std::string> PersonWithAddress(absl::string_view address) const override {
    return addresses.Find(address);
  }
  absl::StatusOr<bool> PutPerson(
      Person person, absl::FunctionRef<void(const Person* before, Person& after)> merge) override {
    std::string id = person.id;
    return people.PutMerged(std::move(id), std::move(person), merge);
  }
  absl::Status UpdatePerson(absl::string_view id,
                            absl::FunctionRef<void(Person&)> change) override {
    Person fresh;
    fresh.id = std::string(id);
    people.Update(id, fresh, change);
    return absl::OkStatus();
  }
  absl::StatusOr<bool> PutAccount(Account account) override {
    std::string id = account.id;
    return accounts.Put(std::move(id), std::make_shared<const Account>(std::move(account)));
  }
  ProfileCounts Counts() const override { return {people.Size(), accounts.Size()}; }
  // Makes room for `count` more people (a bulk load).
  void Reserve(size_t count) { people.Reserve(count); }

  SharedProfiles<Person> people;
  SharedProfiles<Account> accounts;
  AddressIndex addresses;
};

}  // namespace tact
