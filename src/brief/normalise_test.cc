#include "brief/brief_fixtures.h"
#include "brief/financials.h"
#include "gmock/gmock.h"

namespace tact {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string ConceptOf(const Fact& fact) { return std::string(Concepts()[fact.concept_index].name); }
const FactSource& SourceOf(const Financials& financials, const Figure& figure) {
  return financials.SourceOf(figure.facts.front());
}

const Figure* FiscalYear(const std::vector<Figure>& years, int year) {
  for (const Figure& figure : years) {
    if (FiscalYearOf(figure.end) == year) return &figure;
  }
  return nullptr;
}

TEST(Normalise, AppleRevenueIsOneSeriesThroughItsThreeRevenueConcepts) {
  const Financials apple = Normalise(testing::ReadCompany(testing::kApple));
  const std::vector<Figure>& years = apple.Of(Metric::kRevenue).years;
  ASSERT_EQ(years.size(), 19u);  // FY2007 .. FY2025, none missing
  for (size_t i = 0; i < years.size(); ++i) {
    EXPECT_EQ(FiscalYearOf(years[i].end), 2007 + static_cast<int>(i));
    EXPECT_FALSE(years[i].derived);
    if (i > 0) EXPECT_EQ(years[i].start, years[i - 1].end + 1) << FormatDay(years[i].end);
    const int year = FiscalYearOf(years[i].end);
    const std::string expected = year <= 2015 ? "SalesRevenueNet"
                                 : year == 2016
                                     ? "Revenues"
                                     : "RevenueFromContractWithCustomerExcludingAssessedTax";
    EXPECT_EQ(ConceptOf(years[i].facts.front()), expected) << year;
  }
  EXPECT_EQ(FiscalYear(years, 2007)->value, 24'578'000'000.0);
  EXPECT_EQ(FiscalYear(years, 2016)->value, 215'639'000'000.0);
  EXPECT_EQ(FiscalYear(years, 2019)->value, 260'174'000'000.0);
  EXPECT_EQ(FiscalYear(years, 2023)->value, 383'285'000'000.0);
  EXPECT_EQ(FiscalYear(years, 2025)->value, 416'161'000'000.0);
  EXPECT_EQ(FormatDay(FiscalYear(years, 2025)->end), "2025-09-27");
}

TEST(Normalise, DerivesTheFourthQuarterFromTheYearLessTheFirstThree) {
  const Financials apple = Normalise(testing::ReadCompany(testing::kApple));
  const std::vector<Figure>& quarters = apple.Of(Metric::kRevenue).quarters;
  const auto q4 = std::find_if(quarters.begin(), quarters.end(), [](const Figure& figure) {
    return FormatDay(figure.end) == "2025-09-27";
  });
  ASSERT_NE(q4, quarters.end());
  EXPECT_TRUE(q4->derived);
  EXPECT_EQ(FormatDay(q4->start), "2025-06-29");
  // FY2025 416,161M less Q1 124,300M, Q2 95,359M and Q3 94,036M.
  EXPECT_EQ(q4->value, 102'466'000'000.0);
  EXPECT_EQ(SourceOf(apple, *q4).accession, "0000320193-25-000079");  // the 10-K
  // Every quarter is about three months, and they follow one another.
  for (size_t i = 1; i < quarters.size(); ++i) {
    EXPECT_EQ(SpanOf(quarters[i].start, quarters[i].end), Span::kQuarter);
  }
}

TEST(Normalise, TrailingTwelveMonthsSumFourContiguousQuartersOrAreTheReportedYear) {
  const Financials apple = Normalise(testing::ReadCompany(testing::kApple));
  const MetricSeries& revenue = apple.Of(Metric::kRevenue);
  const Figure& latest = revenue.ttm.back();
  EXPECT_EQ(FormatDay(latest.end), "2025-12-27");  // the 10-Q after the last 10-K
  EXPECT_TRUE(latest.derived);
  double sum = 0;
  for (size_t i = revenue.quarters.size() - 4; i < revenue.quarters.size(); ++i) {
    sum += revenue.quarters[i].value;
  }
  EXPECT_EQ(latest.value, sum);
  const auto fy2025 =
      std::find_if(revenue.ttm.begin(), revenue.ttm.end(),
                   [](const Figure& figure) { return FormatDay(figure.end) == "2025-09-27"; });
  ASSERT_NE(fy2025, revenue.ttm.end());
  EXPECT_FALSE(fy2025->derived);  // the reported year, not a sum
  EXPECT_EQ(fy2025->value, 416'161'000'000.0);
}

TEST(Normalise, CountsARestatedFactOncePreferringTheFramedOne) {
  const Financials excerpt = Normalise(testing::ReadCompany(testing::kAppleExcerpt));
  EXPECT_EQ(excerpt.facts_read, 5);
  EXPECT_EQ(excerpt.duplicates_removed, 2);
  const std::vector<Figure>& years = excerpt.Of(Metric::kRevenue).years;
  ASSERT_EQ(years.size(), 3u);
  // FY2024 is in the 2024 and the 2025 10-K; SEC framed the 2025 one.
  EXPECT_EQ(SourceOf(excerpt, years[1]).accession, "0000320193-25-000079");
  // FY2023 is in the 2023 and the 2024 10-K, neither framed: the later one.
  EXPECT_EQ(SourceOf(excerpt, years[0]).accession, "0000320193-24-000123");
}

TEST(Normalise, AsOfReadsOnlyWhatWasFiledByThen) {
  CompanyFacts company = testing::ReadCompany(testing::kAppleExcerpt);
  const Financials then = Normalise(company, *ParseDay("2024-12-31"));
  const std::vector<Figure>& years = then.Of(Metric::kRevenue).years;
  ASSERT_EQ(years.size(), 2u);  // FY2025 was filed in 2025-10
  EXPECT_EQ(FiscalYearOf(years.back().end), 2024);
  EXPECT_EQ(SourceOf(then, years.back()).accession, "0000320193-24-000123");
}

TEST(Normalise, KeepsBalancesPerDate) {
  const Financials marvell = Normalise(testing::ReadCompany(testing::kMarvell));
  const std::vector<Figure>& debt = marvell.Of(Metric::kDebt).balances;
  ASSERT_FALSE(debt.empty());
  EXPECT_EQ(FormatDay(debt.front().end), "2021-01-30");
  for (size_t i = 1; i < debt.size(); ++i) EXPECT_LT(debt[i - 1].end, debt[i].end);
  EXPECT_EQ(debt.front().start, kNoDay);
}

TEST(Normalise, FiscalYearOfA52WeekYearEndingInJanuaryFirstWeekIsTheYearBefore) {
  EXPECT_EQ(FiscalYearOf(*ParseDay("2022-01-01")), 2021);
  EXPECT_EQ(FiscalYearOf(*ParseDay("2024-01-28")), 2024);  // NVIDIA names it FY2024
  EXPECT_EQ(FiscalYearOf(*ParseDay("2023-09-30")), 2023);
}

TEST(ParseDay, AcceptsRealDatesOnly) {
  EXPECT_EQ(FormatDay(*ParseDay("2024-02-29")), "2024-02-29");
  EXPECT_FALSE(ParseDay("2023-02-29").ok());
  EXPECT_FALSE(ParseDay("2023-13-01").ok());
  EXPECT_FALSE(ParseDay("2023-1-01").ok());
  EXPECT_FALSE(ParseDay("20230101").ok());
}

}  // namespace
}  // namespace tact
