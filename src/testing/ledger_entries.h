// A ledger entry for the tests of every TouchLedger (ports/touch_ledger.h):
// a touch of the "spring" campaign from the growth team.
#pragma once

#include <string>

#include "ports/touch_ledger.h"

namespace tact::testing {

inline LedgerEntry SampleLedgerEntry(const std::string& person, Minute minute) {
  LedgerEntry entry;
  entry.person_id = person;
  entry.campaign = "spring";
  entry.domain = "news.example.com";
  entry.minute = minute;
  entry.team = "growth";
  return entry;
}

}  // namespace tact::testing
