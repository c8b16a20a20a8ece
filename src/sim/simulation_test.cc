#include "sim/simulation.h"

#include <gtest/gtest.h>

#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "governor/decide_and_record.h"
#include "policy/policy_loader.h"
#include "sim/sim_report.h"
#include "store/memory_store.h"
#include "store/template_counter.h"
#include "testing/fixtures.h"

namespace tact::sim {
namespace {

using testing::PolicyFrom;

void ExpectSameTally(const Tally& a, const Tally& b, const std::string& where) {
  EXPECT_EQ(a.proposed, b.proposed) << where;
  EXPECT_EQ(a.sent, b.sent) << where;
  EXPECT_EQ(a.suppressed, b.suppressed) << where;
  EXPECT_EQ(a.opens, b.opens) << where;
  EXPECT_EQ(a.replies, b.replies) << where;
  EXPECT_EQ(a.meetings, b.meetings) << where;
  EXPECT_EQ(a.unsubscribes, b.unsubscribes) << where;
  EXPECT_EQ(a.complaints, b.complaints) << where;
  EXPECT_EQ(a.silenced, b.silenced) << where;
}

TEST(WorldTest, EveryTeamProposesTouchesInTimeOrder) {
  const World world = BuildWorld({.people = 400, .days = 28, .seed = 3});
  ASSERT_EQ(world.people.size(), 400u);
  ASSERT_FALSE(world.touches.empty());
  for (size_t index = 1; index < world.touches.size(); ++index) {
    ASSERT_LE(world.touches[index - 1].at, world.touches[index].at);
  }
  absl::flat_hash_map<std::string, int> by_team;
  for (const SimTouch& touch : world.touches) by_team[world.campaigns[touch.campaign].team]++;
  for (const char* team : {"marketing", "product-marketing", "field-marketing", "growth", "sales",
                           "customer-success"}) {
    EXPECT_GT(by_team[team], 0) << team;
  }
}

TEST(WorldTest, SellersWriteAHypothesisBeforeTheirFirstTouchOfAnAccount) {
  const World world = BuildWorld({.people = 2000, .days = 28, .seed = 4});
  absl::flat_hash_map<std::pair<uint16_t, uint32_t>, const SimHypothesis*> written;
  absl::flat_hash_set<std::string> researched_texts;
  std::string script;
  for (const SimHypothesis& hypothesis : world.hypotheses) {
    ASSERT_TRUE(written.insert({{hypothesis.campaign, hypothesis.account}, &hypothesis}).second)
        << "one per seller and account";
    const std::string& text = world.texts[hypothesis.text].body;
    if (world.campaigns[hypothesis.campaign].scripted) {
      // The script with the company's name: the same after it.
      const std::string after_name = text.substr(text.find(" is growing fast"));
      if (script.empty()) script = after_name;
      EXPECT_EQ(after_name, script);
    } else {
      EXPECT_TRUE(researched_texts.insert(text).second) << "researched texts differ: " << text;
    }
  }
  ASSERT_GT(researched_texts.size(), 100u);
  int cold = 0;
  for (const SimTouch& touch : world.touches) {
    if (world.campaigns[touch.campaign].kind != Kind::kCold) continue;
    ++cold;
    const auto found = written.find(
        std::pair<uint16_t, uint32_t>{touch.campaign, world.people[touch.person].account});
    ASSERT_NE(found, written.end());
    EXPECT_LT(found->second->at, touch.at);
  }
  EXPECT_GT(cold, 0);
}

TEST(SimulationTest, BriefHypothesisHoldsScriptedSellersAndNotResearchedOnes) {
  const World world = BuildWorld({.people = 2000, .days = 28, .seed = 4});
  // Nothing but the rule: with it off, the empty policy sends every touch.
  const Policy policy = PolicyFrom("[brief.hypothesis]\n");
  const SimulationResult result = Simulate(world, policy, ModelParams{}, 4);
  const SellerComparison sellers = CompareSellers(world, policy, ModelParams{}, 4, result);
  const Tally& researched_off = sellers.rule_off[0];
  const Tally& researched_on = sellers.rule_on[0];
  const Tally& scripted_off = sellers.rule_off[1];
  const Tally& scripted_on = sellers.rule_on[1];
  ExpectSameTally(sellers.ungoverned[0], researched_off, "researched, rule off");
  ASSERT_GT(scripted_off.sent, 100);
  // Researched sellers' own words back their touches; the rule holds none.
  EXPECT_EQ(researched_on.backed, researched_on.sent);
  EXPECT_EQ(researched_on.sent, researched_off.sent);
  EXPECT_EQ(researched_off.backed, researched_off.sent);
  // The script is its own words once, for its first account: a copy after.
  EXPECT_LT(scripted_off.backed * 20, scripted_off.sent);
  EXPECT_EQ(scripted_on.sent, scripted_on.backed);
  EXPECT_LT(scripted_on.sent * 20, scripted_off.sent);
  EXPECT_EQ(scripted_on.proposed, scripted_off.proposed);
}

TEST(SimulationTest, AnEmptyPolicyGovernsNothing) {
  const World world = BuildWorld({.people = 500, .days = 35, .seed = 5});
  const SimulationResult result = Simulate(world, PolicyFrom(""), ModelParams{}, 5);
  ASSERT_GT(result.ungoverned.total.sent, 0);
  ASSERT_GT(result.ungoverned.total.opens, 0);
  ASSERT_GT(result.ungoverned.total.unsubscribes, 0);
  for (size_t team = 0; team < result.teams.size(); ++team) {
    ExpectSameTally(result.ungoverned.by_team[team], result.governed.by_team[team],
                    result.teams[team]);
  }
  ExpectSameTally(result.ungoverned.total, result.governed.total, "total");
}

TEST(SimulationTest, APolicyThatAllowsNothingSendsNothing) {
  const World world = BuildWorld({.people = 300, .days = 21, .seed = 2});
  const SimulationResult result =
      Simulate(world, PolicyFrom("[[budget]]\nscope = \"all\"\nwindow = \"1d\"\nmax = 0\n"),
               ModelParams{}, 2);
  EXPECT_GT(result.ungoverned.total.sent, 0);
  EXPECT_EQ(result.governed.total.sent, 0);
  EXPECT_EQ(result.governed.total.opens, 0);
  EXPECT_EQ(result.governed.total.suppressed, result.governed.total.proposed);
  EXPECT_GT(result.governed.held_back_by_rule.at("budget.all.1d"), 0);
}

TEST(SimulationTest, IsDeterministicForASeed) {
  const World world = BuildWorld({.people = 300, .days = 21, .seed = 9});
  const Policy policy = PolicyFrom(std::string(DefaultPolicyText()));
  const SimulationResult first = Simulate(world, policy, ModelParams{}, 9);
  const SimulationResult second = Simulate(world, policy, ModelParams{}, 9);
  ExpectSameTally(first.ungoverned.total, second.ungoverned.total, "ungoverned");
  ExpectSameTally(first.governed.total, second.governed.total, "governed");
  EXPECT_EQ(first.governed.held_back_by_rule, second.governed.held_back_by_rule);
  const World other = BuildWorld({.people = 300, .days = 21, .seed = 10});
  EXPECT_NE(Simulate(other, policy, ModelParams{}, 10).ungoverned.total.opens,
            first.ungoverned.total.opens);
}

// The simulation decides through DecideAndRecord, the function `tact serve`
// calls: every decision it makes is the one DecideAndRecord makes on its own
// store for the same person and touch. (People stay silent here, so that no
// outcome changes what tact knows between the two.)
TEST(SimulationTest, DecidesThroughTheServicesEngine) {
  const World world = BuildWorld({.people = 400, .days = 28, .seed = 4});
  const Policy policy = PolicyFrom(std::string(DefaultPolicyText()));
  ModelParams quiet;
  quiet.open_base = 0;
  quiet.unsubscribe_base = 0;
  quiet.complaint_base = 0;
  absl::flat_hash_map<std::string, const SimPerson*> people;
  for (const SimPerson& person : world.people) people[person.profile.id] = &person;
  MemoryStore store;
  TemplateCounter templates;
  int64_t decisions = 0;
  int64_t differ = 0;
  const SimulationResult result =
      Simulate(world, policy, quiet, 4, [&](const Touch& touch, const Decision& decision) {
        const SimPerson& person = *people.at(touch.person_id);
        const Decision expected =
            *DecideAndRecord(store, policy, person.profile, world.accounts[person.account].get(),
                             touch, *touch.at, nullptr, &templates);
        ++decisions;
        if (expected.outcome != decision.outcome || expected.not_before != decision.not_before ||
            expected.reasons.size() != decision.reasons.size()) {
          ++differ;
          return;
        }
        for (size_t index = 0; index < expected.reasons.size(); ++index) {
          if (expected.reasons[index].rule != decision.reasons[index].rule) ++differ;
        }
      });
  EXPECT_EQ(decisions, result.governed.decisions);
  EXPECT_GT(decisions, result.governed.total.proposed);  // deferred touches were asked again
  EXPECT_EQ(differ, 0);
  // The real rules were at work, content and relevance gates included.
  for (const char* rule : {"budget.all.7d", "quiet_hours", "icp.fit", "relevance.language",
                           "content.bump", "sender.7d"}) {
    EXPECT_GT(result.governed.held_back_by_rule.count(rule), 0u) << rule;
  }
}

TEST(SimulationTest, GoverningSendsLessAndHarmsLessUnderTheDefaults) {
  const World world = BuildWorld({.people = 2000, .days = 60, .seed = 1});
  const SimulationResult result =
      Simulate(world, PolicyFrom(std::string(DefaultPolicyText())), ModelParams{}, 1);
  const Tally& before = result.ungoverned.total;
  const Tally& after = result.governed.total;
  EXPECT_LT(after.sent, before.sent / 2);
  EXPECT_LT(after.unsubscribes, before.unsubscribes);
  EXPECT_LT(after.complaints + after.unsubscribes, before.complaints + before.unsubscribes);
  EXPECT_LT(after.silenced, before.silenced);
}

// The default policy has [send_time]: the same governed run again with
// every touch asking for its best_at, which tact learns from the opens and
// replies it is told of. Touches then wait less for their person to read,
// so more of those sent are opened; about as many are sent.
TEST(SimulationTest, SendingAtBestAtOpensMoreOfWhatIsSent) {
  const World world = BuildWorld({.people = 4000, .days = 60, .seed = 1});
  const SimulationResult result =
      Simulate(world, PolicyFrom(std::string(DefaultPolicyText())), ModelParams{}, 1);
  ASSERT_TRUE(result.at_best.has_value());
  const Tally& as_asked = result.governed.total;
  const Tally& at_best = result.at_best->total;
  EXPECT_GT(at_best.sent, as_asked.sent * 9 / 10);
  EXPECT_GT(static_cast<double>(at_best.opens) / at_best.sent,
            static_cast<double>(as_asked.opens) / as_asked.sent);
  // Without [send_time] there is no such run.
  EXPECT_FALSE(Simulate(world, PolicyFrom(""), ModelParams{}, 1).at_best.has_value());
  // With timing_weight 0, when a touch arrives does not matter: the lift
  // goes (its opens differ only as the runs' decisions do).
  ModelParams timeless;
  timeless.timing_weight = 0;
  const SimulationResult flat =
      Simulate(world, PolicyFrom(std::string(DefaultPolicyText())), timeless, 1);
  EXPECT_LT(std::abs(OpenLift(flat.governed.total, flat.at_best->total)),
            OpenLift(as_asked, at_best));
}

// A control group held out of the sales team's touches: where those
// touches help (people need the product and answer a seller), the treated
// people reply and meet more than the held-out ones, beyond the interval;
// where the team's touches bring nothing, the interval holds no lift.
TEST(SimulationTest, AControlGroupShowsTheLiftATeamBringsAndNoneWhereItBringsNone) {
  const World world = BuildWorld({.people = 3000, .days = 45, .seed = 2});
  const Policy policy = PolicyFrom("[control]\nteams = { sales = 0.3 }\nsalt = \"sim\"\n");
  ModelParams helps;
  helps.outside_need = 1.0;
  helps.scripted_pitch = 1.0;
  helps.reply_base = 1.0;
  helps.open_base = 0.6;
  const std::vector<ControlComparison> rows =
      CompareControlGroups(world, policy, Simulate(world, policy, helps, 2).governed);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].team, "sales");
  // 30 % of the people sales proposed touches to are held out.
  const double share = static_cast<double>(rows[0].control_people) /
                       (rows[0].control_people + rows[0].treated_people);
  EXPECT_NEAR(share, 0.3, 0.03);
  EXPECT_GT(rows[0].low, 0) << rows[0].lift;
  EXPECT_GT(rows[0].treated_value, rows[0].control_value);

