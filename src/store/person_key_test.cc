#include "store/person_key.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"

namespace tact {
namespace {

TEST(PersonKeyTest, KeepsShortAndLongIdsWhole) {
  const std::string longest_inline(22, 'a');
  const std::string uuid = "0b9e6a52-5c4e-4d0f-9d61-6f7a1f1b2c3d";
  for (const std::string& id :
       {std::string(), std::string("p-0001234"), longest_inline, longest_inline + "b", uuid}) {
    const PersonKey key(id);
    EXPECT_EQ(key.view(), id);
    EXPECT_EQ(key.HeapBytes(), id.size() > 22 ? id.size() : 0u) << id;
    EXPECT_EQ(PersonKeyHash{}(key), PersonKeyHash{}(absl::string_view(id)));
  }
}

TEST(PersonKeyTest, CopiesAndMovesOwnTheirBytes) {
  const std::string uuid = "0b9e6a52-5c4e-4d0f-9d61-6f7a1f1b2c3d";
  PersonKey first(uuid);
  PersonKey copy = first;
  PersonKey moved = std::move(first);
  EXPECT_EQ(copy.view(), uuid);
  EXPECT_EQ(moved.view(), uuid);
  copy = PersonKey("short");
  EXPECT_EQ(copy.view(), "short");
  moved = copy;
  EXPECT_EQ(moved.view(), "short");
  EXPECT_EQ(moved.HeapBytes(), 0u);
}

TEST(PersonKeyTest, ATableFindsKeysByPlainIds) {
  absl::flat_hash_map<PersonKey, int, PersonKeyHash, PersonKeyEq> table;
  for (int index = 0; index < 1000; ++index) {
    const std::string id = index % 2 ? "p-" + std::to_string(index)
                                     : "someone-with-a-long-address-" + std::to_string(index);
    table.emplace(PersonKey(id), index);
  }
  table.rehash(4096);  // keys move with their slots
  for (int index = 0; index < 1000; ++index) {
    const std::string id = index % 2 ? "p-" + std::to_string(index)
                                     : "someone-with-a-long-address-" + std::to_string(index);
    const auto found = table.find(absl::string_view(id));
    ASSERT_NE(found, table.end()) << id;
    EXPECT_EQ(found->second, index);
    EXPECT_EQ(found->first.view(), id);
  }
  EXPECT_EQ(table.find(absl::string_view("p-1000")), table.end());
}

}  // namespace
}  // namespace tact
