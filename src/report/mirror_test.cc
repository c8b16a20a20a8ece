#include "report/mirror.h"

#include <gtest/gtest.h>

#include "report/days.h"
#include "report/report_query.h"
#include "store/mirror_day_codec.h"

namespace tact {
namespace {

constexpr Day kMonday = 20878;  // 2027-03-01

Decision Answer(Outcome outcome, std::vector<absl::string_view> rules = {}) {
  Decision decision;
  decision.outcome = outcome;
  for (absl::string_view rule : rules) {
    Reason reason;
    reason.rule = rule;
    decision.reasons.push_back(reason);
  }
  return decision;
}

MirrorSource From(absl::string_view team, absl::string_view campaign, absl::string_view sender,
                  Channel channel = Channel::kEmail) {
  return MirrorSource{team, campaign, sender, "hubspot", channel};
}

TEST(MirrorTest, CountsEachAnswerAndTheRulesThatHeldItBack) {
  Mirror mirror;
  const MirrorSource launch = From("marketing", "launch", "news@acme.example");
  mirror.CountDecision(launch, kMonday, Answer(Outcome::kSend));
  mirror.CountDecision(launch, kMonday, Answer(Outcome::kDefer, {"budget.all.7d", "quiet_hours"}));
  mirror.CountDecision(launch, kMonday, Answer(Outcome::kDefer, {"quiet_hours"}));
  // Two reasons from one rule count once.
  mirror.CountDecision(launch, kMonday,
                       Answer(Outcome::kSuppress, {"consent.email", "consent.email"}));

  const MirrorCounts total = mirror.Total(MirrorFilter{});
  EXPECT_EQ(total[Measure::kAsked], 4);
  EXPECT_EQ(total[Measure::kSent], 1);
  EXPECT_EQ(total[Measure::kDeferred], 2);
  EXPECT_EQ(total[Measure::kSuppressed], 1);
  EXPECT_EQ(total.deferred_by_rule.at("quiet_hours"), 2);
  EXPECT_EQ(total.deferred_by_rule.at("budget.all.7d"), 1);
  EXPECT_EQ(total.suppressed_by_rule.at("consent.email"), 1);
  EXPECT_FALSE(total.suppressed_by_rule.contains("quiet_hours"));
  EXPECT_EQ(mirror.cells(), 1u);
}

TEST(MirrorTest, OutcomesCountForTheCampaignAndSenderOfTheirTouch) {
  Mirror mirror;
  const MirrorSource researched = From("sales", "q1-outbound", "ana@acme.example");
  const MirrorSource scripted = From("sales", "q1-blast", "bob@acme.example");
  for (int i = 0; i < 10; ++i) mirror.CountDecision(researched, kMonday, Answer(Outcome::kSend));
  for (int i = 0; i < 40; ++i) mirror.CountDecision(scripted, kMonday, Answer(Outcome::kSend));
  mirror.CountOutcome(researched, kMonday, Measure::kReplied);
  mirror.CountOutcome(researched, kMonday, Measure::kReplied);
  mirror.CountOutcome(researched, kMonday, Measure::kMeetings);
  mirror.CountOutcome(scripted, kMonday, Measure::kReplied);
  mirror.CountOutcome(scripted, kMonday, Measure::kUnsubscribed);
  mirror.CountOutcome(scripted, kMonday, Measure::kComplained);

  const std::vector<LeagueRow> senders = mirror.League(Dimension::kSender, MirrorFilter{});
  ASSERT_EQ(senders.size(), 2u);
  EXPECT_EQ(senders[0].name, "ana@acme.example");
  EXPECT_EQ(senders[0].counts[Measure::kReplied], 2);
  EXPECT_EQ(senders[0].counts[Measure::kMeetings], 1);
  EXPECT_DOUBLE_EQ(senders[0].counts.ValuePer100(), 30.0);  // 3 of 10
  EXPECT_DOUBLE_EQ(senders[0].counts.HarmPer1000(), 0.0);
  EXPECT_EQ(senders[1].name, "bob@acme.example");
  EXPECT_DOUBLE_EQ(senders[1].counts.ValuePer100(), 2.5);   // 1 of 40
  EXPECT_DOUBLE_EQ(senders[1].counts.HarmPer1000(), 50.0);  // 2 of 40

  // The whole team sees both, summed.
  const std::vector<LeagueRow> teams = mirror.League(Dimension::kTeam, MirrorFilter{});
  ASSERT_EQ(teams.size(), 1u);
  EXPECT_EQ(teams[0].counts[Measure::kSent], 50);
  EXPECT_DOUBLE_EQ(teams[0].counts.ValuePer100(), 8.0);  // 4 of 50

  MirrorFilter blast;
  blast.equals[static_cast<int>(Dimension::kCampaign)] = "q1-blast";
  EXPECT_EQ(mirror.Total(blast)[Measure::kComplained], 1);
  EXPECT_EQ(mirror.Total(blast)[Measure::kMeetings], 0);
}

TEST(MirrorTest, ColdTouchesWithAndWithoutAHypothesisAreComparedPer100) {
  MirrorCounts counts;
  EXPECT_EQ(counts.ColdBackedShare(), 0);
  EXPECT_EQ(counts.ColdValuePer100(true), 0);
  EXPECT_EQ(counts.ColdValuePer100(false), 0);
  counts[Measure::kColdSent] = 40;
  counts[Measure::kColdBacked] = 10;
  counts[Measure::kColdReplied] = 5;   // 3 of them to backed touches
  counts[Measure::kColdMeetings] = 2;  // 1 of them
  counts[Measure::kBackedReplied] = 3;
  counts[Measure::kBackedMeetings] = 1;
  EXPECT_DOUBLE_EQ(counts.ColdBackedShare(), 0.25);
  EXPECT_DOUBLE_EQ(counts.ColdValuePer100(true), 40.0);   // 4 per 10
  EXPECT_DOUBLE_EQ(counts.ColdValuePer100(false), 10.0);  // 3 per 30
  // The measures are stored by name, so a day round-trips them.
  StoredMirrorDay day{
      kMonday,
      {MirrorCell{kMonday, "sales", "", "ana", "crm", Channel::kEmail, Kind::kCold, counts}}};
  absl::StatusOr<StoredMirrorDay> back = DecodeMirrorDay(EncodeMirrorDay(day));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->cells[0].counts[Measure::kBackedMeetings], 1);
  EXPECT_EQ(ParseMeasure("cold_backed"), Measure::kColdBacked);
}

TEST(MirrorTest, AKindIsADimensionLikeTheOthers) {
  Mirror mirror;
  MirrorSource cold = From("sales", "q1", "ana@acme.example");
  cold.kind = Kind::kCold;
  MirrorSource promotional = cold;
  promotional.kind = Kind::kPromotional;
  mirror.CountDecision(cold, kMonday, Answer(Outcome::kSend));
  mirror.CountDecision(cold, kMonday, Answer(Outcome::kSend));
  mirror.CountDecision(promotional, kMonday, Answer(Outcome::kSend));
  // An outcome of no touch has no kind.
  mirror.CountOutcome(From("", "", ""), kMonday, Measure::kReplied);
  EXPECT_EQ(mirror.cells(), 3u);
  MirrorFilter only_cold;
  only_cold.equals[static_cast<int>(Dimension::kKind)] = "cold";
  EXPECT_EQ(mirror.Total(only_cold)[Measure::kSent], 2);
  const std::vector<LeagueRow> by_kind = mirror.League(Dimension::kKind, MirrorFilter{});
  ASSERT_EQ(by_kind.size(), 3u);
  EXPECT_EQ(by_kind[0].name, "cold");  // the most sent, as none brought value
  EXPECT_EQ(ParseDimension("kind"), Dimension::kKind);
}

TEST(MirrorTest, NamesListsEachDimensionsNamesInOnePass) {
  Mirror mirror;
  MirrorSource cold = From("sales", "q1", "ana@acme.example", Channel::kSms);
  cold.kind = Kind::kCold;
  mirror.CountDecision(cold, kMonday, Answer(Outcome::kSend));
  mirror.CountDecision(From("marketing", "news", "news@acme.example"), kMonday + 1,
                       Answer(Outcome::kSend));
  auto names = mirror.Names(MirrorFilter{});
  EXPECT_EQ(names[static_cast<int>(Dimension::kTeam)],
            (std::vector<std::string>{"marketing", "sales"}));
  EXPECT_EQ(names[static_cast<int>(Dimension::kChannel)],
            (std::vector<std::string>{"email", "sms"}));
  EXPECT_EQ(names[static_cast<int>(Dimension::kKind)], (std::vector<std::string>{"", "cold"}));
  MirrorFilter monday;
  monday.from = monday.to = kMonday;
  EXPECT_EQ(mirror.Names(monday)[static_cast<int>(Dimension::kCampaign)],
            (std::vector<std::string>{"q1"}));
}

TEST(MirrorTest, LeagueTiesGoToTheLargerVolumeThenTheName) {
  Mirror mirror;
  mirror.CountDecision(From("b", "", ""), kMonday, Answer(Outcome::kSend));
  mirror.CountDecision(From("a", "", ""), kMonday, Answer(Outcome::kSend));
  mirror.CountDecision(From("c", "", ""), kMonday, Answer(Outcome::kSend));
  mirror.CountDecision(From("c", "", ""), kMonday, Answer(Outcome::kSend));
  const std::vector<LeagueRow> rows = mirror.League(Dimension::kTeam, MirrorFilter{});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].name, "c");
  EXPECT_EQ(rows[1].name, "a");
  EXPECT_EQ(rows[2].name, "b");
}

