// Whom a touch is for, as the Governor loads them.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "core/account.h"
#include "core/boxed.h"
#include "core/person.h"

namespace tact {

// Their profile, or an empty one with just the id (unknown consent, the
// policy's default zone), and their account if known. A Subject is moved
// through every decision's stages: the stand-in profile of someone unknown
// is made only for them, so that the rest carry two pointers.
struct Subject {
  std::shared_ptr<const Person> known;  // nullptr: no profile is stored
  std::shared_ptr<const Account> account;

  // Someone without a stored profile, named by `id`.
  void SetUnknown(std::string id) {
    Person stand_in;
    stand_in.id = std::move(id);
    unknown_.Set(std::move(stand_in));
  }
  // The profile, the stand-in, or (neither set) an empty profile.
  const Person& person() const {
    if (known) return *known;
    if (const Person* stand_in = unknown_.get()) return *stand_in;
    return Nobody();
  }

 private:
  static const Person& Nobody() {
    // Never destroyed: a Subject may be read while the process exits.
    static const Person* const nobody = new Person();
    return *nobody;
  }
  Boxed<Person> unknown_;
};

}  // namespace tact
