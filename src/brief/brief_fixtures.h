// Test helpers: SEC companyfacts documents kept in tests/fixtures.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "brief/companyfacts_reader.h"
#include "gtest/gtest.h"

namespace tact::testing {

inline std::string CompanyFactsPath(const std::string& name) {
  return std::string(TACT_FIXTURES_DIR) + "/sec-companyfacts/" + name;
}
inline constexpr const char* kApple = "edgartools-vcr-cassettes/CIK0000320193.json";
inline constexpr const char* kNvidia = "edgartools-vcr-cassettes/CIK0001045810.json";
inline constexpr const char* kMarvell = "edgartools-vcr-cassettes/CIK0001835632.json";
inline constexpr const char* kSnowflake = "edgartools-fixtures/snow_facts.json";
inline constexpr const char* kAppleExcerpt = "textlayer/apple_company_facts.json";

inline std::string ReadFixture(const std::string& name) {
  std::ifstream in(CompanyFactsPath(name), std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline CompanyFacts ReadCompany(const std::string& name) {
  CompanyFactsReader reader;
  auto company = reader.Read(ReadFixture(name), name);
  EXPECT_TRUE(company.ok()) << company.status();
  return company.ok() ? *std::move(company) : CompanyFacts{};
}

}  // namespace tact::testing
