// The contract of ports/policy_versions.h on every kind of state
// (ports/ports_contract_fixture.h).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ports/policy_versions.h"
#include "ports/ports_contract_fixture.h"

namespace tact {
namespace {

using testing::T;

class PolicyVersionsContractTest : public contract::PortsContractTest {
 protected:
  PolicyVersions& versions() {
    PolicyVersions* versions = ports().policy_versions;
    EXPECT_NE(versions, nullptr);
    return *versions;
  }
  int64_t Add(const std::string& text, const std::string& token = "ops") {
    const PolicyVersion record{0,     T("2030-03-05T15:00:00Z"),
                               token, "PUT /v1/policy",
                               text,  {"~ budget.all.7d: at most 3 -> at most 2"}};
    absl::StatusOr<int64_t> version = versions().Add(record);
    EXPECT_TRUE(version.ok()) << version.status();
    return version.value_or(0);
  }
  std::vector<int64_t> Listed(size_t limit, int64_t before) {
    std::vector<int64_t> numbers;
    const std::vector<PolicyVersion> listed = versions().List(limit, before).value();
    for (const PolicyVersion& version : listed) {
      numbers.push_back(version.version);
    }
    return numbers;
  }
};

TEST_P(PolicyVersionsContractTest, AddNumbersFromOneAndKeepsEveryField) {
  EXPECT_TRUE(versions().List(10, 0).value().empty());
  EXPECT_EQ(Add("[[budget]]\nmax = 1\n"), 1);
  EXPECT_EQ(Add("[[budget]]\nmax = 2\n", ""), 2);
  const std::vector<PolicyVersion> listed = versions().List(10, 0).value();
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].version, 2);
  EXPECT_EQ(listed[0].text, "[[budget]]\nmax = 2\n");
  EXPECT_EQ(listed[0].token, "");
  EXPECT_EQ(listed[1].token, "ops");
  EXPECT_EQ(listed[1].origin, "PUT /v1/policy");
  EXPECT_EQ(listed[1].at, T("2030-03-05T15:00:00Z"));
  EXPECT_EQ(listed[1].changes, std::vector<std::string>{"~ budget.all.7d: at most 3 -> at most 2"});
}

TEST_P(PolicyVersionsContractTest, ListPagesFromTheLatestDown) {
  for (int i = 1; i <= 5; ++i) Add("text " + std::to_string(i));
  EXPECT_EQ(Listed(2, 0), (std::vector<int64_t>{5, 4}));
  EXPECT_EQ(Listed(2, 4), (std::vector<int64_t>{3, 2}));
  EXPECT_EQ(Listed(10, 2), (std::vector<int64_t>{1}));
  EXPECT_TRUE(Listed(10, 1).empty());
}

TEST_P(PolicyVersionsContractTest, SurviveARestartAndNumbersAreNotReused) {
  Add("first");
  AwaitDurable();
  if (!state_->Reopen()) GTEST_SKIP() << "state in memory only";
  EXPECT_EQ(Listed(10, 0), (std::vector<int64_t>{1}));
  EXPECT_EQ(Add("second"), 2);
}

INSTANTIATE_TEST_SUITE_P(EveryState, PolicyVersionsContractTest,
                         ::testing::ValuesIn(contract::kStates),
                         [](const ::testing::TestParamInfo<contract::StateKind>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace tact
