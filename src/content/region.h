// Where an event is against where a person is: great-circle distance, and
// the UN M.49 regions (continent, sub-continent) that contain a country, from
// ICU's region data.
//
// Thread safety: reentrant (ICU's region data is loaded once, thread-safely).
#pragma once

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "core/person.h"

namespace tact {

// Haversine distance on a sphere of the Earth's mean radius (6371.0088 km).
double DistanceKm(const GeoPoint& a, const GeoPoint& b);

enum class RegionLevel : uint8_t { kCountry, kSubcontinent, kContinent, kWorld };

// "country", "subcontinent", "continent", "world"; nullopt otherwise.
std::optional<RegionLevel> ParseRegionLevel(absl::string_view name);
absl::string_view RegionLevelName(RegionLevel level);

// The M.49 code ("155") of the region of `level` containing `country` (ISO
// 3166-1 alpha-2), or the country code itself at kCountry; it points into
// ICU's data, which lives as long as the process. nullopt when ICU does not
// know the country or it belongs to no such region.
std::optional<absl::string_view> ContainingRegion(absl::string_view country, RegionLevel level);

// The English name of a region or country code: "155" -> "Western Europe".
std::string RegionName(absl::string_view code);

}  // namespace tact
