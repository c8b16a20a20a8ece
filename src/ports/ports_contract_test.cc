// The contracts every implementation of the ports (ports/*.h) keeps, run
// against each kind of state tact can start with. A new kind of state adds
// one factory to kStates and must pass the same tests. The unit tests run
// them on memory and embedded state; tact_redis_tests compiles this file
// again with TACT_REDIS_CLUSTER_TESTS and runs them on a real Redis Cluster.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "ports/ports_contract_fixture.h"
#include "testing/ledger_entries.h"

namespace tact {
namespace {

using testing::T;

using contract::kStates;
using contract::PortsContractTest;
using contract::StateKind;

Event EventWithId(const std::string& id) {
  Event event;
  event.id = id;
  event.type = EventType::kOpened;
  event.person_id = "ana";
  return event;
}

const Minute kNow = ToMinute(T("2027-03-10T12:00:00Z"));

absl::Status kApplied() { return absl::OkStatus(); }

TEST_P(PortsContractTest, TheLedgerReturnsWhatAnOutcomeFoundSoOnlyTheFirstReportCounts) {
  TouchLedger& ledger = ports().ledger;
  ASSERT_TRUE(ledger.Add(7, testing::SampleLedgerEntry("ana", kNow), kNow - 60).ok());
  ASSERT_TRUE(ledger.Find(7).value().has_value());
  EXPECT_EQ(ledger.Find(7).value()->person_id, "ana");
  EXPECT_FALSE(ledger.Find(8).value().has_value());
  const auto first = ledger.MarkOutcome(7, EventType::kComplained).value();
  ASSERT_TRUE(first.has_value());
  EXPECT_FALSE(first->Has(EventType::kComplained));
  const auto second = ledger.MarkOutcome(7, EventType::kComplained).value();
  ASSERT_TRUE(second.has_value());
  EXPECT_TRUE(second->Has(EventType::kComplained));
  EXPECT_FALSE(ledger.MarkOutcome(8, EventType::kOpened).value().has_value());
}

TEST_P(PortsContractTest, ApplyAllAppliesEachChangeInTurnWithItsLedgerEntry) {
  Store& store = ports().histories;
  const uint64_t ana_first = store.NewTouchId("ana"), ana_second = store.NewTouchId("ana");
  const uint64_t ben_first = store.NewTouchId("ben");
  // Each change records a touch a minute after the last one it finds, so a
  // change that did not see the one before it for its person shows.
  const auto record_after_last = [&](const std::string& person, uint64_t touch_id) {
    return [&, person, touch_id](History& history) -> std::optional<LedgerWrite> {
      TouchRecord touch;
      touch.minute = history.touches().empty() ? kNow : history.touches().back().minute + 1;
      history.Record(touch);
      return LedgerWrite{touch_id, testing::SampleLedgerEntry(person, touch.minute), kNow - 60};
    };
  };
  const auto ana_1 = record_after_last("ana", ana_first);
  const auto ben_1 = record_after_last("ben", ben_first);
  const auto ana_2 = record_after_last("ana", ana_second);
  const PersonChange changes[] = {{"ana", ana_1}, {"ben", ben_1}, {"ana", ana_2}};
  const std::vector<absl::Status> outcomes = store.ApplyAll(changes);
  ASSERT_EQ(outcomes.size(), 3u);
  for (const absl::Status& outcome : outcomes) EXPECT_TRUE(outcome.ok()) << outcome;

  const std::optional<History> ana = store.Get("ana").value();
  ASSERT_TRUE(ana.has_value());
  ASSERT_EQ(ana->touches().size(), 2u);
  EXPECT_EQ(ana->touches()[0].minute, kNow);
  EXPECT_EQ(ana->touches()[1].minute, kNow + 1);
  ASSERT_EQ(store.Get("ben").value()->touches().size(), 1u);
  for (const auto& [id, person, minute] : {std::tuple{ana_first, "ana", kNow},
                                           {ana_second, "ana", kNow + 1},
                                           {ben_first, "ben", kNow}}) {
    const std::optional<LedgerEntry> entry = ports().ledger.Find(id).value();
    ASSERT_TRUE(entry.has_value()) << person << " " << minute;
    EXPECT_EQ(entry->person_id, person);
    EXPECT_EQ(entry->minute, minute);
  }
}

TEST_P(PortsContractTest, AnEventIdIsAppliedOnceEvenWhenTwoThreadsRace) {
  EventIds& ids = ports().event_ids;
  std::atomic<int> applied{0};
  std::vector<std::thread> threads;
  for (int thread = 0; thread < 4; ++thread) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        // A shared state may answer Unavailable while another caller
        // applies the id; this one then asks again, as a provider would.
        absl::StatusOr<bool> ran;
        do {
          ran = ids.ApplyOnce(EventWithId(absl::StrCat("e-", i)), T("2027-03-10T12:00:00Z"), [&] {
            ++applied;
            return absl::OkStatus();
          });
        } while (absl::IsUnavailable(ran.status()));
        EXPECT_TRUE(ran.ok()) << ran.status();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(applied.load(), 50);
  EXPECT_FALSE(ids.ApplyOnce(EventWithId("e-3"), T("2027-03-10T12:01:00Z"), kApplied).value());
}

TEST_P(PortsContractTest, AnEventWhoseEffectFailedIsNotRecorded) {
  EventIds& ids = ports().event_ids;
  const absl::StatusOr<bool> failed =
      ids.ApplyOnce(EventWithId("e-f"), T("2027-03-10T12:00:00Z"),
                    [] { return absl::UnavailableError("the state did not answer"); });
  EXPECT_TRUE(absl::IsUnavailable(failed.status())) << failed.status();
  // The provider's retry applies it.
  EXPECT_TRUE(ids.ApplyOnce(EventWithId("e-f"), T("2027-03-10T12:00:30Z"), kApplied).value());
}

TEST_P(PortsContractTest, PeopleAndAccountsAreFoundTogetherInOrder) {
  ProfileStore& profiles = ports().profiles;
  Account acme;
  acme.id = "acme";
  ASSERT_TRUE(profiles.PutAccount(acme).ok());
  Person ana;
  ana.id = "ana";
  ana.account_id = "acme";
  ASSERT_TRUE(profiles.PutPerson(ana, [](const Person*, Person&) {}).ok());

  const std::string ids[] = {"nobody", "ana"};
  const std::vector<std::shared_ptr<const Person>> people = profiles.FindPeople(ids).value();
  ASSERT_EQ(people.size(), 2u);
  EXPECT_EQ(people[0], nullptr);
  ASSERT_NE(people[1], nullptr);
  EXPECT_EQ(people[1]->account_id, "acme");
  const std::string account_ids[] = {"acme", "none"};
  const std::vector<std::shared_ptr<const Account>> accounts =
      profiles.FindAccounts(account_ids).value();
  ASSERT_EQ(accounts.size(), 2u);
  ASSERT_NE(accounts[0], nullptr);
  EXPECT_EQ(accounts[0]->id, "acme");
  EXPECT_EQ(accounts[1], nullptr);
}

TEST_P(PortsContractTest, ProfilesMergeAtomicallyAndIndexAddresses) {
  ProfileStore& profiles = ports().profiles;
  Person ana;
  ana.id = "ana";
  ana.email = "ana@example.com";
  EXPECT_TRUE(
      profiles.PutPerson(ana, [](const Person* before, Person&) { EXPECT_EQ(before, nullptr); })
          .value());
  EXPECT_EQ(profiles.PersonWithAddress("ana@example.com").value(), "ana");
  Person moved = ana;
  moved.email = "ana@example.org";
  EXPECT_FALSE(profiles
                   .PutPerson(moved,
                              [](const Person* before, Person& after) {
                                ASSERT_NE(before, nullptr);
                                after.role = before->email;  // what merge saw is what was stored
                              })
                   .value());
  EXPECT_EQ(profiles.FindPerson("ana").value()->role, "ana@example.com");
  EXPECT_EQ(profiles.PersonWithAddress("ana@example.com").value(), "");
  EXPECT_EQ(profiles.PersonWithAddress("ana@example.org").value(), "ana");

  std::vector<std::thread> threads;
  for (int thread = 0; thread < 4; ++thread) {
    threads.emplace_back([&] {
      for (int i = 0; i < 250; ++i) {
        absl::Status updated;
        // A shared store may give up on a person changed by others on every
        // try (Aborted: nothing was stored), and the caller sends it again;
        // four threads on one person under the sanitizers can make it.
        do {
          updated = profiles.UpdatePerson("bo", [](Person& p) { p.role += "x"; });
        } while (absl::IsAborted(updated));
        EXPECT_TRUE(updated.ok()) << updated;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(profiles.FindPerson("bo").value()->role.size(), 1000u);
  EXPECT_EQ(profiles.FindPerson("bo").value()->id, "bo");

  Account acme;
  acme.id = "acme";
  EXPECT_TRUE(profiles.PutAccount(acme).value());
  EXPECT_FALSE(profiles.PutAccount(acme).value());
  EXPECT_NE(profiles.FindAccount("acme").value(), nullptr);
  EXPECT_EQ(profiles.FindAccount("globex").value(), nullptr);
  EXPECT_EQ(profiles.Counts().people, 2u);
  EXPECT_EQ(profiles.Counts().accounts, 1u);
}

TEST_P(PortsContractTest, ReputationCountsAddUpWithinTheWindow) {
  ReputationCounts& reputation = ports().reputation;
  ComplaintGuard guard;
  guard.min_sent = 1;
  for (int i = 0; i < 10; ++i) reputation.CountSend("spring", "news.example.com", kNow - i);
  reputation.CountComplaint("spring", "news.example.com", kNow - 3);
  const Signals signals = reputation.SignalsFor("spring", "news.example.com", guard, kNow);
  ASSERT_TRUE(signals.campaign.has_value());
  EXPECT_EQ(signals.campaign->sent, 10);
  EXPECT_EQ(signals.campaign->complaints, 1);
  ASSERT_TRUE(signals.domain.has_value());
  EXPECT_EQ(signals.domain->sent, 10);
  EXPECT_FALSE(reputation.SignalsFor("autumn", "", guard, kNow).campaign.has_value());
  EXPECT_EQ(reputation.Report(guard, kNow).size(), 2u);
  // Eight days later the week's window has moved past every send.
  const Signals later = reputation.SignalsFor("spring", "", guard, kNow + 8 * 24 * 60);
  EXPECT_EQ(later.campaign.value_or(ComplaintRate{}).sent, 0);
  EXPECT_TRUE(reputation.Report(guard, kNow + 8 * 24 * 60).empty());
}

TEST_P(PortsContractTest, TemplateCountsCountRecipientsPerDayWindow) {
  TemplateCounts& templates = ports().templates;
  templates.Add(0xfeed, kNow - 2 * 24 * 60);
  templates.Add(0xfeed, kNow);
  templates.Add(0xfeed, kNow);
  EXPECT_EQ(templates.Count(0xfeed, kNow, 1), 2);
  EXPECT_EQ(templates.Count(0xfeed, kNow, 3), 3);
  EXPECT_EQ(templates.Count(0xbeef, kNow, 3), 0);
}

TEST_P(PortsContractTest, TheMirrorCountsDecisionsAndOutcomesPerDay) {
  MirrorStore& mirror = ports().mirror;
  Decision sent;
  sent.outcome = Outcome::kSend;
  const Day today = DayOfMinute(kNow);
  const MirrorSource source{"growth", "spring", "ana@example.com", "hubspot", Channel::kEmail};
  mirror.CountDecision(source, today, sent, MirrorCrowd{.week_all = 1, .week_team = 1});
  mirror.CountDecision(source, today, sent, MirrorCrowd{.week_all = 2, .week_team = 1});
  mirror.CountOutcome(source, today, Measure::kReplied);
  mirror.Flush(today);
  const std::vector<MirrorDay> days = mirror.ByDay(MirrorFilter{});
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days[0].day, today);
  EXPECT_EQ(days[0].counts[Measure::kSent], 2);
  EXPECT_EQ(days[0].counts[Measure::kReplied], 1);
  ASSERT_TRUE(mirror.Span().has_value());
  EXPECT_EQ(mirror.Span()->first, today);
  EXPECT_EQ(mirror.League(Dimension::kTeam, MirrorFilter{})[0].name, "growth");
  EXPECT_EQ(days[0].counts[Measure::kWeekTeam1], 2);
  EXPECT_EQ(days[0].counts[Measure::kWeekAll2], 1);
}

TEST_P(PortsContractTest, HeldBackLogsKeepTheNewestPerPerson) {
  HeldBackLog& held_back = ports().held_back;
  EXPECT_TRUE(held_back.Keeps());  // every state that serves keeps its sample
  held_back.Add(HeldBack{"ana", kNow - 5, Outcome::kDefer, "budget"});
  held_back.Add(HeldBack{"bo", kNow - 3, Outcome::kSuppress, "consent"});
  held_back.Add(HeldBack{"ana", kNow - 1, Outcome::kSuppress, "gap"});
  const std::vector<HeldBack> recent = held_back.Recent(10);
  ASSERT_EQ(recent.size(), 2u);
  EXPECT_EQ(recent[0].person_id, "ana");
  EXPECT_EQ(recent[0].rule, "gap");
  EXPECT_EQ(recent[1].person_id, "bo");
  EXPECT_EQ(held_back.Recent(1).size(), 1u);
}

TEST_P(PortsContractTest, WhenDurableAnswersOnceAndHealthIsOk) {
  Persistence& persistence = ports().persistence;
  EXPECT_TRUE(persistence.Health().ok());
  std::atomic<int> calls{0};
  absl::Notification done;
  persistence.WhenDurable(persistence.Mark(), Urgency::kAlways, [&](absl::Status status) {
    EXPECT_TRUE(status.ok()) << status;
    ++calls;
    done.Notify();
  });
  done.WaitForNotification();
  EXPECT_EQ(calls.load(), 1);
}

TEST_P(PortsContractTest, WhatWasDurableBeforeARestartIsThereAfterIt) {
  {
    StatePorts state = ports();
    ASSERT_TRUE(state.histories
                    .Apply("ana",
                           [](History& history) -> std::optional<LedgerWrite> {
                             history.Record(testing::Past(T("2027-03-10T09:00:00Z")));
                             return std::nullopt;
                           })
                    .ok());
    Person ana;
    ana.id = "ana";
    ana.email = "ana@example.com";
    Preferences chosen;
    ApplyPreferenceChange({.frequency = "weekly", .paused_until = kNow + 60}, kNow - 5, chosen);
    ana.preferences = std::make_shared<const Preferences>(chosen);
    ASSERT_TRUE(state.profiles.PutPerson(ana, [](const Person*, Person&) {}).ok());
    ASSERT_TRUE(state.ledger.Add(7, testing::SampleLedgerEntry("ana", kNow), kNow - 60).ok());
    ASSERT_TRUE(state.ledger.MarkOutcome(7, EventType::kComplained).ok());
    // As the Governor counts them (an embedded state rebuilds them from the ledger).
    state.reputation.CountSend("spring", "", kNow);
    state.reputation.CountComplaint("spring", "", kNow);
    ASSERT_TRUE(
        state.event_ids.ApplyOnce(EventWithId("e-1"), T("2027-03-10T12:00:00Z"), kApplied).value());
    Decision sent;
    sent.outcome = Outcome::kSend;
    state.mirror.CountDecision(MirrorSource{}, DayOfMinute(kNow), sent,
                               MirrorCrowd{.week_all = 3, .period_all = 3});
    Decision held;
    held.outcome = Outcome::kDefer;
    state.mirror.CountDecision(MirrorSource{}, DayOfMinute(kNow), held,
                               MirrorCrowd{.crowded_by = {"events", ""}});
    state.mirror.Flush(DayOfMinute(kNow));
    AwaitDurable();
  }
  if (!state_->Reopen()) GTEST_SKIP() << GetParam().name << " state does not survive a restart";
  StatePorts state = ports();
  const std::optional<History> history = state.histories.Get("ana").value();
  ASSERT_TRUE(history.has_value());
  EXPECT_EQ(history->touches().size(), 1u);
  EXPECT_EQ(state.profiles.PersonWithAddress("ana@example.com").value(), "ana");
  // A person's preferences are kept with their profile.
  const std::shared_ptr<const Person> ana = state.profiles.FindPerson("ana").value();
  ASSERT_NE(ana, nullptr);
  ASSERT_NE(ana->preferences, nullptr);
  EXPECT_EQ(ana->preferences->frequency, "weekly");
  EXPECT_EQ(ana->preferences->paused_until, kNow + 60);
  EXPECT_EQ(ana->preferences->Changed(PreferencePart::kPause), kNow - 5);
  const std::optional<LedgerEntry> entry = state.ledger.Find(7).value();
  ASSERT_TRUE(entry.has_value());
  EXPECT_TRUE(entry->Has(EventType::kComplained));
  EXPECT_FALSE(
      state.event_ids.ApplyOnce(EventWithId("e-1"), T("2027-03-10T12:05:00Z"), kApplied).value());
  // The counts are there again (rebuilt from the ledger, or read from the
  // counts the cluster shares).
  ComplaintGuard guard;
  guard.min_sent = 1;
  const Signals signals = state.reputation.SignalsFor("spring", "", guard, kNow);
  ASSERT_TRUE(signals.campaign.has_value());
  EXPECT_EQ(signals.campaign->complaints, 1);
  const std::vector<MirrorDay> days = state.mirror.ByDay(MirrorFilter{});
  ASSERT_EQ(days.size(), 1u);
  const MirrorCounts& counts = days[0].counts;
  EXPECT_EQ(counts[Measure::kSent], 1);
  EXPECT_EQ(counts[Measure::kWeekAll3], 1);
  EXPECT_EQ(counts[Measure::kDays30All3], 1);
  // The collision matrix's counts, a team with no name included.
  EXPECT_EQ(counts.crowded_by, (NamedCounts{{"", 1}, {"events", 1}}));
}

INSTANTIATE_TEST_SUITE_P(EveryState, PortsContractTest, ::testing::ValuesIn(kStates),
                         [](const ::testing::TestParamInfo<StateKind>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace tact
