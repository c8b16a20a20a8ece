#include "store/journal.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "store/data_dir.h"
#include "store/embedded_state.h"
#include "testing/fixtures.h"
#include "testing/test_directory.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

// A fresh data directory per test, removed afterwards.
class JournalTest : public ::testing::Test {
 protected:
  // Opens the directory as `tact serve` does, with the clock at `now`.
  std::unique_ptr<Journal> OpenAt(absl::Time* now, Durability durability = Durability::kGroup) {
    EXPECT_TRUE(CheckFormat(dir_, /*create=*/true).ok());
    JournalOptions options;
    options.durability = durability;
    options.event_window = absl::Hours(24);
    options.clock = [now] { return *now; };
    auto journal = Journal::Open(dir_, options);
    EXPECT_TRUE(journal.ok()) << journal.status();
    return journal.ok() ? *std::move(journal) : nullptr;
  }

  TestDirectory directory_{"journal"};
  const std::string dir_ = directory_.path();
};

Event Unsubscribe(const std::string& id, const std::string& person) {
  Event event;
  event.id = id;
  event.type = EventType::kUnsubscribed;
  event.person_id = person;
  return event;
}

TEST_F(JournalTest, ReopeningRecoversHistoriesAndProfiles) {
  absl::Time now = T("2027-03-10T12:00:00Z");
  {
    JournalOptions options;
    options.clock = [&now] { return now; };
    std::filesystem::create_directories(dir_);
    auto state = EmbeddedState::Open(dir_, options, testing::PolicyFrom(""));
    ASSERT_TRUE(state.ok()) << state.status();
    Store& store = *(*state)->histories;
    MemoryProfiles& profiles = (*state)->profiles;
    Journal* journal = (*state)->journal.get();
    ASSERT_TRUE(store
                    .Apply("p-1",
                           [](History& history) -> std::optional<LedgerWrite> {
                             history.Record(Past(T("2027-03-09T10:00:00Z")));
                             history.Record(Past(T("2027-03-10T10:00:00Z"), Channel::kSms));
                             return std::nullopt;
                           })
                    .ok());
    ASSERT_TRUE(store
                    .Apply("p-2",
                           [](History& history) -> std::optional<LedgerWrite> {
                             history.RecordReply(ToMinute(T("2027-03-08T00:00:00Z")));
                             return std::nullopt;
                           })
                    .ok());
    Person ana;
    ana.id = "ana";
    ana.country = "PT";
    ana.consent[static_cast<int>(Channel::kEmail)] = Consent::kOptedOut;
    profiles.people.Put("ana", std::make_shared<const Person>(ana));
    Account acme;
    acme.id = "acme";
    acme.industry = "software";
    profiles.accounts.Put("acme", std::make_shared<const Account>(acme));
    ASSERT_TRUE(journal->AwaitDurable(journal->Mark(), Urgency::kAlways).ok());
  }
  auto journal = OpenAt(&now);
  MemoryStore histories;
  MemoryProfiles profiles;
  auto contents = journal->Load(std::numeric_limits<Minute>::min(), histories, profiles);
  ASSERT_TRUE(contents.ok()) << contents.status();
  EXPECT_EQ(contents->histories, 2u);
  EXPECT_EQ(contents->touches, 2u);
  EXPECT_EQ(contents->people, 1u);
  EXPECT_EQ(contents->accounts, 1u);
  ASSERT_TRUE(histories.Find("p-1").has_value());
  EXPECT_EQ(histories.Find("p-1")->touches()[1].channel, Channel::kSms);
  EXPECT_EQ(histories.Find("p-2")->last_reply(), ToMinute(T("2027-03-08T00:00:00Z")));
  const auto ana = profiles.people.Find("ana");
  ASSERT_NE(ana, nullptr);
  EXPECT_EQ(ana->country, "PT");
  EXPECT_EQ(ana->ConsentFor(Channel::kEmail), Consent::kOptedOut);
  EXPECT_EQ(profiles.accounts.Find("acme")->industry, "software");
}

