// Port: people's and accounts' profiles as callers last sent them, and the
// index from an email address or phone number to the person it belongs to
// (how providers name people).
//
// Contract for every implementation:
//   - Readers get a shared_ptr to an immutable profile: a PUT that replaces
//     one while a decision reads it never changes what that decision sees.
//   - PutPerson and UpdatePerson are atomic per person: two nodes (or two
//     threads) changing one person never lose either change.
//   - A write is durable as the state's Persistence says once its mark is
//     (see ports/persistence.h); a second node sharing the store reads it
//     from then on.
//   - A store on the network reports failures as the Store port does
//     (ports/store.h); a read that fails never reads as "no profile".
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "core/account.h"
#include "core/person.h"

namespace tact {

struct ProfileCounts {
  size_t people = 0;
  size_t accounts = 0;
};

class ProfileStore {
 public:
  virtual ~ProfileStore() = default;

  // The profile, or nullptr when there is none.
  virtual absl::StatusOr<std::shared_ptr<const Person>> FindPerson(absl::string_view id) const = 0;
  // The profiles of `ids`, in order, as FindPerson finds each; a store on the
  // network reads them together (one round trip per node). The first error.
  virtual absl::StatusOr<std::vector<std::shared_ptr<const Person>>> FindPeople(
      absl::Span<const std::string> ids) const {
    return FindEach<Person>(ids, [this](const std::string& id) { return FindPerson(id); });
  }
  virtual absl::StatusOr<std::shared_ptr<const Account>> FindAccount(
      absl::string_view id) const = 0;
  // The accounts of `ids`, in order (nullptr for one not stored), as
  // FindAccount finds each; a store on the network reads them together. The
  // first error.
  virtual absl::StatusOr<std::vector<std::shared_ptr<const Account>>> FindAccounts(
      absl::Span<const std::string> ids) const {
    return FindEach<Account>(ids, [this](const std::string& id) { return FindAccount(id); });
  }
  // A hint that the person's profile (and their account) is about to be
  // found: a store in memory starts loading it and returns without waiting.
  // What lies behind what is loaded in steps, each reading what the one
  // before loaded: kWhere (where the person's entry may lie), kSlot (which
  // entry it is), kValue (the entry, and the profile it holds), then the
  // same for the profile's account. A caller that knows the people ahead (a
  // plan, a batch) gives each step a wait for memory (a decision) after the
  // one before. Never fails; the person need not be stored. By default it
  // does nothing.
  enum class PrefetchStep { kWhere, kSlot, kValue, kAccountWhere, kAccountSlot, kAccountValue };
  static constexpr int kPrefetchSteps = static_cast<int>(PrefetchStep::kAccountValue) + 1;
  virtual void Prefetch(absl::string_view person_id, PrefetchStep step) const {
    (void)person_id;
    (void)step;
  }

  // The person with this (normalised) email address or phone number, or "".
  virtual absl::StatusOr<std::string> PersonWithAddress(absl::string_view address) const = 0;

  // Stores `person`, letting `merge` see the profile it replaces (nullptr
  // when new) and adjust the new one first, atomically; true when new.
  virtual absl::StatusOr<bool> PutPerson(
      Person person, absl::FunctionRef<void(const Person* before, Person& after)> merge) = 0;
  // Lets `change` edit the person's profile (a new one with only the id when
  // there is none) and stores it, atomically.
  virtual absl::Status UpdatePerson(absl::string_view id,
                                    absl::FunctionRef<void(Person&)> change) = 0;
  // Stores `account`; true when new.
  virtual absl::StatusOr<bool> PutAccount(Account account) = 0;

  virtual ProfileCounts Counts() const = 0;

 protected:
  // `find` on each of `ids`, in order; the first error.
  template <typename T, typename Find>
  static absl::StatusOr<std::vector<std::shared_ptr<const T>>> FindEach(
      absl::Span<const std::string> ids, Find find) {
    std::vector<std::shared_ptr<const T>> found;
    found.reserve(ids.size());
    for (const std::string& id : ids) {
      absl::StatusOr<std::shared_ptr<const T>> one = find(id);
      if (!one.ok()) return one.status();
      found.push_back(*std::move(one));
    }
    return found;
  }
};

}  // namespace tact
