// Someone who may be contacted. Built by the shells from the caller's data;
// the core only reads it.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/channel.h"
#include "core/consent.h"
#include "core/local_clock.h"
#include "core/preferences.h"

namespace tact {

struct GeoPoint {
  double lat = 0;
  double lon = 0;
};

struct Person {
  // The fields the rules read come first, the most read first: deciding for
  // a random person among millions is memory-bound, and these take the
  // first 128 bytes (the rarer ones the next 120). Not aligned to a cache
  // line: a profile is allocated with its shared_ptr's count, and aligned
  // allocations cost the heap more than the line they save.
  std::array<Consent, kChannelCount> consent{};  // indexed by Channel; unknown by default
  // Channels whose address hard-bounced; cleared when the address changes.
  ChannelSet undeliverable;
  // The person's zone (its IANA name is clock->name()); nullptr means the
  // policy's default zone applies.
  std::shared_ptr<const LocalClock> clock;
  std::string country;  // ISO 3166-1 alpha-2, upper case
  // What the person chose about being contacted; nullptr for most people,
  // who never chose (core/preferences.h).
  std::shared_ptr<const Preferences> preferences;
  // Lists the person left (RFC 8058 one-click, a provider's group
  // unsubscribe): touches on those lists are suppressed.
  std::vector<std::string> unsubscribed_lists;
  std::vector<std::string> languages;  // BCP 47, most preferred first
  std::string id;                      // the caller's stable key, opaque
  std::string region;
  std::string account_id;  // empty when unknown
  std::optional<GeoPoint> location;

  // The minute each channel's consent last changed (kNoConsentChange: never
  // seen to change); see ConsentChangeApplies.
  std::array<Minute, kChannelCount> consent_changed = [] {
    std::array<Minute, kChannelCount> never;
    never.fill(kNoConsentChange);
    return never;
  }();
  std::string role;

  // Where providers reach the person; webhooks find the person by these.
  std::string email;  // lower case
  std::string phone;  // E.164, e.g. "+4915112345678"
  // The person's id in each tool that names them its own way (HubSpot's
  // contact id, Braze's external id): (tool, id), tool lower case, sorted by
  // tool. Checks find the person by them (core/address.h ToolIdKey).
  std::vector<std::pair<std::string, std::string>> tool_ids;
  // The minute each list's membership last changed (left or joined again).
  std::vector<std::pair<std::string, Minute>> list_changed;

  bool LeftList(std::string_view list) const {
    for (const std::string& left : unsubscribed_lists) {
      if (left == list) return true;
    }
    return false;
  }

  Consent ConsentFor(Channel channel) const { return consent[static_cast<int>(channel)]; }

  // The languages the person reads: those they chose (their preferences),
  // else the profile's.
  const std::vector<std::string>& ReadsLanguages() const {
    return preferences != nullptr && !preferences->languages.empty() ? preferences->languages
                                                                     : languages;
  }

  Minute ListChanged(std::string_view list) const {
    for (const auto& [name, minute] : list_changed) {
      if (name == list) return minute;
    }
    return kNoConsentChange;
  }
  void SetListChanged(std::string_view list, Minute minute) {
    for (auto& [name, changed] : list_changed) {
      if (name == list) {
        changed = minute;
        return;
      }
    }
    list_changed.emplace_back(std::string(list), minute);
  }
};

}  // namespace tact
