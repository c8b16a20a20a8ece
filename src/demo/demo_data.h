// Deterministic, realistic demo data: accounts in and out of the ICP (some
// with open escalations), people across many time zones and languages, and
// several teams and tools aiming touches at the same people over two weeks
// (newsletters, launches, event invitations abroad, sales sequences with
// follow-ups, cold outreach, SMS, push, customer success, receipts).
// The same options always give byte-identical files.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace tact {

struct DemoOptions {
  int people = 1000;
  uint64_t seed = 1;
  absl::Time start = absl::FromCivil(absl::CivilDay(2027, 3, 1), absl::UTCTimeZone());
  int days = 14;
};

struct DemoCounts {
  int people = 0;
  int accounts = 0;
  int touches = 0;
  int facts = 0;  // rows of facts.csv (demo/demo_facts.h)
};

// Writes people.csv, accounts.csv, touches.csv and facts.csv into `directory` (created
// if missing). Errors: InvalidArgument for options out of range,
// PermissionDenied/Internal when the files cannot be written.
absl::StatusOr<DemoCounts> WriteDemoData(const DemoOptions& options, const std::string& directory);

// Whether a demo seller sends one script to everyone (the others research
// each account); the demo's outcomes differ accordingly.
bool IsScriptedDemoSeller(absl::string_view sender);

}  // namespace tact
