// The contract of ports/held_touches.h on every kind of state
// (ports/ports_contract_fixture.h).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ports/held_touches.h"
#include "ports/ports_contract_fixture.h"

namespace tact {
namespace {

using testing::T;

class HeldTouchesContractTest : public contract::PortsContractTest {
 protected:
  HeldTouches& held() { return *ports().held; }
};

const absl::Time kHeldAt = T("2030-03-05T15:00:00Z");

HeldTouch Held(uint64_t id, const std::string& person, absl::Time due,
               HeldState state = HeldState::kHeld) {
  HeldTouch held;
  held.id = id;
  held.touch.person_id = person;
  held.touch.tool = person == "bo" ? "crm" : "braze";
  held.touch.hold_ref = "4AbC12345Z";
  held.state = state;
  held.held_at = kHeldAt + absl::Minutes(id);
  held.due = due;
  held.expires = absl::InfiniteFuture();
  held.changed_at = held.held_at;
  return held;
}

std::vector<uint64_t> Ids(const std::vector<HeldTouch>& list) {
  std::vector<uint64_t> ids;
  for (const HeldTouch& held : list) ids.push_back(held.id);
  return ids;
}

TEST_P(HeldTouchesContractTest, PutFindListAndCountAsLastPut) {
  ASSERT_NE(ports().held, nullptr);
  ASSERT_TRUE(held().Put(Held(1, "ana", kHeldAt + absl::Hours(1))).ok());
  ASSERT_TRUE(held().Put(Held(2, "bo", kHeldAt + absl::Hours(2))).ok());
  ASSERT_TRUE(held().Put(Held(3, "ana", kHeldAt + absl::Hours(3))).ok());
  HeldTouch delivered = Held(2, "bo", kHeldAt, HeldState::kDelivered);
  delivered.outcome = Outcome::kSend;
  ASSERT_TRUE(held().Put(delivered).ok());

  const std::optional<HeldTouch> found = held().Find(2).value();
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->state, HeldState::kDelivered);
  EXPECT_EQ(found->touch.hold_ref, "4AbC12345Z");
  EXPECT_FALSE(held().Find(9).value().has_value());

  EXPECT_EQ(Ids(held().List({}).value()), (std::vector<uint64_t>{3, 2, 1}));  // latest held first
  EXPECT_EQ(Ids(held().List({.person_id = "ana"}).value()), (std::vector<uint64_t>{3, 1}));
  EXPECT_EQ(Ids(held().List({.state = HeldState::kDelivered}).value()), (std::vector<uint64_t>{2}));
  EXPECT_EQ(Ids(held().List({.tool = "braze", .limit = 1}).value()), (std::vector<uint64_t>{3}));
  const HeldCounts counts = held().Counts();
  EXPECT_EQ(counts[static_cast<size_t>(HeldState::kHeld)], 2);
  EXPECT_EQ(counts[static_cast<size_t>(HeldState::kDelivered)], 1);
}

TEST_P(HeldTouchesContractTest, DueReturnsTheActiveOnesDueByNowEarliestFirst) {
  ASSERT_TRUE(held().Put(Held(1, "ana", kHeldAt + absl::Hours(2))).ok());
  ASSERT_TRUE(held().Put(Held(2, "bo", kHeldAt + absl::Hours(1))).ok());
  ASSERT_TRUE(held().Put(Held(3, "cy", kHeldAt + absl::Hours(9))).ok());
  ASSERT_TRUE(held().Put(Held(4, "dee", kHeldAt, HeldState::kCancelled)).ok());
  EXPECT_EQ(Ids(held().Due(kHeldAt + absl::Hours(3), 10).value()), (std::vector<uint64_t>{2, 1}));
}

TEST_P(HeldTouchesContractTest, ForgetDropsOnlyFinishedOnesChangedBefore) {
  ASSERT_TRUE(held().Put(Held(1, "ana", kHeldAt)).ok());
  HeldTouch dead = Held(2, "bo", kHeldAt, HeldState::kDead);
  dead.changed_at = kHeldAt;
  ASSERT_TRUE(held().Put(dead).ok());
  HeldTouch recent = Held(3, "cy", kHeldAt, HeldState::kDelivered);
  recent.changed_at = kHeldAt + absl::Hours(5);
  ASSERT_TRUE(held().Put(recent).ok());
  EXPECT_EQ(held().Forget(kHeldAt + absl::Hours(1)).value(), 1u);
  EXPECT_FALSE(held().Find(2).value().has_value());
  EXPECT_TRUE(held().Find(1).value().has_value());
  EXPECT_TRUE(held().Find(3).value().has_value());
  EXPECT_EQ(held().Counts()[static_cast<size_t>(HeldState::kDead)], 0);
  EXPECT_EQ(Ids(held().List({}).value()), (std::vector<uint64_t>{3, 1}));
}

TEST_P(HeldTouchesContractTest, WhatWasHeldBeforeARestartIsThereAfterIt) {
  ASSERT_TRUE(held().Put(Held(1, "ana", kHeldAt + absl::Hours(1))).ok());
  AwaitDurable();
  if (!state_->Reopen()) GTEST_SKIP() << GetParam().name << " state does not survive a restart";
  const std::optional<HeldTouch> found = held().Find(1).value();
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->touch.hold_ref, "4AbC12345Z");
  EXPECT_EQ(Ids(held().Due(kHeldAt + absl::Hours(1), 10).value()), (std::vector<uint64_t>{1}));
}

INSTANTIATE_TEST_SUITE_P(EveryState, HeldTouchesContractTest,
                         ::testing::ValuesIn(contract::kStates),
                         [](const ::testing::TestParamInfo<contract::StateKind>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace tact
