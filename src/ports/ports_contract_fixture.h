// What the ports' contract tests share (ports_contract_test.cc,
// held_touches_contract_test.cc): each kind of state tact can start with,
// opened on a directory the test owns, and the fixture that opens it. The
// unit tests run them on memory and embedded state; tact_redis_tests
// compiles them again with TACT_REDIS_CLUSTER_TESTS on a real Redis Cluster.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "policy/policy_loader.h"
#include "ports/state.h"
#include "store/embedded_state.h"
#include "store/memory_state.h"
#include "testing/fixtures.h"
#ifdef TACT_REDIS_CLUSTER_TESTS
#include "cluster_harness.h"
#include "redis_state/redis_state.h"
#endif

namespace tact::contract {

using testing::T;

// One kind of state, opened (and reopened) on a directory the test owns.
class StateUnderTest {
 public:
  virtual ~StateUnderTest() = default;
  virtual StatePorts ports() = 0;
  // Closes and opens the state again; false for state that does not survive
  // a restart (the durability tests then do not apply).
  virtual bool Reopen() = 0;
  // Whether reputation and mirror counts are kept across a restart.
};

class MemoryUnderTest final : public StateUnderTest {
 public:
  StatePorts ports() override { return state_->ports(); }
  bool Reopen() override { return false; }

 private:
  std::unique_ptr<MemoryState> state_ = std::make_unique<MemoryState>();
};

class EmbeddedUnderTest final : public StateUnderTest {
 public:
  explicit EmbeddedUnderTest(std::string dir) : dir_(std::move(dir)) {
    std::filesystem::remove_all(dir_);
    Open();
  }
  ~EmbeddedUnderTest() override {
    state_.reset();
    std::filesystem::remove_all(dir_);
  }
  StatePorts ports() override { return state_->ports(); }
  bool Reopen() override {
    state_.reset();
    Open();
    return true;
  }

 private:
  void Open() {
    JournalOptions options;
    options.min_free_bytes = 0;
    options.clock = [] { return T("2027-03-10T12:00:00Z"); };
    auto opened =
        EmbeddedState::Open(dir_, options, testing::PolicyFrom(std::string(DefaultPolicyText())));
    ASSERT_TRUE(opened.ok()) << opened.status();
    state_ = *std::move(opened);
  }
  std::string dir_;
  std::unique_ptr<EmbeddedState> state_;
};

#ifdef TACT_REDIS_CLUSTER_TESTS
// The shared test cluster, emptied first; reopening is a new node's view.
class RedisUnderTest final : public StateUnderTest {
 public:
  RedisUnderTest() {
    Open();
    auto flushed = state_->client().RunOnEveryMaster({"FLUSHALL"});
    EXPECT_TRUE(flushed.ok()) << flushed.status();
  }
  StatePorts ports() override { return state_->ports(); }
  bool Reopen() override {
    state_.reset();
    Open();
    return true;
  }

 private:
  void Open() {
    RedisStateOptions options;
    options.cluster = testing::SharedRedisCluster().options();
    auto opened = RedisState::Open(options);
    ASSERT_TRUE(opened.ok()) << opened.status();
    state_ = *std::move(opened);
  }
  std::unique_ptr<RedisState> state_;
};
#endif

struct StateKind {
  const char* name;
  std::function<std::unique_ptr<StateUnderTest>(const std::string& dir)> open;
};

#ifdef TACT_REDIS_CLUSTER_TESTS
inline const StateKind kStates[] = {
    {"redis", [](const std::string&) { return std::make_unique<RedisUnderTest>(); }},
};
#else
inline const StateKind kStates[] = {
    {"memory", [](const std::string&) { return std::make_unique<MemoryUnderTest>(); }},
    {"embedded", [](const std::string& dir) { return std::make_unique<EmbeddedUnderTest>(dir); }},
};
#endif

class PortsContractTest : public ::testing::TestWithParam<StateKind> {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    state_ = GetParam().open(absl::StrCat(::testing::TempDir(), "/ports-", GetParam().name, "-",
                                          std::hash<std::string>{}(info->name())));
  }
  StatePorts ports() { return state_->ports(); }
  // Waits until everything written so far is durable.
  void AwaitDurable() {
    Persistence& persistence = ports().persistence;
    absl::Notification done;
    absl::Status status;
    persistence.WhenDurable(persistence.Mark(), Urgency::kAlways, [&](absl::Status result) {
      status = result;
      done.Notify();
    });
    done.WaitForNotification();
    ASSERT_TRUE(status.ok()) << status;
  }

  std::unique_ptr<StateUnderTest> state_;
};

}  // namespace tact::contract
