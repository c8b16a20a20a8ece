#include "rules/address.h"

namespace tact {
namespace {

constexpr absl::string_view kRuleIds[kChannelCount] = {"address.email",  "address.sms",
                                                       "address.push",   "address.call",
                                                       "address.social", "address.direct_mail"};

}  // namespace

void CheckAddress(const RuleInput& input, Reasons* reasons) {
  const Channel channel = input.touch.channel;
  if (!input.person.undeliverable.Contains(channel)) return;
  reasons->push_back(
      Reason{ReasonCode::kAddressUndeliverable, kRuleIds[static_cast<int>(channel)]});
}

}  // namespace tact
