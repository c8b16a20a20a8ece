// Builders for tests: policies from TOML text, people, touches and times.
// A test takes them all with `using namespace testing;` inside namespace tact
// (which names tact::testing, not GoogleTest's ::testing).
#pragma once

#include <string>

#include "absl/time/time.h"
#include "core/account.h"
#include "core/history.h"
#include "core/person.h"
#include "core/touch.h"
#include "policy/policy.h"

namespace tact::testing {

// Loads `toml` or fails the test with the loader's errors.
Policy PolicyFrom(const std::string& toml);

// "2027-03-01T10:00:00Z" -> absl::Time; aborts on a malformed literal.
absl::Time T(const std::string& rfc3339);

// A person with email consent given, in `zone` ("" for the policy default).
Person PersonIn(const std::string& zone, const std::string& id = "p-1");

Touch MakeTouch(Channel channel, Kind kind, absl::Time at, const std::string& sender = "",
                const std::string& thread = "");

// A past touch as history would hold it.
TouchRecord Past(absl::Time at, Channel channel = Channel::kEmail, Kind kind = Kind::kPromotional,
                 const std::string& sender = "", const std::string& thread = "");

}  // namespace tact::testing
