#include "content/region.h"

#include <gtest/gtest.h>

namespace tact {
namespace {

TEST(RegionTest, HaversineDistancesBetweenCities) {
  const GeoPoint berlin{52.5200, 13.4050};
  const GeoPoint munich{48.1374, 11.5755};
  const GeoPoint new_york{40.7128, -74.0060};
  // Published great-circle distances: Berlin-Munich ~504 km, Berlin-New York ~6,385 km.
  EXPECT_NEAR(DistanceKm(berlin, munich), 504, 3);
  EXPECT_NEAR(DistanceKm(berlin, new_york), 6385, 10);
  EXPECT_DOUBLE_EQ(DistanceKm(berlin, berlin), 0);
  // Antipodes: half the Earth's circumference.
  EXPECT_NEAR(DistanceKm(GeoPoint{0, 0}, GeoPoint{0, 180}), 20015, 1);
}

TEST(RegionTest, ContainingRegionsComeFromIcu) {
  EXPECT_EQ(ContainingRegion("DE", RegionLevel::kContinent), "150");     // Europe
  EXPECT_EQ(ContainingRegion("DE", RegionLevel::kSubcontinent), "155");  // Western Europe
  EXPECT_EQ(ContainingRegion("GB", RegionLevel::kSubcontinent), "154");  // Northern Europe
  EXPECT_EQ(ContainingRegion("BR", RegionLevel::kSubcontinent), "005");  // South America
  EXPECT_EQ(ContainingRegion("JP", RegionLevel::kContinent), "142");     // Asia
  EXPECT_EQ(ContainingRegion("DE", RegionLevel::kCountry), "DE");
  EXPECT_FALSE(ContainingRegion("ZZ", RegionLevel::kContinent).has_value());
  EXPECT_FALSE(ContainingRegion("150", RegionLevel::kContinent).has_value());
  EXPECT_EQ(RegionName("155"), "Western Europe");
  EXPECT_EQ(RegionName("BR"), "Brazil");
  EXPECT_TRUE(ContainingRegion("PL", RegionLevel::kCountry).has_value());
  EXPECT_FALSE(ContainingRegion("XX", RegionLevel::kCountry).has_value());
}

TEST(RegionTest, LevelsParseByName) {
  EXPECT_EQ(ParseRegionLevel("subcontinent"), RegionLevel::kSubcontinent);
  EXPECT_EQ(RegionLevelName(RegionLevel::kContinent), "continent");
  EXPECT_FALSE(ParseRegionLevel("planet").has_value());
}

}  // namespace
}  // namespace tact