TEST(MirrorTest, DaysAreSeparateAndFiltersSelectThem) {
  Mirror mirror;
  const MirrorSource sms = From("marketing", "flash-sale", "shortcode", Channel::kSms);
  const MirrorSource email = From("marketing", "newsletter", "news@acme.example");
  mirror.CountDecision(sms, kMonday, Answer(Outcome::kSend));
  mirror.CountDecision(email, kMonday + 1, Answer(Outcome::kSend));
  mirror.CountDecision(email, kMonday + 1, Answer(Outcome::kSuppress, {"relevance.language"}));
  mirror.CountBecameDormant(kMonday + 1);

  std::vector<MirrorDay> days = mirror.ByDay(MirrorFilter{});
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0].day, kMonday);
  EXPECT_EQ(days[0].counts[Measure::kSent], 1);
  EXPECT_EQ(days[1].counts[Measure::kAsked], 2);
  EXPECT_EQ(days[1].counts.suppressed_by_rule.at("relevance.language"), 1);
  EXPECT_EQ(days[1].became_dormant, 1);

  MirrorFilter sms_only;
  sms_only.equals[static_cast<int>(Dimension::kChannel)] = "sms";
  days = mirror.ByDay(sms_only);
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days[0].day, kMonday);

  // Dormancy belongs to no source: a filtered report leaves it out.
  MirrorFilter marketing;
  marketing.equals[static_cast<int>(Dimension::kTeam)] = "marketing";
  days = mirror.ByDay(marketing);
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[1].became_dormant, 0);

  MirrorFilter second_day;
  second_day.from = second_day.to = kMonday + 1;
  EXPECT_EQ(mirror.Total(second_day)[Measure::kAsked], 2);
  EXPECT_EQ(mirror.Span(), std::make_pair(kMonday, kMonday + 1));
}

