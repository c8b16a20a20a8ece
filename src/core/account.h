// The company a person belongs to: what the ICP and health rules read.
#pragma once

#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"

namespace tact {

struct Account {
  std::string id;
  std::string industry;
  std::optional<double> employees;
  std::string country;  // ISO 3166-1 alpha-2, upper case
  // SEC's Central Index Key of the company, as digits without leading zeros
  // (core/cik.h); empty when it does not file with SEC. Briefs read its
  // companyfacts by it.
  std::string cik;
  // Further ICP attributes by name (e.g. "segment" -> "enterprise").
  absl::flat_hash_map<std::string, std::string> attributes;
  int open_escalations = 0;
  int missed_commitments = 0;
};

}  // namespace tact
