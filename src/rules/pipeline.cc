#include "rules/pipeline.h"

#include <array>

#include "rules/address.h"
#include "rules/budget.h"
#include "rules/bump_rule.h"
#include "rules/consent.h"
#include "rules/control_rule.h"
#include "rules/engagement.h"
#include "rules/followup.h"
#include "rules/gap.h"
#include "rules/health.h"
#include "rules/hypothesis_rule.h"
#include "rules/icp.h"
#include "rules/language_rule.h"
#include "rules/mass_template_rule.h"
#include "rules/preference_rule.h"
#include "rules/priority_reserve.h"
#include "rules/quiet_hours.h"
#include "rules/region_rule.h"
#include "rules/repeat_rule.h"
#include "rules/reputation.h"
#include "rules/sender.h"

namespace tact {
namespace {

constexpr std::array<HardRule, 13> kHardRules = {CheckControlHoldout,
                                                 CheckConsent,
                                                 CheckAddress,
                                                 CheckPreferenceChoices,
                                                 CheckHealth,
                                                 CheckIcp,
                                                 CheckLanguage,
                                                 CheckEventRegion,
                                                 CheckFollowupUnanswered,
                                                 CheckRepeat,
                                                 CheckBump,
                                                 CheckMassTemplate,
                                                 CheckHypothesis};
constexpr std::array<SoftRule, 9> kSoftRules = {
    CheckPreferenceLimits, CheckBudgets, CheckPriorityReserve, CheckGaps,      CheckSender,
    CheckFollowupGap,      CheckDormant, CheckComplaintRate,   CheckQuietHours};

}  // namespace

std::span<const HardRule> HardRules() { return kHardRules; }
std::span<const SoftRule> SoftRules() { return kSoftRules; }

}  // namespace tact
