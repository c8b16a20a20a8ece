// What a policy means, rule by rule, in words — and what changes in meaning
// between two policies (`tact policy diff`). Comments, layout, key order and
// spellings of the same value ("7d" or "1w") mean the same, so two texts
// that differ only in those have no change.
//
// Thread safety: stateless.
#pragma once

#include <string>
#include <vector>

#include "policy/policy.h"

namespace tact {

// One thing the policy says: `subject` is the rule id where there is one
// ("budget.all.7d", "quiet_hours"), else the setting ("kinds.cold",
// "preferences.frequency.weekly"); `meaning` says it in a sentence.
struct PolicyStatement {
  std::string subject;
  std::string meaning;
};

// Everything `policy` says, sorted by subject, each subject once.
std::vector<PolicyStatement> DescribePolicy(const Policy& policy);

struct PolicyChange {
  enum class Type : uint8_t { kAdded, kRemoved, kChanged };
  Type type = Type::kChanged;
  std::string subject;
  std::string before;  // empty when added
  std::string after;   // empty when removed
};

// What `after` says differently from `before`, by subject.
std::vector<PolicyChange> DiffPolicies(const Policy& before, const Policy& after);

// One change on one line: "+ gap.sms: …", "- gap.all: …",
// "~ budget.all.7d: BEFORE -> AFTER".
std::string ChangeLine(const PolicyChange& change);

}  // namespace tact
