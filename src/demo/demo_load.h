// Loads demo data into a running service's state: writes the deterministic
// demo files (people, accounts, six weeks of proposed touches starting
// five weeks before `now`) into `directory`, puts the people and accounts into
// `profiles`, and replays the touches proposed before `now` through the
// policy into `store`, so that people have a recent history to ask about.
// With a `sink`, the replay goes through it (the service: ledger, mirror,
// complaint guard) and each send's outcomes (demo/demo_outcomes.h) that
// happened before `now` are applied in time order with the decisions.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "core/decision.h"
#include "core/touch.h"
#include "events/event.h"
#include "policy/policy.h"
#include "ports/profile_store.h"
#include "ports/store.h"

namespace tact {

// Where a replay goes instead of the bare store.
class DemoSink {
 public:
  virtual ~DemoSink() = default;
  // Decides `touch` at `now` and records a send; sets `touch_id` for a send.
  virtual Decision Decide(const Touch& touch, absl::Time now, std::string* touch_id) = 0;
  virtual void Apply(std::vector<Event>& events, absl::Time now) = 0;
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
absl::StatusOr<DemoLoad> LoadDemo(const Policy& policy, int people, absl::Time now,
                                  const std::string& directory, ProfileStore& profiles,
                                  Store& store, DemoSink* sink = nullptr);

}  // namespace tact
