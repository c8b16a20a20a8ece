// Someone who may be contacted. Built by the shells from the caller's data;
// the core only reads it.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/channel.h"
#include "core/consent.h"
#include "core/local_clock.h"

namespace tact {

struct GeoPoint {
  double lat = 0;
  double lon = 0;
};

struct Person {
  // The fields every decision reads come first, so that they share a cache
  // line: deciding for a random person among millions is memory-bound.
  std::array<Consent, kChannelCount> consent{};  // indexed by Channel; unknown by default
  // The person's zone (its IANA name is clock->name()); nullptr means the
  // policy's default zone applies.
  std::shared_ptr<const LocalClock> clock;
  std::string country;  // ISO 3166-1 alpha-2, upper case

  std::string id;                      // the caller's stable key, opaque
  std::string account_id;              // empty when unknown
  std::vector<std::string> languages;  // BCP 47, most preferred first
  std::string region;
  std::optional<GeoPoint> location;
  std::string role;

  Consent ConsentFor(Channel channel) const { return consent[static_cast<int>(channel)]; }
};

}  // namespace tact
