// `tact policy test`: the real binary on the default policy's own cases, on
// a policy that breaks one of them, and on cases that are malformed.
#include <cstdio>
#include <cstring>

#include "cli_fixture.h"

namespace {

using tact::cli_testing::CliTest;
using tact::cli_testing::CommandResult;
namespace fs = std::filesystem;

// The summary's "sent" line for `count` touches, as `tact plan` prints it.
std::string SentLine(int count) {
  char line[64];
  std::snprintf(line, sizeof line, "  sent        %9d", count);
  return line;
}

constexpr char kEveningCase[] = R"([[case]]
name = "an evening offer waits for the morning"
person = { id = "p-de", time_zone = "Europe/Berlin", country = "DE", languages = ["de"], consent = { email = "opted_in" } }
touch = { channel = "email", kind = "promotional", language = "de", at = 2027-03-02T20:30:00Z }
expect = { decision = "defer", rules = ["quiet_hours"], not_before = 2027-03-03T08:00:00Z }
)";

TEST_F(CliTest, PolicyTestPassesTheDefaultPolicysOwnCases) {
  const CommandResult run =
      Tact("policy test " + Examples("policy.toml") + " " + Examples("policy.cases.toml"));
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("  ok    the same offer at 21:30 in Berlin waits for 09:00 there"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find(" cases: "), std::string::npos);
  EXPECT_EQ(run.out.find("FAIL"), std::string::npos) << run.out;
}

// Quiet hours moved to 22:00: the evening case now sends, and the failure
// says what was expected, what came, and why.
TEST_F(CliTest, PolicyTestShowsWhatDiffersWhenACaseFails) {
  std::string policy = tact::cli_testing::Slurp(Examples("policy.toml"));
  const size_t at = policy.find("weekdays = \"20:00-09:00\"");
  ASSERT_NE(at, std::string::npos);
  policy.replace(at, 24, "weekdays = \"22:00-09:00\"");
  const fs::path changed = Write("later.toml", policy);
  const fs::path cases = Write("cases.toml", kEveningCase);
  const CommandResult run = Tact("policy test " + changed.string() + " " + cases.string());
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.out.find("  FAIL  an evening offer waits for the morning (" + cases.string() +
                         ":1)\n          decision: expected defer, got send\n          rules: "
                         "expected [quiet_hours], got []\n          not_before: expected "
                         "2027-03-03T08:00:00Z, got none\n          the decision named no rule\n"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("1 cases: 0 passed, 1 failed"), std::string::npos) << run.out;
}

TEST_F(CliTest, PolicyTestNamesTheCaseAndFieldAtFault) {
  const fs::path malformed = Write("malformed.toml",
                                   "[[case]]\nname = \"x\"\ntouch = { channel = \"email\" }\n"
                                   "expect = { decision = \"sent\", rule = [] }\n");
  CommandResult run = Tact("policy test " + Examples("policy.toml") + " " + malformed.string());
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("case[0].expect.decision: 'sent'"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("case[0].expect.rule: unknown key"), std::string::npos) << run.err;

  const fs::path undecidable =
      Write("undecidable.toml",
            "[[case]]\nname = \"a fax\"\ntouch = { channel = \"fax\", kind = "
            "\"cold\", at = 2027-03-02T10:00:00Z }\nexpect = { decision = \"send\" }\n"
            "[[case]]\nname = \"no time\"\ntouch = { channel = \"email\", kind = "
            "\"cold\" }\nexpect = { decision = \"send\" }\n");
  run = Tact("policy test " + Examples("policy.toml") + " " + undecidable.string());
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find(undecidable.string() + ":1: case 'a fax': touch.channel: 'fax'"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find(":5: case 'no time': touch.at: a case needs a time"), std::string::npos)
      << run.err;
  EXPECT_NE(run.out.find("2 cases: 0 passed, 2 could not be decided"), std::string::npos)
      << run.out;
}