TEST(MirrorTest, PastItsCellLimitNewSourcesFoldIntoOther) {
  Mirror mirror(MirrorLimits{.max_cells = 3, .max_cells_per_day = 100});
  for (int i = 0; i < 10; ++i) {
    const std::string sender = "seller" + std::to_string(i);
    mirror.CountDecision(From("sales", "cold", sender), kMonday, Answer(Outcome::kSend));
  }
  // Three named cells, then one "(other)" cell for the rest of that day and channel.
  EXPECT_EQ(mirror.cells(), 4u);
  const std::vector<LeagueRow> rows = mirror.League(Dimension::kSender, MirrorFilter{});
  ASSERT_EQ(rows.size(), 4u);
  int64_t other = 0;
  for (const LeagueRow& row : rows) {
    if (row.name == Mirror::kOther) other = row.counts[Measure::kSent];
  }
  EXPECT_EQ(other, 7);
  EXPECT_EQ(mirror.Total(MirrorFilter{})[Measure::kSent], 10);
  // Known cells keep counting.
  mirror.CountDecision(From("sales", "cold", "seller0"), kMonday, Answer(Outcome::kSend));
  EXPECT_EQ(mirror.cells(), 4u);
}

TEST(MirrorTest, ADayHasItsOwnLimitAndTrimmingForgetsTheOldestDaysFirst) {
  Mirror mirror(MirrorLimits{.max_cells = 20, .max_cells_per_day = 5});
  const auto fill = [&](Day day, int sources) {
    for (int i = 0; i < sources; ++i) {
      mirror.CountDecision(From("t", "c", "s" + std::to_string(i)), day, Answer(Outcome::kSend));
    }
  };
  fill(kMonday, 9);  // five named cells, then the day's "(other)"
  EXPECT_EQ(mirror.cells(), 6u);
  EXPECT_EQ(mirror.League(Dimension::kSender, MirrorFilter{}).size(), 6u);
  EXPECT_EQ(mirror.Total(MirrorFilter{})[Measure::kSent], 9);
  fill(kMonday + 1, 5);
  fill(kMonday + 2, 5);
  fill(kMonday + 3, 5);
  // 20 cells in all: the last day's last source folded into its "(other)".
  EXPECT_EQ(mirror.cells(), 21u);
  EXPECT_EQ(mirror.Trim(), kMonday + 1);  // 90 % of 20 is 18: the oldest day goes
  EXPECT_EQ(mirror.cells(), 15u);
  EXPECT_EQ(mirror.Span(), std::make_pair(kMonday + 1, kMonday + 3));
  EXPECT_EQ(mirror.Trim(), std::nullopt);
  // The newest day has room again for new sources.
  fill(kMonday + 4, 5);
  EXPECT_EQ(mirror.cells(), 20u);
  MirrorFilter newest;
  newest.from = newest.to = kMonday + 4;
  EXPECT_EQ(mirror.League(Dimension::kSender, newest).size(), 5u);
}

