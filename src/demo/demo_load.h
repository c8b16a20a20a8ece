// Loads demo data into a running service's state: writes the deterministic
// demo files (people, accounts, six weeks of proposed touches starting
// five weeks before `now`) into `directory`, puts the people and accounts into
// `profiles`, and replays the touches proposed before `now` through `sink`
// (the Governor: histories, ledger, mirror, complaint guard), so that people
// have a recent history to ask about; each send's outcomes
// (demo/demo_outcomes.h) that happened before `now` are applied in time
// order with the decisions. `store` holds the histories the sink records
// (read for the busiest person).
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/decision.h"
#include "core/preferences.h"
#include "core/touch.h"
#include "events/event.h"
#include "policy/policy.h"
#include "ports/profile_store.h"
#include "ports/store.h"

namespace tact {

// Where the replay goes: the Governor, in `tact serve --demo`.
class DemoSink {
 public:
  virtual ~DemoSink() = default;
  // Decides `touch` at `now` and records a send; sets `touch_id` for a send.
  // The state's error when it failed (the load stops there).
  virtual absl::StatusOr<Decision> Decide(const Touch& touch, absl::Time now,
                                          std::string* touch_id) = 0;
  virtual absl::Status Apply(std::vector<Event>& events, absl::Time now) = 0;
  // The person changed their preferences on their page at `now`. A choice
  // the policy does not offer is skipped (OK); the state's error otherwise.
  virtual absl::Status ChangePreferences(const std::string& person_id,
                                         const PreferenceChange& change, absl::Time now) = 0;
};

struct DemoLoad {
  int people = 0;
  int accounts = 0;
  int replayed = 0;            // touches proposed before now
  int sent = 0;                // of those, recorded as sent
  int events = 0;              // outcomes applied (with a sink)
  std::string busiest_person;  // the person with the most recorded touches
};

// Errors: those of WriteDemoData, or Internal when its files cannot be read.
absl::StatusOr<DemoLoad> LoadDemo(int people, absl::Time now, const std::string& directory,
                                  ProfileStore& profiles, const Store& store, DemoSink& sink);

}  // namespace tact
