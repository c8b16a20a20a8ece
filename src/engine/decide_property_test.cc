// Properties that must hold for any policy and any stream of touches:
//  1. recorded sends never exceed any budget, gap, sender or tier limit in
//     any window;
//  2. every defer's not_before is itself allowed: asking again then sends.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "absl/strings/str_cat.h"
#include "engine/decide.h"
#include "rules/priority_reserve.h"
#include "testing/fixtures.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

std::string RandomPolicy(std::mt19937_64& random) {
  const char* scopes[] = {"all", "email", "sms", "promotional", "cold"};
  const char* windows[] = {"1h", "20h", "1d", "3d", "7d", "30d"};
  std::string toml = "[kinds]\ncold = { requires_icp = false }\n";
  const int budgets = 1 + random() % 3;
  std::set<std::pair<int, int>> used;  // a policy may not repeat a budget
  for (int index = 0; index < budgets; ++index) {
    const std::pair<int, int> budget(random() % 5, random() % 6);
    if (!used.insert(budget).second) continue;
    absl::StrAppend(&toml, "[[budget]]\nscope = \"", scopes[budget.first], "\"\nwindow = \"",
                    windows[budget.second], "\"\nmax = ", 1 + random() % 4, "\n");
  }
  if (random() % 2)
    absl::StrAppend(&toml, "[[gap]]\nscope = \"all\"\nmin = \"", windows[random() % 3], "\"\n");
  if (random() % 2)
    absl::StrAppend(&toml, "[sender]\nwindow = \"7d\"\nmax = ", 1 + random() % 2, "\n");
  if (random() % 2) absl::StrAppend(&toml, "[tiers]\npromotional = 0.5\ncold = 0.34\n");
  if (random() % 2) {
    absl::StrAppend(&toml, "[quiet_hours]\nweekdays = \"20:00-09:00\"\nweekends = \"",
                    random() % 2 ? "all-day" : "none", "\"\n");
  }
  if (random() % 2) absl::StrAppend(&toml, "[followups]\nmin_gap = \"2d\"\n");
  return toml;
}

// Checks every limit over the recorded history by brute force: for each
// recorded touch as the end of a window, count what the window holds.
void ExpectWithinLimits(const Policy& policy, const History& history, const std::string& context) {
  const auto touches = history.touches();
  for (const TouchRecord& end : touches) {
    for (const Budget& budget : policy.budgets) {
      const Minute window = SpanMinutes(budget.window);
      int count = 0;
      for (const TouchRecord& other : touches) {
        if (budget.scope.Counts(other) && other.minute <= end.minute &&
            other.minute > end.minute - window)
          ++count;
      }
      EXPECT_LE(count, budget.max) << budget.rule_id << "\n" << context;
    }
    for (const Gap& gap : policy.gaps) {
      for (const TouchRecord& other : touches) {
        if (&other == &end || !gap.scope.Counts(other) || !gap.scope.Counts(end)) continue;
        EXPECT_GE(std::abs(int64_t{other.minute} - end.minute), SpanMinutes(gap.min))
            << gap.rule_id << "\n"
            << context;
      }
    }
  }
}

TEST(DecidePropertyTest, SendsStayWithinEveryLimitAndDefersAreAllowed) {
  std::mt19937_64 random(20270301);
  const absl::Time start = testing::T("2027-03-01T00:00:00Z");
  const char* zones[] = {"Europe/Berlin", "America/Los_Angeles", "Asia/Tokyo", "Australia/Sydney"};
  int sends = 0, defers = 0;
  for (int round = 0; round < 300; ++round) {
    const std::string toml = RandomPolicy(random);
    const Policy policy = PolicyFrom(toml);
    const Person person = PersonIn(zones[random() % 4]);
    History history;
    // Touches asked in random order of time, some ahead of others.
    for (int step = 0; step < 60; ++step) {
      Touch touch;
      touch.person_id = person.id;
      touch.channel = random() % 3 == 0 ? Channel::kSms : Channel::kEmail;
      touch.kind = static_cast<Kind>(random() % kKindCount);
      touch.sender = absl::StrCat("s", random() % 3);
      touch.thread = random() % 4 == 0 ? "t1" : "";
      touch.at = start + absl::Minutes(static_cast<int64_t>(random() % (60 * 24 * 40)));
      const Decision decision = Decide(policy, person, nullptr, history, touch, *touch.at);
      if (decision.outcome == Outcome::kDefer) {
        ++defers;
        ASSERT_GT(decision.not_before, *touch.at);
        Touch again = touch;
        again.at = decision.not_before;
        const Decision retry = Decide(policy, person, nullptr, history, again, decision.not_before);
        ASSERT_EQ(retry.outcome, Outcome::kSend)
            << "not_before " << FormatUtc(decision.not_before) << " is not allowed:\n"
            << (retry.reasons.empty() ? "" : std::string(retry.reasons[0].rule)) << "\n"
            << toml;
        history.Record(*retry.record, TextFingerprint(retry));
      } else if (decision.record) {
        ++sends;
        history.Record(*decision.record, TextFingerprint(decision));
      }
      ExpectWithinLimits(policy, history, toml);
      if (::testing::Test::HasFailure()) return;
    }
  }
  EXPECT_GT(sends, 1000);
  EXPECT_GT(defers, 1000);
}

}  // namespace
}  // namespace tact