  ModelParams valueless = helps;
  valueless.valueless_team = "sales";
  const ControlComparison none =
      CompareControlGroups(world, policy, Simulate(world, policy, valueless, 2).governed)[0];
  EXPECT_LE(none.low, 0);
  EXPECT_GE(none.high, 0);
  EXPECT_LT(none.lift, rows[0].low);
  // The company-wide group compares too, and without [control] nothing does.
  const Policy company = PolicyFrom("[control]\nholdout = 0.2\n");
  EXPECT_EQ(CompareControlGroups(world, company, Simulate(world, company, helps, 2).governed)
                .front()
                .team,
            "");
  EXPECT_TRUE(CompareControlGroups(world, PolicyFrom(""),
                                   Simulate(world, PolicyFrom(""), helps, 2).governed)
                  .empty());
}

TEST(RelevanceTest, ForeignLanguageFarEventsAndBumpsCount) {
  const World world = BuildWorld({.people = 400, .days = 28, .seed = 6});
  const ModelParams params;
  bool saw_foreign = false, saw_far = false;
  for (const SimTouch& touch : world.touches) {
    const double relevance = RelevanceOf(world, params, touch);
    ASSERT_GE(relevance, 0.0);
    ASSERT_LE(relevance, 1.0);
    const Campaign& campaign = world.campaigns[touch.campaign];
    const SimPerson& person = world.people[touch.person];
    const double interest = person.interest[static_cast<int>(campaign.topic)];
    if (campaign.event && person.profile.country == "US" && !touch.repeat) {
      // German, 6,000 km away: both multipliers apply.
      bool reads_german = false;
      for (const std::string& language : person.profile.languages) reads_german |= language == "de";
      if (!reads_german) {
        EXPECT_NEAR(relevance, interest * params.foreign_language * params.far_event, 1e-6);
        saw_foreign = saw_far = true;
      }
    }
  }
  EXPECT_TRUE(saw_foreign);
  EXPECT_TRUE(saw_far);
}

}  // namespace
}  // namespace tact::sim
