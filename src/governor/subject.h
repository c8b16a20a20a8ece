// Whom a touch is for, as the Governor loads them.
#pragma once

#include <memory>

#include "core/account.h"
#include "core/person.h"

namespace tact {

// Their profile, or an empty one with just the id (unknown consent, the
// policy's default zone), and their account if known.
struct Subject {
  std::shared_ptr<const Person> known;
  Person unknown;
  std::shared_ptr<const Account> account;
  const Person& person() const { return known ? *known : unknown; }
};

}  // namespace tact
