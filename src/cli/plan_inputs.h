// Reading `tact plan`'s input files: people and accounts into the plan's
// profiles, proposed touches into its list, bad rows reported as they are
// met (or, with --strict, the first one stopping the run).
//
// Thread safety: ReadPlanInputs reads the touches on a thread of its own
// while it reads the profiles on the caller's; everything else is the
// caller's thread.
#pragma once

#include <ostream>
#include <vector>

#include "absl/strings/string_view.h"
#include "cli/commands.h"
#include "content/analysis_memo.h"
#include "plan/planner.h"
#include "policy/policy.h"
#include "store/memory_state.h"

namespace tact {

// Counts and reports bad rows; with --strict the first one stops the run.
class RowErrors {
 public:
  RowErrors(std::ostream& err, bool strict) : err_(err), strict_(strict) {}
  // Reports one bad row; false when the run must stop.
  bool Report(absl::string_view message) {
    ++count_;
    if (count_ <= kMaxShown) err_ << message << "\n";
    if (count_ == kMaxShown + 1) err_ << "(further bad rows are counted, not shown)\n";
    return !strict_;
  }
  bool strict() const { return strict_; }
  int count() const { return count_; }

 private:
  static constexpr int kMaxShown = 50;
  std::ostream& err_;
  bool strict_;
  int count_ = 0;
};

// Reads the people and accounts files into `state` and the touches file
// into `touches`; false when a file could not be read or a bad row stopped
// it. The touches are decoded on a second thread while the profiles are
// read; a touch's person is looked up once both are in, and bad rows are
// reported in the order one reader would meet them (people, accounts, then
// touches by row), so the messages and the rows kept do not depend on the
// threads. Each touch's text is analysed as it is read, on that thread, and
// kept once in `texts` (AnalysisMemo::Take: PlannedTouch::content points
// there): `texts` must outlive the touches and is used by that thread only
// until ReadPlanInputs returns.
bool ReadPlanInputs(const PlanOptions& options, const Policy& policy, RowErrors& errors,
                    std::ostream& err, MemoryState& state, AnalysisMemo& texts,
                    std::vector<PlannedTouch>& touches);

}  // namespace tact