TEST_F(JournalTest, LoadPrunesAtTheHorizonAndSkipsEmptiedHistories) {
  absl::Time now = T("2027-03-10T12:00:00Z");
  {
    auto journal = OpenAt(&now);
    journal->WriteHistory("old", [] {
      History history;
      history.Record(Past(T("2027-01-01T10:00:00Z")));
      return history;
    }());
    journal->WriteHistory("mixed", [] {
      History history;
      history.Record(Past(T("2027-01-01T10:00:00Z")));
      history.Record(Past(T("2027-03-09T10:00:00Z")));
      return history;
    }());
  }
  auto journal = OpenAt(&now);
  MemoryStore histories;
  MemoryProfiles profiles;
  auto contents = journal->Load(ToMinute(T("2027-03-01T00:00:00Z")), histories, profiles);
  ASSERT_TRUE(contents.ok());
  EXPECT_EQ(contents->histories, 1u);
  EXPECT_FALSE(histories.Find("old").has_value());
  EXPECT_EQ(histories.Find("mixed")->touches().size(), 1u);
}

TEST_F(JournalTest, AnEventAppliesOnceWithinTheWindowAcrossRestarts) {
  absl::Time now = T("2027-03-10T12:00:00Z");
  int applied = 0;
  {
    auto journal = OpenAt(&now);
    EXPECT_TRUE(journal
                    ->ApplyOnce(Unsubscribe("e-1", "ana"), now,
                                [&] {
                                  ++applied;
                                  return absl::OkStatus();
                                })
                    .value());
    EXPECT_FALSE(journal
                     ->ApplyOnce(Unsubscribe("e-1", "ana"), now,
                                 [&] {
                                   ++applied;
                                   return absl::OkStatus();
                                 })
                     .value());
  }
  auto journal = OpenAt(&now);
  EXPECT_FALSE(journal
                   ->ApplyOnce(Unsubscribe("e-1", "ana"), now + absl::Hours(23),
                               [&] {
                                 ++applied;
                                 return absl::OkStatus();
                               })
                   .value());
  EXPECT_EQ(applied, 1);
  // Past the window the id is new again.
  EXPECT_TRUE(journal
                  ->ApplyOnce(Unsubscribe("e-1", "ana"), now + absl::Hours(25),
                              [&] {
                                ++applied;
                                return absl::OkStatus();
                              })
                  .value());
  EXPECT_EQ(applied, 2);
}

TEST_F(JournalTest, CompactionForgetsWhatThePolicyNoLongerReads) {
  absl::Time now = T("2027-03-10T12:00:00Z");
  auto journal = OpenAt(&now);
  journal->SetRetention(90 * 24 * 60, 0);
  History history;
  history.Record(Past(T("2027-03-01T10:00:00Z")));
  history.Record(Past(T("2027-03-09T10:00:00Z")));
  journal->WriteHistory("p-1", history);
  journal->WriteHistory("p-2", [] {
    History only_old;
    only_old.Record(Past(T("2027-03-01T10:00:00Z")));
    return only_old;
  }());
  journal->ApplyOnce(Unsubscribe("e-old", "p-1"), now, [] { return absl::OkStatus(); })
      .IgnoreError();
  ASSERT_TRUE(journal->CompactNow().ok());
  auto before = journal->Verify();
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->touches, 3u);
  EXPECT_EQ(before->events, 1u);

  // 90 days after 2027-03-05: the 03-01 touches are past retention, the
  // event id past its day-long window.
  now = T("2027-06-03T12:00:00Z");
  journal->ApplyOnce(Unsubscribe("e-new", "p-1"), now, [] { return absl::OkStatus(); })
      .IgnoreError();
  ASSERT_TRUE(journal->CompactNow().ok());
  auto after = journal->Verify();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->histories, 1u);
  EXPECT_EQ(after->touches, 1u);
  EXPECT_EQ(after->events, 1u);
}

TEST_F(JournalTest, SyncModeAnswersWaitersAfterTheSyncAndSharesIt) {
  absl::Time now = T("2027-03-10T12:00:00Z");
  auto journal = OpenAt(&now, Durability::kSync);
  std::atomic<int> answered{0};
  std::vector<std::thread> writers;
  for (int writer = 0; writer < 8; ++writer) {
    writers.emplace_back([&, writer] {
      for (int round = 0; round < 50; ++round) {
        History history;
        history.Record(Past(now));
        journal->WriteHistory(absl::StrCat("p-", writer, "-", round), history);
        EXPECT_TRUE(journal->AwaitDurable(journal->Mark(), Urgency::kByMode).ok());
        ++answered;
      }
    });
  }
  for (std::thread& writer : writers) writer.join();
  EXPECT_EQ(answered.load(), 400);
  auto contents = journal->Verify();
  ASSERT_TRUE(contents.ok());
  EXPECT_EQ(contents->histories, 400u);
}

