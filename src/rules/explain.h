// Turns a structured reason into the sentence a marketer reads, e.g.
// "It is 22:30 on Tuesday for this person (Europe/Berlin); quiet hours for
// email end Wednesday at 09:00 their time (2027-03-03 08:00 UTC)."
// Deciding never formats text; the shells call Explain when they answer.
//
// Thread safety: reentrant.
#pragma once

#include <string>

#include "core/account.h"
#include "core/decision.h"
#include "core/person.h"
#include "core/touch.h"
#include "policy/policy.h"

namespace tact {

// What the decision was made about: the same values given to Decide().
struct ExplainContext {
  const Policy& policy;
  const Person& person;
  const Account* account;  // nullptr when unknown
  const Touch& touch;
};

std::string Explain(const Reason& reason, const ExplainContext& context);
std::string ExplainNote(const Note& note, const ExplainContext& context);

}  // namespace tact