TEST(MirrorTest, AStoredDayReadsBackTheSameAndReplacesWhatWasThere) {
  Mirror mirror;
  mirror.CountDecision(From("sales", "q1", "ana"), kMonday, Answer(Outcome::kSend));
  mirror.CountDecision(From("sales", "q1", "ana"), kMonday,
                       Answer(Outcome::kSuppress, {"content.bump"}));
  mirror.CountOutcome(From("sales", "q1", "ana"), kMonday, Measure::kOpened);
  mirror.CountDecision(From("cs", "renewal", "carl", Channel::kCall), kMonday,
                       Answer(Outcome::kDefer, {"quiet_hours"}));
  mirror.CountBecameDormant(kMonday);
  EXPECT_EQ(mirror.TakeChangedDays(), std::vector<Day>{kMonday});
  EXPECT_TRUE(mirror.TakeChangedDays().empty());

  const std::string bytes = EncodeMirrorDay({kMonday, mirror.CellsOf({kMonday}).at(kMonday), 1});
  auto decoded = DecodeMirrorDay(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->day, kMonday);
  EXPECT_EQ(decoded->became_dormant, 1);
  ASSERT_EQ(decoded->cells.size(), 2u);
  EXPECT_EQ(EncodeMirrorDay(*decoded), bytes);

  Mirror restored;
  restored.CountDecision(From("sales", "q1", "ana"), kMonday, Answer(Outcome::kSend));
  restored.RestoreDay(decoded->day, decoded->cells, decoded->became_dormant);
  const MirrorCounts total = restored.Total(MirrorFilter{});
  EXPECT_EQ(total[Measure::kAsked], 3);
  EXPECT_EQ(total[Measure::kOpened], 1);
  EXPECT_EQ(total.suppressed_by_rule.at("content.bump"), 1);
  EXPECT_EQ(total.deferred_by_rule.at("quiet_hours"), 1);
  EXPECT_EQ(restored.BecameDormantOn(kMonday), 1);
  EXPECT_EQ(restored.cells(), 2u);

  EXPECT_FALSE(DecodeMirrorDay("{\"day\":\"2027-03-01\"}").ok());
  EXPECT_FALSE(DecodeMirrorDay("not json").ok());
}

