#include "brief/signals.h"

#include "brief/brief_fixtures.h"
#include "gmock/gmock.h"

namespace tact {
namespace {

using ::testing::HasSubstr;

const Signal* Find(const SignalReading& reading, SignalId id) {
  for (const Signal& signal : reading.signals) {
    if (signal.id == id) return &signal;
  }
  return nullptr;
}

std::vector<std::string> Ids(const SignalReading& reading) {
  std::vector<std::string> ids;
  for (const Signal& signal : reading.signals) ids.emplace_back(SignalName(signal.id));
  return ids;
}

SignalReading ReadAsOf(const char* fixture, const char* as_of, Financials* financials) {
  *financials = Normalise(testing::ReadCompany(fixture), as_of ? *ParseDay(as_of) : kNoDay);
  return ReadSignals(*financials, Thresholds{});
}

std::vector<std::string> Accessions(const Financials& financials, const Signal& signal) {
  std::vector<std::string> accessions;
  for (const Evidence& evidence : signal.evidence) {
    accessions.push_back(financials.SourceOf(evidence.figure.facts.front()).accession);
  }
  return accessions;
}

TEST(Signals, NvidiaLossesOf2008And2009) {
  Financials nvidia;
  const SignalReading reading = ReadAsOf(testing::kNvidia, "2010-04-30", &nvidia);
  const Signal* losses = Find(reading, SignalId::kLossMaking);
  ASSERT_NE(losses, nullptr) << ::testing::PrintToString(Ids(reading));
  EXPECT_EQ(losses->sentence,
            "Net loss of $68.0M in fiscal 2010 (to 2010-01-31), after a net loss of $30.0M the "
            "year before");
  // Both years as the fiscal 2010 10-K reported them.
  EXPECT_THAT(Accessions(nvidia, *losses),
              ::testing::ElementsAre("0001045810-10-000006", "0001045810-10-000006"));
  const Signal* decline = Find(reading, SignalId::kRevenueDeclining);
  ASSERT_NE(decline, nullptr);
  EXPECT_THAT(decline->sentence, HasSubstr("fell 2.9% to $3.33B"));
}

TEST(Signals, NvidiaBackToProfitInFiscal2011) {
  Financials nvidia;
  const SignalReading reading = ReadAsOf(testing::kNvidia, "2011-04-30", &nvidia);
  const Signal* profit = Find(reading, SignalId::kTurnedProfit);
  ASSERT_NE(profit, nullptr) << ::testing::PrintToString(Ids(reading));
  EXPECT_EQ(profit->measure, 253'146'000.0);
  EXPECT_THAT(Accessions(nvidia, *profit),
              ::testing::ElementsAre("0001045810-11-000015", "0001045810-11-000015"));
  EXPECT_EQ(Find(reading, SignalId::kLossMaking), nullptr);
}

TEST(Signals, MarvellRevenueDeclineInFiscal2024AndItsLosses) {
  Financials marvell;
  const SignalReading reading = ReadAsOf(testing::kMarvell, "2024-04-01", &marvell);
  const Signal* decline = Find(reading, SignalId::kRevenueDeclining);
  ASSERT_NE(decline, nullptr) << ::testing::PrintToString(Ids(reading));
  EXPECT_EQ(decline->sentence,
            "Revenue fell 7.0% to $5.51B in fiscal 2024 (to 2024-02-03) from $5.92B");
  EXPECT_THAT(Accessions(marvell, *decline),
              ::testing::ElementsAre("0001835632-24-000009", "0001835632-24-000009"));
  EXPECT_NE(Find(reading, SignalId::kLossMaking), nullptr);
}

TEST(Signals, MarvellLatestIsBackToProfitAndGrowing) {
  Financials marvell;
  const SignalReading reading = ReadAsOf(testing::kMarvell, nullptr, &marvell);
  EXPECT_NE(Find(reading, SignalId::kTurnedProfit), nullptr)
      << ::testing::PrintToString(Ids(reading));
  EXPECT_EQ(Find(reading, SignalId::kRevenueDeclining), nullptr);
}

TEST(Signals, SnowflakeGrowsWithLossesAndADistressScore) {
  Financials snowflake;
  const SignalReading reading = ReadAsOf(testing::kSnowflake, nullptr, &snowflake);
  EXPECT_NE(Find(reading, SignalId::kLossMaking), nullptr)
      << ::testing::PrintToString(Ids(reading));
  const Signal* growth = Find(reading, SignalId::kRevenueSlowing);
  ASSERT_NE(growth, nullptr);
  EXPECT_THAT(growth->sentence, HasSubstr("grew 27.5%"));
  ASSERT_TRUE(reading.distress.has_value());
  EXPECT_LT(reading.distress->z, 1.1);
  EXPECT_NE(Find(reading, SignalId::kDistress), nullptr);
  // Snowflake reports no debt concepts: said, not invented.
  EXPECT_THAT(reading.missing, ::testing::Contains(HasSubstr("Long-term debt: no figures")));
  EXPECT_EQ(Find(reading, SignalId::kLeverageHigh), nullptr);
}

TEST(Signals, AppleHasNoLossOrDistress) {
  Financials apple;
  const SignalReading reading = ReadAsOf(testing::kApple, nullptr, &apple);
  for (SignalId id : {SignalId::kLossMaking, SignalId::kTurnedLoss, SignalId::kDistress}) {
    EXPECT_EQ(Find(reading, id), nullptr) << SignalName(id);
  }
  ASSERT_TRUE(reading.distress.has_value());
  EXPECT_GT(reading.distress->z, 2.6);
  EXPECT_EQ(reading.distress->inputs.size(), 7u);
}

TEST(Signals, ThresholdsDecide) {
  Financials marvell;
  ReadAsOf(testing::kMarvell, "2024-04-01", &marvell);
  Thresholds lenient;
  lenient.revenue_decline_pct = -10;  // a 7% fall is not a decline at -10%
  const SignalReading reading = ReadSignals(marvell, lenient);
  EXPECT_EQ(Find(reading, SignalId::kRevenueDeclining), nullptr);
}

TEST(Signals, ACompanyWithoutFiguresGetsNoSignalsAndSaysWhatIsMissing) {
  const SignalReading reading = ReadSignals(Financials{}, Thresholds{});
  EXPECT_TRUE(reading.signals.empty());
  EXPECT_THAT(reading.missing, ::testing::Contains(HasSubstr("Revenue: no figures")));
  EXPECT_THAT(reading.missing, ::testing::Contains(HasSubstr("Altman Z'': not computed")));
}

TEST(Money, ThreeSignificantFigures) {
  EXPECT_EQ(Money(5'507'700'000, "USD"), "$5.51B");
  EXPECT_EQ(Money(-30'041'000, "USD"), "-$30.0M");
  EXPECT_EQ(Money(812'000, "EUR"), "EUR 812K");
  EXPECT_EQ(Money(416'161'000'000, "USD"), "$416B");
}

}  // namespace
}  // namespace tact
