// The contract of ports/hypotheses.h on every kind of state
// (ports/ports_contract_fixture.h).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ports/hypotheses.h"
#include "ports/ports_contract_fixture.h"

namespace tact {
namespace {

using testing::T;

class HypothesesContractTest : public contract::PortsContractTest {
 protected:
  Hypotheses& hypotheses() { return ports().hypotheses; }
  uint64_t Add(const std::string& account, const std::string& seller, absl::Time written,
               uint64_t fingerprint, const std::string& text = "their margins") {
    Hypothesis hypothesis{.account_id = account,
                          .seller = seller,
                          .team = "sales",
                          .text = text,
                          .signals = {"revenue.declining"},
                          .written = written,
                          .fingerprint = fingerprint,
                          .words = 2};
    absl::StatusOr<uint64_t> id = hypotheses().Add(hypothesis);
    EXPECT_TRUE(id.ok()) << id.status();
    return id.value_or(0);
  }
};

const absl::Time kWritten = T("2030-03-05T15:00:00Z");

std::vector<uint64_t> Ids(const std::vector<Hypothesis>& list) {
  std::vector<uint64_t> ids;
  for (const Hypothesis& one : list) ids.push_back(one.id);
  return ids;
}

TEST_P(HypothesesContractTest, AddGivesNewIdsAndKeepsEveryField) {
  const uint64_t first = Add("acme", "ana@x.com", kWritten, 0xff, "first view");
  const uint64_t second = Add("acme", "ana@x.com", kWritten + absl::Hours(1), 0xf0f0, "second");
  EXPECT_NE(first, 0u);
  EXPECT_GT(second, first);
  const std::optional<Hypothesis> latest = hypotheses().Latest("acme", "ana@x.com").value();
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(latest->id, second);
  EXPECT_EQ(latest->text, "second");
  EXPECT_EQ(latest->team, "sales");
  EXPECT_EQ(latest->signals, std::vector<std::string>{"revenue.declining"});
  EXPECT_EQ(latest->written, kWritten + absl::Hours(1));
  EXPECT_EQ(latest->fingerprint, 0xf0f0u);
  EXPECT_FALSE(hypotheses().Latest("acme", "bo@x.com").value().has_value());
  EXPECT_FALSE(hypotheses().Latest("other", "ana@x.com").value().has_value());
}

TEST_P(HypothesesContractTest, LatestIsTheOneWrittenLastNotTheOneAddedLast) {
  const uint64_t newer = Add("acme", "ana@x.com", kWritten + absl::Hours(2), 1);
  Add("acme", "ana@x.com", kWritten, 2);  // an older one, added late (an import)
  EXPECT_EQ(hypotheses().Latest("acme", "ana@x.com").value()->id, newer);
}

TEST_P(HypothesesContractTest, ForAccountListsTheLatestFirstUpToTheLimit) {
  const uint64_t a = Add("acme", "ana@x.com", kWritten, 1);
  const uint64_t b = Add("acme", "bo@x.com", kWritten + absl::Hours(1), 2);
  const uint64_t c = Add("acme", "ana@x.com", kWritten + absl::Hours(1), 3);  // ties b: higher id
  Add("globex", "ana@x.com", kWritten, 4);
  EXPECT_EQ(Ids(hypotheses().ForAccount("acme", 10).value()), (std::vector<uint64_t>{c, b, a}));
  EXPECT_EQ(Ids(hypotheses().ForAccount("acme", 2).value()), (std::vector<uint64_t>{c, b}));
  EXPECT_TRUE(hypotheses().ForAccount("nobody", 10).value().empty());
}

std::optional<uint64_t> IdOf(const std::optional<Hypothesis>& hypothesis) {
  if (!hypothesis) return std::nullopt;
  return hypothesis->id;
}

TEST_P(HypothesesContractTest, NearestOtherIsTheNearestNotTheSellersOwnForTheAccount) {
  const uint64_t own = Add("acme", "ana@x.com", kWritten, 0b1111'0000);
  const uint64_t close = Add("globex", "bo@x.com", kWritten, 0b1111'0011);     // 2 bits away
  const uint64_t initech = Add("initech", "cy@x.com", kWritten, 0b1111'1111);  // 4 bits away
  Add("umbrella", "di@x.com", kWritten, 0b1111'0101);  // 2 bits away too, written later
  const uint64_t far = Add("hooli", "ed@x.com", kWritten, 0xffff'0000'0000'0000);
  const auto nearest = [&](uint64_t fingerprint, int distance, absl::string_view account,
                           absl::string_view seller) {
    return IdOf(hypotheses().NearestOther(fingerprint, distance, account, seller).value());
  };
  // The seller's own for the account is skipped; of two as near, the earlier.
  EXPECT_EQ(nearest(0b1111'0000, 3, "acme", "ana@x.com"), close);
  // The same seller for another account, or another seller for it, is not.
  EXPECT_EQ(nearest(0b1111'0000, 3, "globex", "ana@x.com"), own);
  EXPECT_EQ(nearest(0b1111'0000, 3, "acme", "zed@x.com"), own);
  EXPECT_EQ(nearest(0b1111'0000, 1, "acme", "ana@x.com"), std::nullopt);
  EXPECT_EQ(nearest(0, 64, "nobody", "zed@x.com"), std::nullopt);  // no text is near nothing
  // Near in the high bits only, and at a distance wider than the default.
  EXPECT_EQ(nearest(0xffff'0000'0000'0001, 3, "acme", "ana@x.com"), far);
  EXPECT_EQ(nearest(0b1111'1111, 8, "acme", "ana@x.com"), initech);
  EXPECT_EQ(nearest(0b1111'0000, 8, "acme", "ana@x.com"), close);
}

TEST_P(HypothesesContractTest, SurviveARestartAndIdsAreNotReused) {
  const uint64_t first = Add("acme", "ana@x.com", kWritten, 7, "kept");
  AwaitDurable();
  if (!state_->Reopen()) GTEST_SKIP() << "state in memory only";
  const std::optional<Hypothesis> kept = hypotheses().Latest("acme", "ana@x.com").value();
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(kept->text, "kept");
  EXPECT_GT(Add("acme", "ana@x.com", kWritten, 8), first);
}

INSTANTIATE_TEST_SUITE_P(EveryState, HypothesesContractTest, ::testing::ValuesIn(contract::kStates),
                         [](const ::testing::TestParamInfo<contract::StateKind>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace tact
