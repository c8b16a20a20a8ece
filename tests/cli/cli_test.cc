// Runs the real `tact` binary on examples/ and on broken inputs.
#include "cli_fixture.h"

namespace {

using tact::cli_testing::CliTest;
using tact::cli_testing::CommandResult;
using tact::cli_testing::Slurp;
namespace fs = std::filesystem;

TEST_F(CliTest, PolicyCheckAcceptsTheDefaultPolicy) {
  const CommandResult run = Tact("policy check " + Examples("policy.toml"));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("policy.toml: ok (6 budgets"), std::string::npos) << run.out;
}

TEST_F(CliTest, PolicyCheckListsEveryError) {
  const fs::path policy =
      Write("bad.toml",
            "[[budget]]\nscope = \"all\"\nwindow = \"week\"\nmax = -2\n[tiers]\ncold = 2.0\n");
  const CommandResult run = Tact("policy check " + policy.string());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find(policy.string() + ":3:10: budget[1].window: 'week' is not a span"),
            std::string::npos)
      << run.err;
  EXPECT_NE(
      run.err.find(policy.string() + ":4:7: budget[1].max: must be between 0 and 100000 (got -2)"),
      std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find(":6:8: tiers.cold: reserves more than the whole budget"),
            std::string::npos)
      << run.err;
}

TEST_F(CliTest, DecideExitCodesFollowTheDecision) {
  const std::string person =
      R"("person": {"id": "p-1", "time_zone": "Europe/Berlin", "consent": {"email": "opted_in"}})";
  CommandResult run = Tact(
      "decide --policy " + Examples("policy.toml"),
      "{" + person +
          R"(, "touch": {"person_id": "p-1", "channel": "email", "kind": "promotional", "at": "2027-03-02T10:00:00Z"}})");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find(R"("decision":"send")"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(R"("rule":"budget.all.7d","scope":"all","window":"7d","used":1,"max":3)"),
            std::string::npos)
      << run.out;

  run = Tact(
      "decide",
      "{" + person +
          R"(, "touch": {"person_id": "p-1", "channel": "email", "kind": "promotional", "at": "2027-03-02T21:30:00Z"}})");
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find(R"("not_before":"2027-03-03T08:00:00Z")"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(R"("rule":"quiet_hours")"), std::string::npos) << run.out;

  run = Tact(
      "decide",
      "{" + person +
          R"(, "touch": {"person_id": "p-1", "channel": "sms", "kind": "promotional", "at": "2027-03-02T10:00:00Z"}})");
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.out.find(R"("rule":"consent.sms")"), std::string::npos) << run.out;
}

TEST_F(CliTest, DecideCountsTheHistoryItIsGiven) {
  const CommandResult run =
      Tact("decide", R"({"person": {"id": "p-1", "consent": {"email": "opted_in"}},
    "history": [{"at": "2027-03-01T10:00:00Z", "channel": "email", "kind": "promotional"}],
    "touch": {"person_id": "p-1", "channel": "email", "kind": "promotional", "at": "2027-03-01T18:00:00Z"}})");
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.out.find(R"("rule":"budget.all.1d")"), std::string::npos) << run.out;
}

TEST_F(CliTest, DecideNamesTheBadField) {
  CommandResult run = Tact(
      "decide",
      R"({"person": {"id": "p-1"}, "touch": {"person_id": "p-1", "channel": "fax", "kind": "cold"}})");
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("touch.channel: 'fax' is not a channel"), std::string::npos) << run.err;
  run = Tact("decide", R"({"person": {"id": "p-1"}, "touch": {}})");
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(
      run.err.find(
          "touch.person_id: is required; touch.channel: is required; touch.kind: is required"),
      std::string::npos)
      << run.err;
  run = Tact("decide", "{not json");
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("stdin: not valid JSON"), std::string::npos) << run.err;
  run = Tact("decide", R"({"person": {"id": "p-1"}})");
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("touch: is required"), std::string::npos) << run.err;
  run = Tact("decide --now yesterday", "{}");
  EXPECT_EQ(run.exit_code, 64);
}

TEST_F(CliTest, DemoDataIsDeterministic) {
  ASSERT_EQ(Tact("demo-data --people 300 --seed 7 --out " + (dir_ / "a").string()).exit_code, 0);
  ASSERT_EQ(Tact("demo-data --people 300 --seed 7 --out " + (dir_ / "b").string()).exit_code, 0);
  ASSERT_EQ(Tact("demo-data --people 300 --seed 8 --out " + (dir_ / "c").string()).exit_code, 0);
  for (const char* file : {"people.csv", "accounts.csv", "touches.csv"}) {
    EXPECT_EQ(Slurp(dir_ / "a" / file), Slurp(dir_ / "b" / file)) << file;
    EXPECT_NE(Slurp(dir_ / "a" / file), Slurp(dir_ / "c" / file)) << file;
  }
}

