#include "governor/crowd.h"

#include <algorithm>
#include <cstdlib>

#include "core/day.h"

namespace tact {
namespace {

uint8_t Saturated(int count) { return static_cast<uint8_t>(std::min(count, 255)); }

void CountReach(const History& history, const TouchRecord& sent, Crowd* crowd) {
  const Day day = DayOfMinute(sent.minute);
  const Minute week = FirstMinuteOf(WeekOf(day)), period = FirstMinuteOf(ThirtyDaysOf(day));
  const Minute week_end = week + kWeekDays * 24 * 60, period_end = period + kPeriodDays * 24 * 60;
  int week_all = 0, week_team = 0, period_all = 0, period_team = 0;
  for (const TouchRecord& record : history.touches()) {
    if (!record.counts_for_budgets) continue;
    const bool same_team = record.team == sent.team;
    if (record.minute >= week && record.minute < week_end) {
      ++week_all;
      week_team += same_team;
    }
    if (record.minute >= period && record.minute < period_end) {
      ++period_all;
      period_team += same_team;
    }
  }
  crowd->week_all = Saturated(week_all);
  crowd->week_team = Saturated(week_team);
  crowd->period_all = Saturated(period_all);
  crowd->period_team = Saturated(period_team);
}

// The scope whose touches a reason counted; nullptr for the sender limit
// (its own sender's touches) and for reasons that count no touches.
struct Counted {
  bool counts = false;
  const Scope* scope = nullptr;
};
Counted CountedBy(const Policy& policy, const Reason& reason) {
  const auto index = static_cast<size_t>(reason.policy_index);
  switch (reason.code) {
    case ReasonCode::kBudget:
    case ReasonCode::kPriorityReserve:
      if (index < policy.budgets.size()) return {true, &policy.budgets[index].scope};
      return {};
    case ReasonCode::kGap:
      if (index < policy.gaps.size()) return {true, &policy.gaps[index].scope};
      return {};
    case ReasonCode::kSender:
      return {true, nullptr};
    default:
      return {};
  }
}

void NoteCrowders(const Policy& policy, const History& history, const Decision& decision,
                  StableKey sender, Crowd* crowd) {
  for (const Reason& reason : decision.reasons) {
    const Counted counted = CountedBy(policy, reason);
    if (!counted.counts || !reason.window) continue;
    const int64_t window = absl::ToInt64Minutes(*reason.window);
    for (const TouchRecord& record : history.touches()) {
      // The touches the rule counted: TouchesNear (rules/budget.h).
      if (std::abs(int64_t{record.minute} - reason.at) >= window) continue;
      const bool counts = counted.scope != nullptr
                              ? counted.scope->Counts(record)
                              : record.counts_for_budgets && record.sender == sender;
      if (!counts) continue;
      auto& teams = crowd->crowded_by;
      if (std::find(teams.begin(), teams.end(), record.team) == teams.end()) {
        teams.push_back(record.team);
      }
    }
  }
}

}  // namespace

Crowd ReadCrowd(const Policy& policy, const History& history, const Touch& touch,
                const Decision& decision) {
  Crowd crowd;
  if (touch.dry_run) return crowd;
  if (decision.record) {
    if (decision.record->counts_for_budgets) CountReach(history, *decision.record, &crowd);
  } else if (decision.outcome != Outcome::kSend) {
    NoteCrowders(policy, history, decision, StableKeyOf(touch.sender), &crowd);
  }
  return crowd;
}

}  // namespace tact
