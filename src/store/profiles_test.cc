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