TEST_F(CliTest, SimulateComparesGovernedWithUngovernedPerTeam) {
  const fs::path page = dir_ / "sim.html";
  const CommandResult run =
      Tact("simulate --people 500 --days 28 --seed 3 --html " + page.string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* team : {"marketing", "product-marketing", "field-marketing", "growth", "sales",
                           "customer-success", "total"}) {
    EXPECT_NE(run.out.find(std::string("\n") + team + " "), std::string::npos) << team;
  }
  EXPECT_NE(run.out.find("gone silent"), std::string::npos);
  // Researched against scripted sellers, with brief.hypothesis off and on.
  for (const char* row :
       {"\nresearched  ungoverned ", "\nresearched  brief.hypothesis off ",
        "\nresearched  brief.hypothesis on ", "\nscripted    ungoverned ",
        "\nscripted    brief.hypothesis off ", "\nscripted    brief.hypothesis on "}) {
    EXPECT_NE(run.out.find(row), std::string::npos) << row;
  }
  // Deterministic for a seed: the same table again.
  const CommandResult again = Tact("simulate --people 500 --days 28 --seed 3");
  const auto table = [](const std::string& out) {
    const size_t begin = out.find("team");
    return out.substr(begin, out.find("(ungoverned") - begin);
  };
  EXPECT_EQ(table(again.out), table(run.out));
  const std::string html = Slurp(page);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("class=\"governed\""), std::string::npos);
  EXPECT_NE(html.find("fatigue_half_life_days"), std::string::npos);
  EXPECT_NE(html.find("Researched against scripted sellers"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);  // opens offline, nothing to run
}

TEST_F(CliTest, SimulateNamesABadModelParameter) {
  const CommandResult unknown =
      Tact("simulate --people 100 --days 7 --params " + Write("m.toml", "fatigue = 2\n").string());
  EXPECT_EQ(unknown.exit_code, 3);
  EXPECT_NE(unknown.err.find("fatigue: unknown parameter"), std::string::npos) << unknown.err;
  const CommandResult range = Tact("simulate --people 100 --days 7 --params " +
                                   Write("r.toml", "reply_base = 3\n").string());
  EXPECT_EQ(range.exit_code, 3);
  EXPECT_NE(range.err.find("reply_base: must be a number from 0 to 1"), std::string::npos);
  EXPECT_EQ(Tact("simulate --people 5").exit_code, 64);  // below the documented minimum
}

TEST_F(CliTest, PlanSummarisesTheDemoCampaign) {
  const fs::path demo = dir_ / "demo";
  ASSERT_EQ(Tact("demo-data --people 2000 --out " + demo.string()).exit_code, 0);
  const CommandResult run = Tact(
      "plan --policy " + Examples("policy.toml") + " --people " + (demo / "people.csv").string() +
      " --accounts " + (demo / "accounts.csv").string() + " --touches " +
      (demo / "touches.csv").string() + " --out " + (dir_ / "decisions.csv").string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* expected :
       {"sent", "suppressed", "quiet_hours", "budget.all.1d", "priority.reserve", "icp.fit",
        "consent.sms", "max_delay", "sender.7d", "health.", "relevance.language",
        "relevance.region", "content.bump", "content.repeat", "By campaign", "berlin-summit",
        "By sender"}) {
    EXPECT_NE(run.out.find(expected), std::string::npos) << expected << "\n" << run.out;
  }
  // One decision row per proposed touch, plus the header.
  const std::string touches = Slurp(demo / "touches.csv");
  const std::string decisions = Slurp(dir_ / "decisions.csv");
  EXPECT_GT(std::count(decisions.begin(), decisions.end(), '\n'), 2000);
  EXPECT_EQ(
      decisions.rfind("line,person_id,channel,kind,team,campaign,sender,tool,thread,step,asked_at,"
                      "decision,decided_at,deferrals,deferred_by,suppressed_by,message",
                      0),
      0u);
  EXPECT_TRUE(run.err.empty()) << run.err;
  (void)touches;
}