// The example calendars (examples/holidays/) named by a policy: Tag der
// Arbeit is quiet all day in Germany, Fronleichnam in Bavaria only, and the
// reason names the holiday.
TEST_F(CliTest, PolicyTestKeepsTheExampleHolidaysQuiet) {
  std::string policy = tact::cli_testing::Slurp(Examples("policy.toml"));
  const std::string zone = "default_time_zone = \"UTC\"\n";
  const size_t at = policy.find(zone);
  ASSERT_NE(at, std::string::npos);
  policy.insert(at + zone.size(), "holidays = { DE = \"" + Examples("holidays/de.ics") +
                                      "\", \"DE-BY\" = \"" + Examples("holidays/de-by.ics") +
                                      "\" }\n");
  const fs::path with_holidays = Write("holidays.toml", policy);
  const std::string person =
      "person = { id = \"p\", time_zone = \"Europe/Berlin\", country = \"DE\", region = \"%s\", "
      "languages = [\"de\"], consent = { email = \"opted_in\" } }\n";
  const auto with_region = [&](const char* region) {
    char text[512];
    std::snprintf(text, sizeof text, person.c_str(), region);
    return std::string(text);
  };
  const fs::path cases = Write(
      "cases.toml",
      "[[case]]\nname = \"Friday 30 April 2027 waits past Tag der Arbeit and the weekend\"\n" +
          with_region("BE") +
          "touch = { channel = \"email\", kind = \"relationship\", language = \"de\", at = "
          "2027-04-30T19:00:00Z }\nexpect = { decision = \"defer\", rules = [\"quiet_hours\"], "
          "not_before = 2027-05-03T07:00:00Z }\n"
          "[[case]]\nname = \"Fronleichnam is quiet in Bavaria\"\n" +
          with_region("BY") +
          "touch = { channel = \"email\", kind = \"relationship\", language = \"de\", at = "
          "2027-05-27T08:00:00Z }\nexpect = { decision = \"defer\", rules = [\"quiet_hours\"], "
          "not_before = 2027-05-28T07:00:00Z }\n"
          "[[case]]\nname = \"and not in Berlin\"\n" +
          with_region("BE") +
          "touch = { channel = \"email\", kind = \"relationship\", language = \"de\", at = "
          "2027-05-27T08:00:00Z }\nexpect = { decision = \"send\", rules = [] }\n");
  CommandResult run = Tact("policy check " + with_holidays.string());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  run = Tact("policy test " + with_holidays.string() + " " + cases.string());
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("3 cases: 3 passed"), std::string::npos) << run.out;
  // The sentence names the holiday.
  run = Tact("decide --policy " + with_holidays.string(),
             "{\"person\": {\"id\": \"p\", \"time_zone\": \"Europe/Berlin\", \"country\": \"DE\"}, "
             "\"touch\": {\"person_id\": \"p\", \"channel\": \"email\", \"kind\": "
             "\"transactional\", \"at\": \"2027-10-03T10:00:00Z\"}}");
  EXPECT_EQ(run.exit_code, 0) << run.err;  // transactional keeps no quiet hours
  run = Tact("decide --policy " + with_holidays.string(),
             "{\"person\": {\"id\": \"p\", \"time_zone\": \"Europe/Berlin\", \"country\": \"DE\", "
             "\"consent\": {\"email\": \"opted_in\"}}, \"touch\": {\"person_id\": \"p\", "
             "\"channel\": \"email\", \"kind\": \"relationship\", \"at\": "
             "\"2027-10-04T08:00:00Z\"}}");
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;  // Monday 4 October: no holiday
  run = Tact("decide --policy " + with_holidays.string(),
             "{\"person\": {\"id\": \"p\", \"time_zone\": \"Europe/Berlin\", \"country\": \"DE\", "
             "\"consent\": {\"email\": \"opted_in\"}}, \"touch\": {\"person_id\": \"p\", "
             "\"channel\": \"email\", \"kind\": \"relationship\", \"at\": "
             "\"2027-12-24T10:00:00Z\"}}");
  EXPECT_EQ(run.exit_code, 0) << run.out;  // Christmas Eve is no public holiday
  run = Tact("decide --policy " + with_holidays.string(),
             "{\"person\": {\"id\": \"p\", \"time_zone\": \"Europe/Berlin\", \"country\": \"DE\", "
             "\"consent\": {\"email\": \"opted_in\"}}, \"touch\": {\"person_id\": \"p\", "
             "\"channel\": \"email\", \"kind\": \"relationship\", \"at\": "
             "\"2028-12-25T10:00:00Z\"}}");
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("1. Weihnachtstag, a public holiday where they live"), std::string::npos)
      << run.out;
}

