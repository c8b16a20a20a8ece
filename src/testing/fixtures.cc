#include "testing/fixtures.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>

#include "core/minutes.h"
#include "policy/policy_loader.h"

namespace tact::testing {

Policy PolicyFrom(const std::string& toml) {
  auto policy = LoadPolicyFromString(toml, "test.toml");
  if (!policy.ok()) {
    ADD_FAILURE() << "policy did not load:\n" << policy.status().message();
    return Policy{};
  }
  return *std::move(policy);
}

absl::Time T(const std::string& rfc3339) {
  auto time = ParseUtc(rfc3339);
  if (!time.ok()) {
    std::cerr << "bad time literal in test: " << rfc3339 << "\n";
    std::abort();
  }
  return *time;
}

Person PersonIn(const std::string& zone, const std::string& id) {
  Person person;
  person.id = id;
  if (!zone.empty()) {
    auto clock = LocalClock::ForZone(zone);
    if (!clock.ok()) std::abort();
    person.clock = *clock;
  }
  person.consent[static_cast<int>(Channel::kEmail)] = Consent::kOptedIn;
  return person;
}

Touch MakeTouch(Channel channel, Kind kind, absl::Time at, const std::string& sender,
                const std::string& thread) {
  Touch touch;
  touch.person_id = "p-1";
  touch.channel = channel;
  touch.kind = kind;
  touch.at = at;
  touch.sender = sender;
  touch.thread = thread;
  return touch;
}

TouchRecord Past(absl::Time at, Channel channel, Kind kind, const std::string& sender,
                 const std::string& thread) {
  return TouchRecord{ToMinute(at),
                     StableKeyOf(sender),
                     StableKeyOf(thread),
                     channel,
                     kind,
                     kind != Kind::kTransactional,
                     0};
}

}  // namespace tact::testing
