#include "store/profiles.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace tact {
namespace {

TEST(ProfilesTest, ReadersKeepTheVersionTheyRead) {
  MemoryProfiles profiles;
  EXPECT_EQ(profiles.people.Find("p-1"), nullptr);
  EXPECT_FALSE(profiles.people.Contains("p-1"));
  Person first;
  first.id = "p-1";
  first.country = "DE";
  profiles.people.Put(first.id, std::make_shared<const Person>(first));
  const std::shared_ptr<const Person> held = profiles.people.Find("p-1");
  Person second = first;
  second.country = "FR";
  profiles.people.Put(second.id, std::make_shared<const Person>(second));
  EXPECT_EQ(held->country, "DE");
  EXPECT_EQ(profiles.people.Find("p-1")->country, "FR");
  EXPECT_EQ(profiles.people.Size(), 1u);
  EXPECT_TRUE(profiles.people.Contains("p-1"));
  EXPECT_FALSE(profiles.people.Contains("p-2"));
}

// Prefetching is a hint: at any step, for people with or without an
// account, stored or not, it finds what a look-up finds and changes nothing.
TEST(ProfilesTest, PrefetchingChangesNothing) {
  MemoryProfiles profiles;
  Person with_account;
  with_account.id = "p-1";
  with_account.account_id = "a-1";
  Person without_account;
  without_account.id = "p-2";
  Person account_unknown;
  account_unknown.id = "p-3";
  account_unknown.account_id = "a-9";
  for (const Person& person : {with_account, without_account, account_unknown}) {
    ASSERT_TRUE(profiles.PutPerson(person, [](const Person*, Person&) {}).ok());
  }
  Account account;
  account.id = "a-1";
  account.industry = "Retail";
  ASSERT_TRUE(profiles.PutAccount(account).ok());
  for (int step = 0; step < ProfileStore::kPrefetchSteps; ++step) {
    for (const char* id : {"p-1", "p-2", "p-3", "p-unknown"}) {
      profiles.Prefetch(id, static_cast<ProfileStore::PrefetchStep>(step));
    }
  }
  EXPECT_EQ(profiles.people.Find("p-1")->account_id, "a-1");
  EXPECT_EQ(profiles.people.Find("p-3")->account_id, "a-9");
  EXPECT_EQ(profiles.people.Find("p-unknown"), nullptr);
  EXPECT_EQ(profiles.accounts.Find("a-1")->industry, "Retail");
  EXPECT_EQ(profiles.accounts.Find("a-9"), nullptr);
  EXPECT_EQ(profiles.Counts().people, 3u);
  EXPECT_EQ(profiles.Counts().accounts, 1u);
}

TEST(ProfilesTest, UpdatesAreAtomicPerPerson) {
  MemoryProfiles profiles;
  Person fresh;
  fresh.id = "p-1";
  std::vector<std::thread> threads;
  for (int thread = 0; thread < 4; ++thread) {
    threads.emplace_back([&] {
      for (int step = 0; step < 1000; ++step) {
        profiles.people.Update("p-1", fresh, [](Person& person) { person.role += "x"; });
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(profiles.people.Find("p-1")->role.size(), 4000u);
}

}  // namespace
}  // namespace tact
