// `tact policy test`: the real binary on the default policy's own cases, on
// a policy that breaks one of them, and on cases that are malformed.
#include "cli_fixture.h"

namespace {

using tact::cli_testing::CliTest;
using tact::cli_testing::CommandResult;
namespace fs = std::filesystem;

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

}  // namespace
