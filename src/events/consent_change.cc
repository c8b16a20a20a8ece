#include "events/consent_change.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "core/consent.h"

namespace tact {

// Applies an event's consent change unless a newer opposite change came
// first (ConsentChangeApplies); false when it was ignored.
bool ApplyConsentChange(const EventEffect& effect, Person& person) {
  bool applied = true;
  const auto change_channel = [&](Channel channel, Consent consent) {
    Minute& last = person.consent_changed[static_cast<int>(channel)];
    if (!ConsentChangeApplies(last, effect.at, consent == Consent::kOptedOut, effect.dated)) {
      applied = person.ConsentFor(channel) == consent;
      return;
    }
    person.consent[static_cast<int>(channel)] = consent;
    last = std::max(last, effect.at);
  };
  if (effect.opt_out) change_channel(*effect.opt_out, Consent::kOptedOut);
  if (effect.opt_in) change_channel(*effect.opt_in, Consent::kOptedIn);
  const auto change_list = [&](const std::string& list, bool leave) {
    const Minute last = person.ListChanged(list);
    if (!ConsentChangeApplies(last, effect.at, leave, effect.dated)) {
      applied = person.LeftList(list) == leave;
      return;
    }
    std::erase(person.unsubscribed_lists, list);
    if (leave) person.unsubscribed_lists.push_back(list);
    person.SetListChanged(list, std::max(last, effect.at));
  };
  if (!effect.list_left.empty()) change_list(effect.list_left, true);
  if (!effect.list_joined.empty()) change_list(effect.list_joined, false);
  return applied;
}

// A profile written whole (PUT): each consent and list it changes is dated
// now unless the body says when (consent_changed.*, list_changed.*); the
// rest keep their dates. An opt-in without a date claims no time of its
// own (it keeps the last change's), so it cannot hide an opt-out that
// happened after that one and arrives late: when in doubt, the opt-out wins.
void StampConsentChanges(const Person* before, Person& after, Minute now,
                         absl::FunctionRef<bool(absl::string_view)> given) {
  for (Channel channel : kAllChannels) {
    const int index = static_cast<int>(channel);
    if (given(absl::StrCat("consent_changed.", ChannelName(channel)))) continue;
    const Consent was = before ? before->consent[index] : Consent::kUnknown;
    const Minute last = before ? before->consent_changed[index] : kNoConsentChange;
    after.consent_changed[index] =
        after.consent[index] != was && after.consent[index] != Consent::kOptedIn ? now : last;
  }
  if (before != nullptr) {
    for (const auto& [list, minute] : before->list_changed) {
      if (!given(absl::StrCat("list_changed.", list)) &&
          after.LeftList(list) == before->LeftList(list))
        after.SetListChanged(list, minute);
    }
  }
  // Leaving a list is dated now; rejoining keeps the last date, as opt-ins.
  for (const std::string& list : after.unsubscribed_lists) {
    if ((before == nullptr || !before->LeftList(list)) &&
        !given(absl::StrCat("list_changed.", list)))
      after.SetListChanged(list, now);
  }
}

}  // namespace tact
