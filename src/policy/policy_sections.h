// The readers of the policy's sections, each filling its part of a Policy
// and reporting every problem to the Validator with its line. Private to
// the loader (policy_loader.cc calls them in order).
#pragma once

#include <toml++/toml.h>

#include "policy/policy.h"
#include "policy/policy_loader.h"
#include "policy/toml_validator.h"

namespace tact {

// Reads `key` of `table` (at `path`), a list of kind names, into `kinds`;
// leaves `kinds` as it is when the key is absent.
void ReadKindList(Validator& check, const toml::table& table, absl::string_view key,
                  absl::string_view path, KindSet* kinds);

// The same for a list of channel names.
void ReadChannelList(Validator& check, const toml::table& table, absl::string_view key,
                     absl::string_view path, ChannelSet* channels);

// The list of tables `[[key]]` of `root`; nullptr when absent, or (with an
// error) when `key` is something else.
const toml::array* ArrayOfTables(Validator& check, const toml::table& root, absl::string_view key);

void ReadKinds(Validator& check, const toml::table& root, Policy& policy);
void ReadBudgets(Validator& check, const toml::table& root, Policy& policy);
void ReadGaps(Validator& check, const toml::table& root, Policy& policy);
void ReadTiers(Validator& check, const toml::table& root, Policy& policy);
void ReadSender(Validator& check, const toml::table& root, Policy& policy);
void ReadFollowups(Validator& check, const toml::table& root, Policy& policy);
void ReadQuietHours(Validator& check, const toml::table& root, const PolicyFileReader& read_file,
                    Policy& policy);
void ReadConsent(Validator& check, const toml::table& root, Policy& policy);
void ReadIcp(Validator& check, const toml::table& root, Policy& policy);
void ReadHealth(Validator& check, const toml::table& root, Policy& policy);
void ReadCheck(Validator& check, const toml::table& root, Policy& policy);
void ReadEngagement(Validator& check, const toml::table& root, Policy& policy);
void ReadReputation(Validator& check, const toml::table& root, Policy& policy);
void ReadRelevance(Validator& check, const toml::table& root, Policy& policy);
void ReadBrief(Validator& check, const toml::table& root, Policy& policy);
void ReadPreferences(Validator& check, const toml::table& root, Policy& policy);
void ReadSendTime(Validator& check, const toml::table& root, Policy& policy);
void ReadControl(Validator& check, const toml::table& root, Policy& policy);
void ReadContent(Validator& check, const toml::table& root, const PolicyFileReader& read_file,
                 Policy& policy);

}  // namespace tact
