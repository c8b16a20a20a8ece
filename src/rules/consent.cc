#include "rules/consent.h"

#include <algorithm>

namespace tact {
namespace {

constexpr absl::string_view kRuleIds[kChannelCount] = {"consent.email",  "consent.sms",
                                                       "consent.push",   "consent.call",
                                                       "consent.social", "consent.direct_mail"};

bool NeedsOptIn(const Policy& policy, Channel channel, const std::string& country) {
  for (const OptInRequirement& requirement : policy.opt_in) {
    if (requirement.channel != channel) continue;
    if (requirement.countries.empty()) return true;
    if (std::find(requirement.countries.begin(), requirement.countries.end(), country) !=
        requirement.countries.end())
      return true;
  }
  return false;
}

}  // namespace

absl::string_view ConsentRuleId(Channel channel) { return kRuleIds[static_cast<int>(channel)]; }

void CheckConsent(const RuleInput& input, Reasons* reasons) {
  const Channel channel = input.touch.channel;
  if (!input.touch.list.empty() && input.person.LeftList(input.touch.list)) {
    reasons->push_back(Reason{ReasonCode::kListUnsubscribed, "consent.list"});
    return;
  }
  const Consent consent = input.person.ConsentFor(channel);
  if (consent == Consent::kOptedOut) {
    reasons->push_back(Reason{ReasonCode::kConsentOptedOut, ConsentRuleId(channel)});
    return;
  }
  if (input.kind_rules.consent == ConsentMode::kOptOutOnly) return;
  if (consent != Consent::kOptedIn && NeedsOptIn(input.policy, channel, input.person.country)) {
    reasons->push_back(Reason{ReasonCode::kConsentOptInMissing, ConsentRuleId(channel)});
  }
}

}  // namespace tact
