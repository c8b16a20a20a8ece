#include "brief/companyfacts_reader.h"

#include "brief/brief_fixtures.h"
#include "gmock/gmock.h"

namespace tact {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

constexpr absl::string_view kTwoCurrencies = R"({
  "cik": "0000012345", "entityName": "Example AG",
  "facts": {"ifrs-full": {"Revenue": {"units": {
    "EUR": [{"start": "2023-01-01", "end": "2023-12-31", "val": 900, "accn": "A-1", "form": "20-F", "filed": "2024-03-01"},
            {"start": "2022-01-01", "end": "2022-12-31", "val": 800, "accn": "A-1", "form": "20-F", "filed": "2024-03-01"}],
    "USD": [{"start": "2023-01-01", "end": "2023-12-31", "val": 990, "accn": "A-2", "form": "6-K", "filed": "2024-03-02"}]}}},
  "us-gaap": {"Revenues": {"units": {"USD/shares": [{"end": "2023-12-31", "val": 1, "accn": "A-1", "filed": "2024-03-01"}]}}}}})";

TEST(CompanyFactsReader, ReadsEveryFactOfTheConceptsABriefReads) {
  const CompanyFacts apple = testing::ReadCompany(testing::kApple);
  EXPECT_EQ(apple.cik, "320193");
  EXPECT_EQ(apple.name, "Apple Inc.");
  EXPECT_EQ(apple.currency, "USD");
  EXPECT_TRUE(apple.problems.empty()) << apple.problems.front();
  // SalesRevenueNet (210) + Revenues (11) + the ASC 606 concept (109).
  int revenue = 0;
  for (const Fact& fact : apple.facts)
    revenue += Concepts()[fact.concept_index].metric == Metric::kRevenue;
  EXPECT_EQ(revenue, 330);
}

TEST(CompanyFactsReader, KeepsOneCurrencyAndSaysWhatItLeftOut) {
  CompanyFactsReader reader;
  const auto company = reader.Read(kTwoCurrencies, "example.json");
  ASSERT_TRUE(company.ok()) << company.status();
  EXPECT_EQ(company->cik, "12345");
  EXPECT_EQ(company->currency, "USD");  // USD whenever there is any
  ASSERT_EQ(company->facts.size(), 1u);
  EXPECT_EQ(company->facts[0].value, 990);
  EXPECT_THAT(company->problems, Contains(HasSubstr("2 money facts in EUR left out")));
  EXPECT_THAT(company->problems,
              Contains(HasSubstr("facts.us-gaap.Revenues.units.USD/shares: 1 facts in 'USD/shares' "
                                 "left out")));
}

TEST(CompanyFactsReader, NamesTheFieldOfAMalformedFactAndSkipsIt) {
  constexpr absl::string_view kBadDate = R"({"cik": 1, "facts": {"us-gaap": {"Assets": {"units":
    {"USD": [{"end": "2023-02-30", "val": 5, "accn": "A", "filed": "2023-03-01"},
             {"end": "2023-03-31", "val": 6, "accn": "A", "filed": "2023-04-01"},
             {"end": "2023-06-30", "val": "7", "accn": "A", "filed": "2023-07-01"}]}}}}})";
  CompanyFactsReader reader;
  const auto company = reader.Read(kBadDate, "bad.json");
  ASSERT_TRUE(company.ok()) << company.status();
  EXPECT_EQ(company->facts.size(), 1u);
  EXPECT_THAT(company->problems,
              Contains("bad.json: facts.us-gaap.Assets.units.USD[0].end: '2023-02-30' is not a "
                       "date (YYYY-MM-DD)"));
  EXPECT_THAT(company->problems,
              Contains("bad.json: facts.us-gaap.Assets.units.USD[2].val: missing or not a number"));
  const auto strict = reader.Read(kBadDate, "bad.json", /*strict=*/true);
  ASSERT_FALSE(strict.ok());
  EXPECT_THAT(strict.status().message(), HasSubstr("USD[0].end"));
}

TEST(CompanyFactsReader, RefusesWhatIsNotACompanyFactsDocument) {
  CompanyFactsReader reader;
  const auto broken = reader.Read(R"({"cik": 1, "facts": )", "cut.json");
  ASSERT_FALSE(broken.ok());
  EXPECT_THAT(broken.status().message(), HasSubstr("cut.json: not a companyfacts document"));
  const auto submissions =
      reader.Read(testing::ReadFixture("edgartools-vcr-cassettes/submissions-CIK0001835632.json"),
                  "submissions.json");
  ASSERT_FALSE(submissions.ok());
  EXPECT_THAT(submissions.status().message(), HasSubstr("facts: missing"));
}

}  // namespace
}  // namespace tact
