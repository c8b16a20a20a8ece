// Loads demo data into a running service's state: writes the deterministic
// demo files (people, accounts, two weeks of proposed touches starting a
// week before `now`) into `directory`, puts the people and accounts into
// `profiles`, and replays the touches proposed before `now` through the
// policy into `store`, so that people have a recent history to ask about.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "policy/policy.h"
#include "store/profiles.h"
#include "store/store.h"

namespace tact {

struct DemoLoad {
  int people = 0;
  int accounts = 0;
  int replayed = 0;            // touches proposed before now
  int sent = 0;                // of those, recorded as sent
  std::string busiest_person;  // the person with the most recorded touches
};

// Errors: those of WriteDemoData, or Internal when its files cannot be read.
absl::StatusOr<DemoLoad> LoadDemo(const Policy& policy, int people, absl::Time now,
                                  const std::string& directory, Profiles& profiles, Store& store);

}  // namespace tact