TEST_F(CliTest, PlanReportsBadRowsAndSkipsThem) {
  const fs::path people =
      Write("people.csv",
            "id,time_zone,consent_email\np-1,Europe/Berlin,opted_in\np-2,Nowhere/City,opted_in\n");
  const fs::path touches = Write(
      "touches.jsonl",
      R"({"person_id": "p-1", "channel": "email", "kind": "promotional", "at": "2027-03-02T10:00:00Z"})"
      "\n"
      R"({"person_id": "p-1", "channel": "email", "kind": "promo", "at": "2027-03-02T10:00:00Z"})"
      "\n"
      R"({"person_id": "p-9", "channel": "email", "kind": "cold", "at": "2027-03-02T10:00:00Z"})"
      "\n"
      R"({"person_id": "p-1", "channel": "email", "kind": "cold"})"
      "\n{broken\n");
  CommandResult run = Tact("plan --people " + people.string() + " --touches " + touches.string());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(
      run.err.find(people.string() + ":3: time_zone: 'Nowhere/City' is not a known IANA time zone"),
      std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find(touches.string() + ":2: kind: 'promo' is not a kind"), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find(touches.string() + ":3: person_id: 'p-9' is not in"), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find(touches.string() + ":4: at: is required for tact plan"), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find(touches.string() + ":5: not valid JSON"), std::string::npos) << run.err;
  EXPECT_NE(run.out.find("1 proposed touches"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("5 bad row(s) skipped"), std::string::npos) << run.out;
  // The touches are read while the people are, and checked against them
  // after: the bad rows still come in the order one reader meets them.
  size_t from = 0;
  for (const std::string& message :
       {people.string() + ":3:", touches.string() + ":2:", touches.string() + ":3:",
        touches.string() + ":4:", touches.string() + ":5:"}) {
    const size_t at = run.err.find(message);
    ASSERT_NE(at, std::string::npos) << message << "\n" << run.err;
    EXPECT_GE(at, from) << message << " comes too early:\n" << run.err;
    from = at;
  }

  run = Tact("plan --strict --people " + people.string() + " --touches " + touches.string());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find(":3: time_zone"), std::string::npos) << run.err;
  EXPECT_EQ(run.out.find("proposed touches"), std::string::npos) << run.out;

  // A strict run stops at the first bad row, a person unknown to the
  // people file before a row that does not decode.
  const fs::path unknown_first = Write(
      "unknown-first.jsonl",
      R"({"person_id": "p-9", "channel": "email", "kind": "cold", "at": "2027-03-02T10:00:00Z"})"
      "\n{broken\n");
  const fs::path good_people =
      Write("good.csv", "id,time_zone,consent_email\np-1,Europe/Berlin,opted_in\n");
  run = Tact("plan --strict --people " + good_people.string() + " --touches " +
             unknown_first.string());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, unknown_first.string() + ":1: person_id: 'p-9' is not in " +
                         good_people.string() + "\n");
}

// The default policy's [send_time]: with --at-best a touch asked on Tuesday
// afternoon goes when a person without data of their own most likely reads
// (the working week's 09:00 the next morning, in Berlin).
TEST_F(CliTest, PlanAtBestSendsWhenThePersonMostLikelyReads) {
  const fs::path people =
      Write("people.csv", "id,time_zone,consent_email\np-1,Europe/Berlin,opted_in\n");
  const fs::path touches = Write(
      "touches.jsonl",
      R"({"person_id": "p-1", "channel": "email", "kind": "promotional", "at": "2027-03-02T14:30:00Z"})"
      "\n");
  const std::string args = "plan --people " + people.string() + " --touches " + touches.string();
  CommandResult run = Tact(args + " --out " + (dir_ / "asked.csv").string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(Slurp(dir_ / "asked.csv").find(",send,2027-03-02T14:30:00Z,0,"), std::string::npos)
      << Slurp(dir_ / "asked.csv");
  run = Tact(args + " --at-best --out " + (dir_ / "best.csv").string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(Slurp(dir_ / "best.csv").find(",send,2027-03-03T08:00:00Z,1,send_time.best,"),
            std::string::npos)
      << Slurp(dir_ / "best.csv");
}

TEST_F(CliTest, PlanWithAMissingFileSaysWhich) {
  const CommandResult run =
      Tact("plan --people /nonexistent/people.csv --touches /nonexistent/t.csv");
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("/nonexistent/people.csv: cannot open the file"), std::string::npos)
      << run.err;
  const fs::path people =
      Write("people.csv", "id,time_zone,consent_email\np-1,Europe/Berlin,opted_in\n");
  const CommandResult touches =
      Tact("plan --people " + people.string() + " --touches /nonexistent/t.csv");
  EXPECT_EQ(touches.exit_code, 3);
  EXPECT_EQ(touches.err, "/nonexistent/t.csv: cannot open the file\n") << touches.err;
}

TEST_F(CliTest, UsageErrorsExit64) {
  EXPECT_EQ(Tact("plan --people").exit_code, 64);
  EXPECT_EQ(Tact("no-such-command").exit_code, 64);
  EXPECT_EQ(Tact("--help").exit_code, 0);
}

}  // namespace
