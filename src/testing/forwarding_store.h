// A Store that passes every call to another, for tests that change one call
// (make it fail, hold it, count it) and keep the rest.
#pragma once

#include <optional>

#include "ports/store.h"

namespace tact::testing {

class ForwardingStore : public Store {
 public:
  explicit ForwardingStore(Store& inner) : inner_(inner) {}
  absl::Status Apply(absl::string_view person_id, HistoryChange change) override {
    return inner_.Apply(person_id, change);
  }
  absl::StatusOr<std::optional<History>> Get(absl::string_view person_id) const override {
    return inner_.Get(person_id);
  }
  uint64_t NewTouchId(absl::string_view person_id) override { return inner_.NewTouchId(person_id); }
  StoreStats Stats() const override { return inner_.Stats(); }

 protected:
  Store& inner_;
};

}  // namespace tact::testing