TEST(MirrorTest, ForgetsDaysBeforeAGivenOne) {
  Mirror mirror;
  for (Day day = kMonday; day < kMonday + 5; ++day) {
    mirror.CountDecision(From("t", "c", "s"), day, Answer(Outcome::kSend));
    mirror.CountBecameDormant(day);
  }
  mirror.ForgetBefore(kMonday + 3);
  EXPECT_EQ(mirror.cells(), 2u);
  EXPECT_EQ(mirror.Span(), std::make_pair(kMonday + 3, kMonday + 4));
  EXPECT_EQ(mirror.BecameDormantOn(kMonday + 2), 0);
}

TEST(MirrorTest, OutcomeTypesMapToTheMeasuresReportsShow) {
  EXPECT_EQ(OutcomeMeasure(EventType::kStop), Measure::kUnsubscribed);
  EXPECT_EQ(OutcomeMeasure(EventType::kBouncedSoft), Measure::kBounced);
  EXPECT_EQ(OutcomeMeasure(EventType::kMeeting), Measure::kMeetings);
  EXPECT_EQ(OutcomeMeasure(EventType::kResubscribed), std::nullopt);
  EXPECT_EQ(DayOfMinute(FirstMinuteOf(kMonday)), kMonday);
  EXPECT_EQ(DayOfMinute(FirstMinuteOf(kMonday) - 1), kMonday - 1);
  EXPECT_EQ(DayOfMinute(-1), -1);
  EXPECT_EQ(FormatDay(kMonday), "2027-03-01");
  EXPECT_EQ(ParseDay("2027-03-01").value(), kMonday);
  EXPECT_FALSE(ParseDay("2027-3-1").ok());
}

TEST(ReportQueryTest, DefaultsToTheLastThirtyDaysWithCountsAndNamesBadParameters) {
  Mirror mirror;
  auto query = ParseReportQuery({}, mirror, kMonday, false);
  ASSERT_TRUE(query.ok());
  EXPECT_EQ(query->filter.to, kMonday);
  EXPECT_EQ(query->filter.from, kMonday - 29);

  mirror.CountDecision(From("t", "c", "s"), kMonday + 100, Answer(Outcome::kSend));
  mirror.CountDecision(From("t", "c", "s"), kMonday + 90, Answer(Outcome::kSend));
  query = ParseReportQuery({}, mirror, kMonday, false);
  EXPECT_EQ(query->filter.from, kMonday + 90);  // not before the first day with counts
  EXPECT_EQ(query->filter.to, kMonday + 100);

  query = ParseReportQuery({{"from", "2027-03-01"}, {"team", "sales"}, {"by", "sender"}}, mirror,
                           kMonday, true);
  ASSERT_TRUE(query.ok()) << query.status();
  EXPECT_EQ(query->filter.from, kMonday);
  EXPECT_EQ(query->filter.to, kMonday + 29);
  EXPECT_EQ(query->by, Dimension::kSender);
  EXPECT_EQ(query->filter.equals[static_cast<int>(Dimension::kTeam)], "sales");

  const auto error = [&](absl::flat_hash_map<std::string, std::string> params, bool league) {
    return std::string(ParseReportQuery(params, mirror, kMonday, league).status().message());
  };
  EXPECT_EQ(error({{"from", "March"}}, false).substr(0, 6), "from: ");
  EXPECT_EQ(error({{"by", "team"}}, false).substr(0, 4), "by: ");
  EXPECT_EQ(error({{"by", "colour"}}, true).substr(0, 4), "by: ");
  EXPECT_EQ(error({{"limit", "0"}}, true).substr(0, 7), "limit: ");
  EXPECT_EQ(error({{"channel", "fax"}}, true).substr(0, 9), "channel: ");
  EXPECT_EQ(error({{"from", "2027-03-02"}, {"to", "2027-03-01"}}, false).substr(0, 6), "from: ");
  EXPECT_EQ(error({{"from", "2026-01-01"}, {"to", "2027-03-01"}}, false).substr(0, 6), "from: ");
}

}  // namespace
}  // namespace tact
