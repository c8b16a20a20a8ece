// The demo accounts' reported figures, as a facts table (facts/facts_table.h)
// for briefs: three fiscal years of revenue, margins, profit, cash, debt,
// balance sheet and headcount per account, each account following one of a
// few stories (steady growth, growth speeding up or slowing, decline, losses,
// a turn to a loss) so that the demo's briefs show every kind of signal.
// The same seed always writes the same file.
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace tact {

// Writes `path` (facts.csv) for accounts a-00001 .. a-<accounts>, fiscal
// years ending on 31 December of the three years before `first_year`.
// Errors: PermissionDenied when it cannot be written. The rows written.
absl::StatusOr<int> WriteDemoFacts(uint64_t seed, int accounts, int first_year,
                                   const std::string& path);

}  // namespace tact