TEST_F(JournalTest, BackupIsADataDirectoryOfItsOwn) {
  absl::Time now = T("2027-03-10T12:00:00Z");
  auto journal = OpenAt(&now);
  History history;
  history.Record(Past(now));
  journal->WriteHistory("p-1", history);
  const std::string backup = dir_ + "-backup";
  std::filesystem::remove_all(backup);
  ASSERT_TRUE(journal->Backup(backup).ok());
  EXPECT_TRUE(absl::IsAlreadyExists(journal->Backup(backup)));
  ASSERT_TRUE(CheckFormat(backup, /*create=*/false).ok());
  auto copy = Journal::OpenReadOnly(backup);
  ASSERT_TRUE(copy.ok()) << copy.status();
  auto contents = (*copy)->Verify();
  ASSERT_TRUE(contents.ok());
  EXPECT_EQ(contents->histories, 1u);
  copy->reset();
  std::filesystem::remove_all(backup);
}

TEST_F(JournalTest, ASecondLockOnADirectoryIsRefusedNamingTheHolder) {
  auto first = LockDataDir(dir_);
  ASSERT_TRUE(first.ok()) << first.status();
  first->Describe("127.0.0.1:8080");
  auto second = LockDataDir(dir_);
  ASSERT_FALSE(second.ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(second.status()));
  EXPECT_NE(second.status().message().find(absl::StrCat("is in use by another tact (pid ", getpid(),
                                                        ", serving 127.0.0.1:8080)")),
            std::string::npos)
      << second.status();
  EXPECT_NE(DataDirHolder(dir_).find("serving 127.0.0.1:8080"), std::string::npos);
  *first = DataDirLock();
  EXPECT_TRUE(LockDataDir(dir_).ok());
  EXPECT_EQ(DataDirHolder(dir_), "");
}

// A server killed before its first acknowledgment leaves ACKED as it made
// it at start: empty. That says nothing was acknowledged, not that the
// directory is damaged; a mark that cannot be read still is.
TEST_F(JournalTest, AnAckedMarkNeverWrittenSaysNothingWasAcknowledged) {
  absl::Time now = T("2027-03-01T10:00:00Z");
  ASSERT_NE(OpenAt(&now), nullptr);  // closes cleanly: the mark is written
  std::ofstream(dir_ + "/ACKED", std::ios::trunc).close();
  const absl::StatusOr<uint64_t> empty = ReadAckedMark(dir_);
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ(*empty, 0u);
  EXPECT_NE(OpenAt(&now), nullptr);

  std::ofstream(dir_ + "/ACKED", std::ios::trunc) << "tact-acked x\n";
  const absl::StatusOr<uint64_t> unreadable = ReadAckedMark(dir_);
  ASSERT_FALSE(unreadable.ok());
  EXPECT_NE(unreadable.status().message().find("does not say \"tact-acked <sequence>\""),
            std::string::npos)
      << unreadable.status();
}

TEST_F(JournalTest, FormatChecks) {
  std::filesystem::create_directories(dir_);
  EXPECT_TRUE(absl::IsNotFound(CheckFormat(dir_, /*create=*/false)));
  ASSERT_TRUE(CheckFormat(dir_, /*create=*/true).ok());
  EXPECT_TRUE(CheckFormat(dir_, /*create=*/false).ok());
  EXPECT_EQ(ReadFormat(dir_).value(), kDataFormat);
  std::ofstream(dir_ + "/FORMAT") << "tact-data 1\n";
  EXPECT_EQ(ReadFormat(dir_).value(), 1);  // read, and migrated by EmbeddedState::Open
  std::ofstream(dir_ + "/FORMAT") << "tact-data 3\n";
  const absl::Status newer = CheckFormat(dir_, false);
  EXPECT_TRUE(absl::IsFailedPrecondition(newer));
  EXPECT_NE(newer.message().find("has format version 3, newer than this tact reads (2)"),
            std::string::npos);
  std::ofstream(dir_ + "/FORMAT") << "something else\n";
  EXPECT_TRUE(absl::IsDataLoss(CheckFormat(dir_, false)));
}

}  // namespace
}  // namespace tact
