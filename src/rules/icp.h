// icp.fit: kinds with requires_icp (cold, by default) go only to accounts whose
// ideal-customer-profile score reaches the policy's threshold. The score is the
// weight of the matching [icp] rules divided by the weight of all of them.
#pragma once

#include "rules/rule.h"

namespace tact {

// The account's score in [0, 1]; 1 when the policy has no ICP rules.
double IcpScore(const Icp& icp, const Account& account);

// The attributes on which the account misses the profile.
std::vector<std::string> IcpMisses(const Icp& icp, const Account& account);

void CheckIcp(const RuleInput& input, Reasons* reasons);

}  // namespace tact
