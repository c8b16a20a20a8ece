// The fixture most rule tests share: one policy, one person and their
// history, and the engine's Decide over them.
//
//   class GapTest : public testing::RuleTest {
//    protected:
//     GapTest() : RuleTest("[[gap]]\nscope = \"all\"\nmin = \"20h\"\n") {}
//   };
//   TEST_F(GapTest, ...) { history_.Record(Past(...)); Ask(MakeTouch(...)); }
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "core/account.h"
#include "core/decision.h"
#include "core/history.h"
#include "core/person.h"
#include "core/signals.h"
#include "core/touch.h"
#include "policy/policy.h"
#include "testing/fixtures.h"

namespace tact::testing {

class RuleTest : public ::testing::Test {
 protected:
  // `policy_toml` must load (the test fails otherwise); the person has
  // email consent and the policy's default zone.
  explicit RuleTest(const std::string& policy_toml);

  // Decides `touch` (its `at` is required) at its `at`, for person_ with
  // history_ as it stands: a send is not recorded.
  Decision Ask(const Touch& touch, const Account* account = nullptr,
               const Signals* signals = nullptr) const;
  // Like Ask, and records a send in history_, as the store would.
  Decision AskAndRecord(const Touch& touch);
  // The sentence that explains `reason` of a decision about `touch`.
  std::string Sentence(const Reason& reason, const Touch& touch,
                       const Account* account = nullptr) const;

  Policy policy_;
  Person person_;
  History history_;
};

}  // namespace tact::testing
