// Someone who may be contacted. Built by the shells from the caller's data;
// the core only reads it.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "core/channel.h"
#include "core/consent.h"

namespace tact {

struct GeoPoint {
  double lat = 0;
  double lon = 0;
};

struct Person {
  std::string id;          // the caller's stable key, opaque
  std::string account_id;  // empty when unknown
  // IANA zone name as given, and the zone it resolved to. An empty name means
  // the policy's default zone applies.
  std::string time_zone_name;
  absl::TimeZone time_zone;
  std::vector<std::string> languages;  // BCP 47, most preferred first
  std::string country;                 // ISO 3166-1 alpha-2, upper case
  std::string region;
  std::optional<GeoPoint> location;
  std::string role;
  std::array<Consent, kChannelCount> consent{};  // indexed by Channel; unknown by default

  Consent ConsentFor(Channel channel) const { return consent[static_cast<int>(channel)]; }
};

}  // namespace tact
