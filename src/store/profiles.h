// People's and accounts' profiles as callers last sent them. Readers get a
// shared_ptr to an immutable profile: a PUT that replaces one while a
// decision reads it never changes what that decision sees.
//
// Thread safety: every method may be called from any thread; updates to one
// person are serialised (UpdatePerson is atomic per person).
#pragma once

#include <array>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"
#include "core/account.h"
#include "core/person.h"

namespace tact {

// A sharded map from id to an immutable value.
template <typename T>
class SharedProfiles {
 public:
  SharedProfiles() : shards_(std::make_unique<std::array<Shard, kShards>>()) {}

  std::shared_ptr<const T> Find(absl::string_view id) const {
    const Shard& shard = ShardOf(id);
    std::lock_guard<std::mutex> lock(shard.mutex);
    const auto found = shard.values.find(id);
    return found == shard.values.end() ? nullptr : found->second;
  }

  // Sets `write_through`, called with every new value under its id's lock
  // (so calls for one id come in the order the values were stored). Set it
  // before the profiles are shared between threads.
  void SetWriteThrough(std::function<void(const T&)> write_through) {
    write_through_ = std::move(write_through);
  }

  // Stores `value`; true when `id` had none before.
  bool Put(std::string id, std::shared_ptr<const T> value) {
    Shard& shard = ShardOf(id);
    std::lock_guard<std::mutex> lock(shard.mutex);
    if (write_through_) write_through_(*value);
    return shard.values.insert_or_assign(std::move(id), std::move(value)).second;
  }

  // Copies the current value (or `fresh` when there is none), lets `fn`
  // change the copy and stores it, all under the shard lock.
  void Update(absl::string_view id, const T& fresh, absl::FunctionRef<void(T&)> fn) {
    Shard& shard = ShardOf(id);
    std::lock_guard<std::mutex> lock(shard.mutex);
    auto found = shard.values.find(id);
    auto copy = std::make_shared<T>(found == shard.values.end() ? fresh : *found->second);
    fn(*copy);
    if (write_through_) write_through_(*copy);
    if (found == shard.values.end()) {
      shard.values.emplace(std::string(id), std::move(copy));
    } else {
      found->second = std::move(copy);
    }
  }

  // Calls `fn` with every id and value, one shard at a time (under its lock).
  void ForEach(absl::FunctionRef<void(const std::string&, const T&)> fn) const {
    for (const Shard& shard : *shards_) {
      std::lock_guard<std::mutex> lock(shard.mutex);
      for (const auto& [id, value] : shard.values) fn(id, *value);
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
    absl::flat_hash_map<std::string, std::shared_ptr<const T>> values;  // guarded by mutex
  };
  Shard& ShardOf(absl::string_view id) const {
    return (*shards_)[(absl::Hash<absl::string_view>{}(id) >> 58) % kShards];
  }
  std::unique_ptr<std::array<Shard, kShards>> shards_;
  std::function<void(const T&)> write_through_;
};

struct Profiles {
  SharedProfiles<Person> people;
  SharedProfiles<Account> accounts;
};

}  // namespace tact
