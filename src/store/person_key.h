// A person id as the key of the in-memory store's table: 24 bytes, where a
// std::string takes 32, with ids of up to 22 bytes (CRM ids, most short
// emails, "p-0001234") kept inline so that finding a person reads no memory
// beyond the table's slot. Longer ids live on the heap.
//
// Thread safety: as a std::string's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>

#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"

namespace tact {

class PersonKey {
 public:
  explicit PersonKey(absl::string_view id) { Assign(id); }
  PersonKey(const PersonKey& other) { Assign(other.view()); }
  PersonKey(PersonKey&& other) noexcept {
    std::memcpy(bytes_, other.bytes_, sizeof(bytes_));
    other.bytes_[kTag] = 0;  // `other` is now empty and owns nothing
  }
  PersonKey& operator=(const PersonKey& other) {
    if (this != &other) {
      Free();
      Assign(other.view());
    }
    return *this;
  }
  PersonKey& operator=(PersonKey&& other) noexcept {
    if (this != &other) {
      Free();
      std::memcpy(bytes_, other.bytes_, sizeof(bytes_));
      other.bytes_[kTag] = 0;
    }
    return *this;
  }
  ~PersonKey() { Free(); }

  absl::string_view view() const {
    if (!OnHeap()) return {bytes_, static_cast<size_t>(bytes_[kTag])};
    return {HeapData(), HeapSize()};
  }
  // Bytes on the heap (for memory accounting).
  size_t HeapBytes() const { return OnHeap() ? HeapSize() : 0; }

 private:
  static constexpr size_t kInline = 22;
  static constexpr size_t kTag = 23;  // the inline length, or kHeap
  static constexpr char kHeap = static_cast<char>(0xff);

  bool OnHeap() const { return bytes_[kTag] == kHeap; }
  char* HeapData() const {
    char* data;
    std::memcpy(&data, bytes_, sizeof(data));
    return data;
  }
  size_t HeapSize() const {
    size_t size;
    std::memcpy(&size, bytes_ + sizeof(char*), sizeof(size));
    return size;
  }
  void Assign(absl::string_view id) {
    if (id.size() <= kInline) {
      std::memcpy(bytes_, id.data(), id.size());
      bytes_[kTag] = static_cast<char>(id.size());
      return;
    }
    char* data = new char[id.size()];
    std::memcpy(data, id.data(), id.size());
    const size_t size = id.size();
    std::memcpy(bytes_, &data, sizeof(data));
    std::memcpy(bytes_ + sizeof(char*), &size, sizeof(size));
    bytes_[kTag] = kHeap;
  }
  void Free() {
    if (OnHeap()) delete[] HeapData();
    bytes_[kTag] = 0;
  }

  char bytes_[24];
};
static_assert(sizeof(PersonKey) == 24);

// A look-up that finds where a person's slot most likely is without
// reading it: it matches the first slot whose hash tag (7 bits of the hash,
// in the table's control bytes) is the person's, so finding it reads only
// control bytes and the address can be prefetched (MemoryStore::Prefetch,
// and the profiles' SharedProfiles::PrefetchSlot). Most often that is the
// person's slot; otherwise another in the same group.
struct SlotGuess {
  size_t hash;  // the id's hash, as PersonKeyHash (and ProfileIdHash) compute it
};

// Starts loading the slot of `table` (an Abseil table whose hash and
// equality take a SlotGuess) where SlotGuess{hash} finds it, reading only
// control bytes (best loaded already); both its ends, as a slot may
// straddle two lines. The caller holds what guards `table`.
template <typename Table>
void PrefetchGuessedSlot(const Table& table, size_t hash) {
  const auto guessed = table.find(SlotGuess{hash});
  if (guessed == table.end()) return;
  const char* slot = reinterpret_cast<const char*>(&*guessed);
  __builtin_prefetch(slot);
  __builtin_prefetch(slot + sizeof(*guessed) - 1);
}

// Hashes and compares keys and plain ids alike (the table's look-ups take
// an absl::string_view), with the same hash as absl::Hash<string_view>.
struct PersonKeyHash {
  using is_transparent = void;
  size_t operator()(absl::string_view id) const { return absl::Hash<absl::string_view>{}(id); }
  size_t operator()(const PersonKey& key) const { return (*this)(key.view()); }
  size_t operator()(SlotGuess guess) const { return guess.hash; }
};
struct PersonKeyEq {
  using is_transparent = void;
  static absl::string_view View(absl::string_view id) { return id; }
  static absl::string_view View(const PersonKey& key) { return key.view(); }
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const {
    return View(a) == View(b);
  }
  // A guess matches any slot with its hash tag (the table compares only
  // after the tag matched), without reading the slot.
  bool operator()(const PersonKey&, SlotGuess) const { return true; }
  bool operator()(SlotGuess, const PersonKey&) const { return true; }
};

}  // namespace tact
