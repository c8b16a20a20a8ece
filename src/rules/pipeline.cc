#include "rules/pipeline.h"

#include <array>

#include "rules/budget.h"
#include "rules/consent.h"
#include "rules/followup.h"
#include "rules/gap.h"
#include "rules/health.h"
#include "rules/icp.h"
#include "rules/priority_reserve.h"
#include "rules/quiet_hours.h"
#include "rules/sender.h"

namespace tact {
namespace {

constexpr std::array<HardRule, 4> kHardRules = {CheckConsent, CheckHealth, CheckIcp,
                                                CheckFollowupUnanswered};
constexpr std::array<SoftRule, 6> kSoftRules = {
    CheckBudgets, CheckPriorityReserve, CheckGaps, CheckSender, CheckFollowupGap, CheckQuietHours};

}  // namespace

std::span<const HardRule> HardRules() { return kHardRules; }
std::span<const SoftRule> SoftRules() { return kSoftRules; }

}  // namespace tact
