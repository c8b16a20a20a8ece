#include "cli/plan_comparison.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace tact {
namespace {

std::string Moved(int before, int after) { return absl::StrCat(before, " -> ", after); }

void PrintRow(std::ostream& out, absl::string_view name, const OutcomeShift& shift) {
  out << absl::StrFormat("  %-26s %17s %17s %17s %8d\n", name.empty() ? "(none)" : name,
                         Moved(shift.before.sent, shift.after.sent),
                         Moved(shift.before.deferred, shift.after.deferred),
                         Moved(shift.before.suppressed, shift.after.suppressed), shift.changed);
}

void PrintGroups(std::ostream& out, absl::string_view title,
                 const absl::flat_hash_map<std::string, OutcomeShift>& groups, int top) {
  std::vector<std::pair<std::string, OutcomeShift>> rows(groups.begin(), groups.end());
  std::sort(rows.begin(), rows.end(), [](const auto& left, const auto& right) {
    if (left.second.changed != right.second.changed) {
      return left.second.changed > right.second.changed;
    }
    if (left.second.before.asked != right.second.before.asked) {
      return left.second.before.asked > right.second.before.asked;
    }
    return left.first < right.first;
  });
  out << absl::StrFormat("\n%-28s %17s %17s %17s %8s\n", title, "sent", "deferred", "suppressed",
                         "changed");
  int shown = 0;
  for (const auto& [name, shift] : rows) {
    if (shown++ == top) {
      out << absl::StrFormat("  … and %d more\n", rows.size() - top);
      break;
    }
    PrintRow(out, name, shift);
  }
}

}  // namespace

void PrintPlanComparison(std::ostream& out, const PlanComparison& comparison,
                         absl::string_view before_name, absl::string_view after_name, int top) {
  out << absl::StrFormat(
      "\ntact plan --compare: the same %d touches under %s (before) and %s (after)\n",
      comparison.total.before.asked, before_name, after_name);
  out << absl::StrFormat("%-28s %17s %17s %17s %8s\n", "", "sent", "deferred", "suppressed",
                         "changed");
  PrintRow(out, "all touches", comparison.total);
  PrintGroups(out, "By team", comparison.by_team, top);
  PrintGroups(out, "By campaign", comparison.by_campaign, top);
  std::vector<std::string> moves;
  for (Outcome from : {Outcome::kSend, Outcome::kDefer, Outcome::kSuppress}) {
    for (Outcome to : {Outcome::kSend, Outcome::kDefer, Outcome::kSuppress}) {
      const int count = comparison.moves[static_cast<int>(from)][static_cast<int>(to)];
      if (from != to && count > 0) {
        moves.push_back(absl::StrCat(count, " ", OutcomeName(from), " -> ", OutcomeName(to)));
      }
    }
  }
  out << "\nWhat moved: " << (moves.empty() ? "nothing" : absl::StrJoin(moves, "; ")) << "\n";
  if (comparison.unmatched > 0) {
    out << comparison.unmatched
        << " touch(es) could be planned under one policy only (refused as bad rows by the "
           "other)\n";
  }
}

}  // namespace tact
