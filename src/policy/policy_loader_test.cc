#include "policy/policy_loader.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "content/text.h"
#include "core/minutes.h"
#include "testing/fixtures.h"

namespace tact {
namespace {

std::string ErrorsOf(const std::string& toml, const PolicyFileReader& read_file = NoPolicyFiles()) {
  auto policy = LoadPolicyFromString(toml, "p.toml", read_file);
  EXPECT_FALSE(policy.ok()) << "expected the policy to be rejected:\n" << toml;
  return policy.ok() ? "" : std::string(policy.status().message());
}

TEST(PolicyLoaderTest, DefaultPolicyLoads) {
  auto policy = LoadPolicyFromString(DefaultPolicyText(), "default.toml");
  ASSERT_TRUE(policy.ok()) << policy.status().message();
  EXPECT_EQ(policy->budgets.size(), 6u);
  EXPECT_EQ(policy->budgets[0].rule_id, "budget.all.1d");
  EXPECT_EQ(policy->budgets[1].rule_id, "budget.all.7d");
  EXPECT_EQ(policy->budgets[3].rule_id, "budget.sms.30d");
  EXPECT_EQ(policy->budgets[5].rule_id, "budget.cold.30d");
  EXPECT_EQ(policy->gaps.at(0).rule_id, "gap.all");
  EXPECT_EQ(policy->sender.rule_id, "sender.7d");
  EXPECT_EQ(policy->followups.max_unanswered, 2);
  EXPECT_TRUE(policy->quiet_hours_enabled);
  EXPECT_FALSE(policy->RulesFor(Kind::kTransactional).budgets);
  EXPECT_TRUE(policy->RulesFor(Kind::kCold).requires_icp);
  EXPECT_EQ(policy->retention, absl::Hours(24 * 90));
}

TEST(PolicyLoaderTest, UnknownKeyNamesLineColumnAndSuggestion) {
  const std::string errors = ErrorsOf("[[budget]]\nscope = \"all\"\nwindow = \"7d\"\nmaxx = 3\n");
  EXPECT_NE(errors.find("p.toml:4:1: budget[1].maxx: unknown key (did you mean 'max'?)"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("budget[1].max: is required"), std::string::npos) << errors;
}

TEST(PolicyLoaderTest, CheckUnknownPersonIsDecideOrSuppress) {
  EXPECT_FALSE(LoadPolicyFromString("", "p.toml")->check_suppresses_unknown);
  EXPECT_TRUE(LoadPolicyFromString("[check]\nunknown_person = \"suppress\"\n", "p.toml")
                  ->check_suppresses_unknown);
  const std::string errors = ErrorsOf("[check]\nunknown_person = \"ask\"\nother = 1\n");
  EXPECT_NE(errors.find("check.unknown_person: 'ask' is not a choice; use \"decide\" or "
                        "\"suppress\""),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("check.other: unknown key"), std::string::npos) << errors;
}

TEST(PolicyLoaderTest, ChoicesListWhatIsAllowed) {
  const std::string errors = ErrorsOf(
      "[relevance]\nlanguage = \"always\"\nevent_region = \"planet\"\n"
      "[content]\nmass_template = { window = \"90d\" }\n");
  EXPECT_NE(errors.find("p.toml:2:12: relevance.language: 'always' is not a choice; use "
                        "\"required\" or \"off\""),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("relevance.event_region: 'planet' is not a choice; use \"country\", "
                        "\"subcontinent\", \"continent\" or \"world\""),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("content.mass_template.max_recipients: is required"), std::string::npos)
      << errors;
  EXPECT_NE(errors.find("content.mass_template.window: must be between 1d and 60d"),
            std::string::npos)
      << errors;
}

TEST(PolicyLoaderTest, WhatAKindAnswersWhenTheStateIsUnavailable) {
  const Policy defaults = testing::PolicyFrom("");
  EXPECT_EQ(defaults.RulesFor(Kind::kPromotional).when_unavailable, WhenUnavailable::kDefer);
  EXPECT_EQ(defaults.RulesFor(Kind::kCold).when_unavailable, WhenUnavailable::kDefer);
  EXPECT_EQ(defaults.RulesFor(Kind::kRelationship).when_unavailable, WhenUnavailable::kRetry);
  EXPECT_EQ(defaults.RulesFor(Kind::kTransactional).when_unavailable, WhenUnavailable::kRetry);
  const Policy chosen = testing::PolicyFrom("[kinds]\npromotional = { unavailable = \"retry\" }\n");
  EXPECT_EQ(chosen.RulesFor(Kind::kPromotional).when_unavailable, WhenUnavailable::kRetry);
  const std::string errors = ErrorsOf("[kinds]\ncold = { unavailable = \"send\" }\n");
  EXPECT_NE(errors.find("kinds.cold.unavailable: 'send' is not a choice; use \"defer\" or "
                        "\"retry\""),
            std::string::npos)
      << errors;
}

TEST(PolicyLoaderTest, UnknownSectionIsRejected) {
  const std::string errors = ErrorsOf("[quiet_hour]\nweekdays = \"20:00-09:00\"\n");
  EXPECT_NE(errors.find("p.toml:1:2: quiet_hour: unknown key (did you mean 'quiet_hours'?)"),
            std::string::npos)
      << errors;
}

TEST(PolicyLoaderTest, SendTimeDefaultsAndBadValues) {
  const Policy off = testing::PolicyFrom("");
  EXPECT_FALSE(off.send_time.enabled);
  EXPECT_FALSE(off.send_time.AppliesTo(Kind::kPromotional, Channel::kEmail));
  const Policy on = testing::PolicyFrom("[send_time]\n");
  EXPECT_EQ(on.send_time.horizon_minutes, 24 * 60);
  EXPECT_TRUE(on.send_time.AppliesTo(Kind::kCold, Channel::kPush));
  EXPECT_FALSE(on.send_time.AppliesTo(Kind::kTransactional, Channel::kEmail));
  EXPECT_FALSE(on.send_time.AppliesTo(Kind::kPromotional, Channel::kCall));
  const Policy narrow = testing::PolicyFrom(
      "[send_time]\nhorizon = \"6h\"\napplies_to = [\"cold\"]\nchannels = [\"email\"]\n");
  EXPECT_EQ(narrow.send_time.horizon_minutes, 6 * 60);
  EXPECT_FALSE(narrow.send_time.AppliesTo(Kind::kPromotional, Channel::kEmail));
  EXPECT_FALSE(narrow.send_time.AppliesTo(Kind::kCold, Channel::kSms));
  const std::string errors = ErrorsOf(
      "[send_time]\nhorizon = \"30d\"\nchannels = [\"fax\"]\napplies_to = [\"promo\"]\nbest = 1\n");
  for (const char* expected :
       {"p.toml:2:11: send_time.horizon: '720h' is out of range; best_at looks between 1h and 7d "
        "ahead",
        "p.toml:3:12: send_time.channels: 'fax' is not a channel; use email, sms, push",
        "p.toml:4:14: send_time.applies_to: 'promo' is not a kind; use transactional",
        "send_time.best: unknown key"}) {
    EXPECT_NE(errors.find(expected), std::string::npos) << expected << "\n" << errors;
  }
}

TEST(PolicyLoaderTest, NegativeLimitIsRejected) {
  const std::string errors = ErrorsOf("[[budget]]\nscope = \"all\"\nwindow = \"7d\"\nmax = -1\n");
  EXPECT_NE(errors.find("p.toml:4:7: budget[1].max: must be between 0 and 100000 (got -1)"),
            std::string::npos)
      << errors;
}

TEST(PolicyLoaderTest, WindowThatDoesNotParse) {
  const std::string errors =
      ErrorsOf("[[budget]]\nscope = \"all\"\nwindow = \"7 days\"\nmax = 3\n");
  EXPECT_NE(errors.find("p.toml:3:10: budget[1].window: '7 days' is not a span"), std::string::npos)
      << errors;
}

TEST(PolicyLoaderTest, UnknownTimeZone) {
  const std::string errors =
      ErrorsOf("[quiet_hours]\nweekdays = \"20:00-09:00\"\ndefault_time_zone = \"Europe/Berln\"\n");
  EXPECT_NE(errors.find("p.toml:3:21: quiet_hours.default_time_zone: 'Europe/Berln' is not a known "
                        "IANA time zone"),
            std::string::npos)
      << errors;
}

TEST(PolicyLoaderTest, TierReservingMoreThanTheBudget) {
  const std::string errors = ErrorsOf("[tiers]\npromotional = 1.5\ncold = 0\n");
  EXPECT_NE(errors.find("p.toml:2:15: tiers.promotional: reserves more than the whole budget"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("p.toml:3:8: tiers.cold: must be above 0"), std::string::npos) << errors;
}

TEST(PolicyLoaderTest, ReportsEveryErrorNotJustTheFirst) {
  const std::string errors = ErrorsOf(R"([[budget]]
scope = "fax"
window = "1y"
max = 3
[sender]
window = "7d"
max = "one"
[quiet_hours]
weekdays = "25:00-09:00"
channels = ["email", "pigeon"]
)");
  EXPECT_NE(errors.find("budget[1].scope: 'fax' is not a scope"), std::string::npos) << errors;
  EXPECT_NE(errors.find("budget[1].window: '1y' is not a span"), std::string::npos) << errors;
  EXPECT_NE(errors.find("sender.max: must be a whole number"), std::string::npos) << errors;
  EXPECT_NE(errors.find("quiet_hours.weekdays: '25:00-09:00' is not a quiet window"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("quiet_hours.channels: 'pigeon' is not a channel"), std::string::npos)
      << errors;
}

TEST(PolicyLoaderTest, QuietHoursThatLeaveNoTime) {
  const std::string errors =
      ErrorsOf("[quiet_hours]\nweekdays = \"all-day\"\nweekends = \"all-day\"\n");
  EXPECT_NE(errors.find("quiet_hours: leaves no time in the week"), std::string::npos) << errors;
}

TEST(PolicyLoaderTest, SyntaxErrorHasALocation) {
  const std::string errors = ErrorsOf("[budget\nscope = 1\n");
  EXPECT_EQ(errors.rfind("p.toml:1:", 0), 0u) << errors;
}

TEST(PolicyLoaderTest, DuplicateBudgetIsRejected) {
  const std::string errors = ErrorsOf(
      "[[budget]]\nscope = \"all\"\nwindow = \"7d\"\nmax = 3\n"
      "[[budget]]\nscope = \"all\"\nwindow = \"7d\"\nmax = 4\n");
  EXPECT_NE(errors.find("repeats budget.all.7d"), std::string::npos) << errors;
}

TEST(PolicyLoaderTest, IcpRuleNeedsExactlyOneTest) {
  const std::string errors =
      ErrorsOf("[icp]\nthreshold = 0.5\nrules = [{ attribute = \"industry\", weight = 1 }]\n");
  EXPECT_NE(errors.find("icp.rules[1]: needs exactly one of 'in'"), std::string::npos) << errors;
}

// The loader reads no file: what a policy names comes from its caller.
PolicyFileReader OneFile(std::string name, std::string text) {
  return [name, text](absl::string_view asked) -> absl::StatusOr<PolicyFile> {
    if (asked != name) return absl::NotFoundError(absl::StrCat("no file '", asked, "'"));
    return PolicyFile{absl::StrCat("/given/", name), text};
  };
}

TEST(PolicyLoaderTest, ALexiconComesFromTheCallersReader) {
  auto policy = LoadPolicyFromString("[content]\nlexicon = \"mine.toml\"\n", "p.toml",
                                     OneFile("mine.toml", "[en]\nbump = [\"gentle nudge\"]\n"));
  ASSERT_TRUE(policy.ok()) << policy.status();
  ASSERT_NE(policy->content.lexicon, nullptr);
  EXPECT_TRUE(policy->content.lexicon->FindBump(NormalizeText("a gentle nudge on this").plain));
  EXPECT_FALSE(policy->content.lexicon->FindBump(NormalizeText("just checking in").plain))
      << "the named lexicon replaces the built-in one";
}

TEST(PolicyLoaderTest, HolidayCalendarsAreNamedByCountryOrRegionAndCheckedAtLoad) {
  const std::string quiet = "[quiet_hours]\nweekdays = \"20:00-09:00\"\n";
  const std::string calendar =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a@x\r\n"
      "DTSTART;VALUE=DATE:20271003\r\nSUMMARY:Tag der Deutschen Einheit\r\nEND:VEVENT\r\n"
      "END:VCALENDAR\r\n";
  auto policy = LoadPolicyFromString(quiet + "holidays = { \"DE-BE\" = \"de.ics\" }\n", "p.toml",
                                     OneFile("de.ics", calendar));
  ASSERT_TRUE(policy.ok()) << policy.status();
  ASSERT_TRUE(policy->quiet_hours.holidays.contains("DE-BE"));
  EXPECT_EQ(policy->quiet_hours.holidays.at("DE-BE")->size(), 1u);

  const std::string errors = ErrorsOf(
      quiet + "holidays = { Germany = \"de.ics\", FR = \"fr.ics\", AT = 3, CH = \"bad.ics\" }\n",
      [&](absl::string_view name) -> absl::StatusOr<PolicyFile> {
        if (name == "bad.ics") return PolicyFile{"/given/bad.ics", "not a calendar"};
        return absl::NotFoundError(absl::StrCat("cannot open '", name, "'"));
      });
  for (const char* expected :
       {"quiet_hours.holidays.Germany: must be a country (ISO 3166-1, \"DE\") or a region",
        "quiet_hours.holidays.FR: cannot open 'fr.ics'",
        "quiet_hours.holidays.AT: must be the name of an iCalendar file",
        "quiet_hours.holidays.CH: /given/bad.ics: not an iCalendar file"}) {
    EXPECT_NE(errors.find(expected), std::string::npos) << expected << "\n" << errors;
  }
}

TEST(PolicyLoaderTest, ALexiconTheReaderCannotGiveIsAnErrorAtItsKey) {
  const std::string errors =
      ErrorsOf("[content]\nlexicon = \"gone.toml\"\n", OneFile("mine.toml", ""));
  EXPECT_NE(errors.find("p.toml:2:11: content.lexicon: no file 'gone.toml'"), std::string::npos)
      << errors;
}

TEST(PolicyLoaderTest, ALexiconWithProblemsIsReportedWhereTheReaderFoundIt) {
  const std::string errors = ErrorsOf("[content]\nlexicon = \"mine.toml\"\n",
                                      OneFile("mine.toml", "[en]\nwords = [\"x\"]\n"));
  EXPECT_NE(errors.find("content.lexicon: /given/mine.toml:2:1: en.words: unknown key"),
            std::string::npos)
      << errors;
}

TEST(PolicyLoaderTest, WithoutAReaderAPolicyMayNameNoFile) {
  const std::string errors = ErrorsOf("[content]\nlexicon = \"/etc/passwd\"\n");
  EXPECT_NE(errors.find("content.lexicon: cannot read '/etc/passwd': this policy may not name "
                        "files"),
            std::string::npos)
      << errors;
}

TEST(SpanTest, ParsesUnitsAndRejectsTheRest) {
  EXPECT_EQ(*ParseSpan("90m"), absl::Minutes(90));
  EXPECT_EQ(*ParseSpan("20h"), absl::Hours(20));
  EXPECT_EQ(*ParseSpan("7d"), absl::Hours(168));
  EXPECT_EQ(*ParseSpan("2w"), absl::Hours(336));
  for (const char* bad : {"", "d", "0d", "-1d", "1.5d", "7", "7x", "d7"}) {
    EXPECT_FALSE(ParseSpan(bad).ok()) << bad;
  }
  EXPECT_EQ(FormatSpan(absl::Hours(168)), "7d");
  EXPECT_EQ(FormatSpan(absl::Hours(20)), "20h");
  EXPECT_EQ(FormatSpan(absl::Minutes(90)), "90m");
}

}  // namespace
}  // namespace tact
