#include "cli/policy_source.h"

#include "files/policy_file.h"
#include "policy/policy_loader.h"

namespace tact {

absl::StatusOr<Policy> LoadPolicyOrDefault(const std::string& path) {
  if (path.empty()) return LoadPolicyFromString(DefaultPolicyText(), "default-policy.toml");
  return LoadPolicyFile(path);
}

}  // namespace tact