TEST_F(CliTest, PolicyDiffListsWhatChangesInMeaning) {
  const std::string policy = tact::cli_testing::Slurp(Examples("policy.toml"));
  std::string stricter = policy;
  const size_t at = stricter.find("weekdays = \"20:00-09:00\"");
  ASSERT_NE(at, std::string::npos);
  stricter.replace(at, 24, "weekdays = \"19:00-09:00\"");
  const fs::path changed = Write("stricter.toml", stricter);
  CommandResult run = Tact("policy diff " + Examples("policy.toml") + " " + changed.string());
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.out.find("1 change in meaning from "), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("  ~ quiet_hours\n      before: quiet 20:00-09:00 on weekdays"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("      after:  quiet 19:00-09:00 on weekdays"), std::string::npos);

  const fs::path commented = Write("commented.toml", "# reviewed in March\n" + policy);
  run = Tact("policy diff " + Examples("policy.toml") + " " + commented.string());
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("mean the same (they differ only in comments, layout or spelling)"),
            std::string::npos)
      << run.out;

  run = Tact("policy diff " + Examples("policy.toml") + " " + (dir_ / "missing.toml").string());
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("missing.toml"), std::string::npos) << run.err;
}

// The demo campaign under the default policy and under one that allows two
// touches a week instead of three: fewer sends, each group's counts under
// both, and the same policy compared with itself moves nothing.
TEST_F(CliTest, PlanCompareShowsWhatAStricterPolicyChangesPerTeamAndCampaign) {
  const fs::path demo = dir_ / "demo";
  ASSERT_EQ(Tact("demo-data --people 1000 --out " + demo.string()).exit_code, 0);
  std::string stricter = tact::cli_testing::Slurp(Examples("policy.toml"));
  const size_t at = stricter.find("window = \"7d\"\nmax = 3");
  ASSERT_NE(at, std::string::npos);
  stricter.replace(at, std::strlen("window = \"7d\"\nmax = 3"), "window = \"7d\"\nmax = 2");
  const fs::path changed = Write("stricter.toml", stricter);
  const std::string plan = "plan --policy " + Examples("policy.toml") + " --people " +
                           (demo / "people.csv").string() + " --accounts " +
                           (demo / "accounts.csv").string() + " --touches " +
                           (demo / "touches.csv").string();
  CommandResult run = Tact(plan + " --compare " + changed.string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const size_t compared = run.out.find("tact plan --compare: the same ");
  ASSERT_NE(compared, std::string::npos) << run.out;
  int before_sent = 0, after_sent = 0, changed_count = 0;
  const size_t total = run.out.find("  all touches", compared);
  ASSERT_NE(total, std::string::npos);
  ASSERT_EQ(std::sscanf(run.out.c_str() + total, "  all touches %d -> %d %*d -> %*d %*d -> %*d %d",
                        &before_sent, &after_sent, &changed_count),
            3)
      << run.out.substr(total, 120);
  EXPECT_LT(after_sent, before_sent);
  EXPECT_GT(changed_count, 0);
  // The "before" column is the plan's own summary.
  EXPECT_NE(run.out.find(SentLine(before_sent)), std::string::npos) << run.out;
  for (const char* expected : {"By team", "product-marketing", "By campaign", "routing-launch",
                               "What moved: ", "send -> suppress"}) {
    EXPECT_NE(run.out.find(expected, compared), std::string::npos) << expected << "\n" << run.out;
  }

  run = Tact(plan + " --compare " + Examples("policy.toml"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("What moved: nothing"), std::string::npos) << run.out;

  run = Tact(plan + " --compare " + (dir_ / "missing.toml").string());
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("--compare: "), std::string::npos) << run.err;
}

}  // namespace
