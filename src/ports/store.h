// Store is the only place person state lives. Every change to a person's
// history goes through Apply, which runs atomically per person: calls for one
// person are linearizable; calls for different people run in parallel.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"
#include "core/history.h"

namespace tact {

struct StoreStats {
  size_t people = 0;
  size_t touches = 0;
  size_t bytes = 0;  // memory held for person state, table overhead included
};

class Store {
 public:
  virtual ~Store() = default;

  // Runs `fn` with exclusive access to the person's history, creating an
  // empty one first if the person is new. `fn` must not call the store.
  virtual void Apply(absl::string_view person_id, absl::FunctionRef<void(History&)> fn) = 0;

  // A copy of the person's history, or nullopt if the store has none.
  virtual std::optional<History> Get(absl::string_view person_id) const = 0;

  virtual StoreStats Stats() const = 0;
};

}  // namespace tact
