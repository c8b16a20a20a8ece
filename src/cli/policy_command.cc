#include <ostream>

#include "cli/commands.h"
#include "files/policy_file.h"
#include "policy/policy_loader.h"

namespace tact {

int RunPolicyCheck(const std::string& path, std::ostream& out, std::ostream& err) {
  const absl::StatusOr<Policy> policy = LoadPolicyFile(path);
  if (!policy.ok()) {
    err << policy.status().message() << "\n";
    return kExitFailed;
  }
  out << path << ": ok (" << policy->budgets.size() << " budgets, " << policy->gaps.size()
      << " gaps, " << policy->tiers.size() << " tiers, quiet hours "
      << (policy->quiet_hours_enabled ? "on" : "off") << ", " << policy->icp.rules.size()
      << " ICP rules)\n";
  return kExitOk;
}

}  // namespace tact
