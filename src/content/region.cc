#include "content/region.h"

#include <unicode/locid.h>
#include <unicode/region.h>

#include <cmath>
#include <numbers>

#include "core/enum_names.h"

namespace tact {
namespace {

const icu::Region* Territory(absl::string_view country) {
  if (country.size() != 2) return nullptr;
  UErrorCode status = U_ZERO_ERROR;
  const std::string code(country);
  const icu::Region* region = icu::Region::getInstance(code.c_str(), status);
  if (U_FAILURE(status) || region == nullptr || region->getType() != URGN_TERRITORY) return nullptr;
  return region;
}

}  // namespace

double DistanceKm(const GeoPoint& a, const GeoPoint& b) {
  constexpr double kEarthRadiusKm = 6371.0088;
  constexpr double kRadians = std::numbers::pi / 180.0;
  const double lat1 = a.lat * kRadians;
  const double lat2 = b.lat * kRadians;
  const double half_dlat = (b.lat - a.lat) * kRadians / 2;
  const double half_dlon = (b.lon - a.lon) * kRadians / 2;
  const double h = std::sin(half_dlat) * std::sin(half_dlat) +
                   std::cos(lat1) * std::cos(lat2) * std::sin(half_dlon) * std::sin(half_dlon);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

constexpr EnumNames<RegionLevel, 4> kRegionLevelNames({"country", "subcontinent", "continent",
                                                       "world"});

std::optional<RegionLevel> ParseRegionLevel(absl::string_view name) {
  return kRegionLevelNames.Parse(name);
}

absl::string_view RegionLevelName(RegionLevel level) { return kRegionLevelNames.Name(level); }

std::optional<absl::string_view> ContainingRegion(absl::string_view country, RegionLevel level) {
  const icu::Region* territory = Territory(country);
  if (territory == nullptr) return std::nullopt;
  const icu::Region* region = territory;
  switch (level) {
    case RegionLevel::kCountry:
      break;
    case RegionLevel::kSubcontinent:
      region = territory->getContainingRegion(URGN_SUBCONTINENT);
      break;
    case RegionLevel::kContinent:
      region = territory->getContainingRegion(URGN_CONTINENT);
      break;
    case RegionLevel::kWorld:
      region = territory->getContainingRegion(URGN_WORLD);
      break;
  }
  if (region == nullptr) return std::nullopt;
  return absl::string_view(region->getRegionCode());
}

std::string RegionName(absl::string_view code) {
  icu::UnicodeString name;
  icu::Locale("", std::string(code).c_str()).getDisplayCountry(icu::Locale::getEnglish(), name);
  std::string out;
  name.toUTF8String(out);
  return out;
}

}  // namespace tact
