// Governor::RecentlyHeldBack: the held-back log's rows with their reasons
// explained, for the reports' drill-down.
#include "governor/governor.h"
#include "rules/explain.h"

namespace tact {

absl::StatusOr<std::vector<HeldBack>> Governor::RecentlyHeldBack(size_t limit) const {
  std::vector<HeldBack> rows = state_.held_back.Recent(limit);
  std::vector<std::string> ids;
  for (const HeldBack& row : rows) {
    if (row.policy != nullptr) ids.push_back(row.person_id);
  }
  if (ids.empty()) return rows;
  // The person and account as they are now: their zone and country, as
  // the sentences name them.
  absl::StatusOr<std::vector<Subject>> subjects = FindAll(ids);
  if (!subjects.ok()) return subjects.status();
  size_t next = 0;
  for (HeldBack& row : rows) {
    if (row.policy == nullptr) continue;
    // FindAll names someone without a profile by their id.
    const Subject& subject = (*subjects)[next++];
    const ExplainContext context{*row.policy, subject.person(), subject.account.get(), row.touch};
    for (const Reason& reason : row.reasons) {
      row.explained.push_back({std::string(reason.rule), Explain(reason, context)});
    }
  }
  return rows;
}

}  // namespace tact
