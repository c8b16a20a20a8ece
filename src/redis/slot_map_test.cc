#include "redis/slot_map.h"

#include <gtest/gtest.h>

namespace tact::redis {
namespace {

Reply Node(std::string host, int port) {
  return Reply::Array({Reply::String(std::move(host)), Reply::Integer(port), Reply::String("id")});
}

Reply Range(int first, int last, Reply master, std::vector<Reply> replicas = {}) {
  std::vector<Reply> fields = {Reply::Integer(first), Reply::Integer(last), std::move(master)};
  for (Reply& replica : replicas) fields.push_back(std::move(replica));
  return Reply::Array(std::move(fields));
}

const Endpoint kAsked{"10.0.0.9", 7000};

TEST(SlotMapTest, ReadsCLUSTERSLOTS) {
  Reply reply = Reply::Array({Range(0, 5460, Node("10.0.0.1", 7000), {Node("10.0.0.4", 7000)}),
                              Range(5461, 10922, Node("10.0.0.2", 7000)),
                              Range(10923, 16383, Node("10.0.0.3", 7000))});
  absl::StatusOr<SlotMap> map = SlotMap::FromClusterSlots(reply, kAsked);
  ASSERT_TRUE(map.ok()) << map.status();
  EXPECT_EQ(map->MasterOf(0), (Endpoint{"10.0.0.1", 7000}));
  EXPECT_EQ(map->MasterOf(5461), (Endpoint{"10.0.0.2", 7000}));
  EXPECT_EQ(map->MasterOf(16383), (Endpoint{"10.0.0.3", 7000}));
  EXPECT_EQ(map->masters().size(), 3u);
  EXPECT_EQ(map->nodes().size(), 4u);  // the replica is somewhere to ask for a map
}

TEST(SlotMapTest, AnEmptyHostIsTheHostAsked) {
  Reply reply = Reply::Array({Range(0, 16383, Node("", 7001))});
  absl::StatusOr<SlotMap> map = SlotMap::FromClusterSlots(reply, kAsked);
  ASSERT_TRUE(map.ok()) << map.status();
  EXPECT_EQ(map->MasterOf(100), (Endpoint{"10.0.0.9", 7001}));
}

TEST(SlotMapTest, RefusesAMapWithAnUnservedSlot) {
  Reply reply = Reply::Array({Range(0, 100, Node("a", 1)), Range(102, 16383, Node("b", 2))});
  absl::StatusOr<SlotMap> map = SlotMap::FromClusterSlots(reply, kAsked);
  EXPECT_EQ(map.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(map.status().message().find("slot 101"), absl::string_view::npos);
}

TEST(SlotMapTest, RefusesWhatIsNotCLUSTERSLOTS) {
  EXPECT_EQ(SlotMap::FromClusterSlots(Reply::Status("OK"), kAsked).status().code(),
            absl::StatusCode::kInvalidArgument);
  Reply out_of_range = Reply::Array({Range(0, 16384, Node("a", 1))});
  EXPECT_EQ(SlotMap::FromClusterSlots(out_of_range, kAsked).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(SlotMapTest, AMovedSlotGoesToItsNewMasterAlone) {
  Reply reply = Reply::Array({Range(0, 8191, Node("a", 1)), Range(8192, 16383, Node("b", 2))});
  SlotMap map = *SlotMap::FromClusterSlots(reply, kAsked);
  map.Move(10, Endpoint{"c", 3});
  EXPECT_EQ(map.MasterOf(10), (Endpoint{"c", 3}));
  EXPECT_EQ(map.MasterOf(11), (Endpoint{"a", 1}));
  EXPECT_EQ(map.masters().size(), 3u);
  // A master left with no slot is no longer one to ask.
  for (int slot = 8192; slot < 16384; ++slot) map.Move(slot, Endpoint{"a", 1});
  EXPECT_EQ(map.masters().size(), 2u);
}

}  // namespace
}  // namespace tact::redis
