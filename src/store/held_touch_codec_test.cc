#include "store/held_touch_codec.h"

#include <gtest/gtest.h>

#include "testing/fixtures.h"

namespace tact {
namespace {

using testing::T;

HeldTouch Full() {
  HeldTouch held;
  held.id = 0x0123456789abcdefULL;
  held.state = HeldState::kCalling;
  held.outcome = Outcome::kSuppress;
  held.attempts = 3;
  held.held_at = T("2030-03-05T15:00:00Z");
  held.due = T("2030-03-06T15:00:00Z");
  held.expires = absl::InfiniteFuture();
  held.changed_at = T("2030-03-06T15:00:01Z");
  held.decided_at = T("2030-03-06T15:00:00Z");
  held.rule = "consent.email";
  held.last_error = "answered 500";
  Touch& touch = held.touch;
  touch.person_id = "p-ü";
  touch.channel = Channel::kSms;
  touch.kind = Kind::kCold;
  touch.sender = "ana@example.com";
  touch.team = "sales";
  touch.tool = "braze";
  touch.campaign = "spring";
  touch.list = "news";
  touch.thread = "th-1";
  touch.step = 2;
  touch.priority = "high";
  touch.value = 70;
  touch.language = "de";
  touch.subject = "Hallo";
  touch.body = std::string(300, 'x');
  touch.key = "k-1";
  touch.on_limit = OnLimit::kHold;
  touch.at = T("2030-03-05T14:59:00Z");
  touch.first_asked = T("2030-03-05T14:00:00Z");
  touch.event_location = EventLocation{"DE", GeoPoint{52.5, 13.4}};
  touch.hold_ref = "4XyZ1b2c3d";
  touch.topic = "events";
  return held;
}

TEST(HeldTouchCodecTest, RoundTripsEveryField) {
  const HeldTouch held = Full();
  const std::string bytes = EncodeHeldTouch(held);
  absl::StatusOr<HeldTouch> back = DecodeHeldTouch(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(EncodeHeldTouch(*back), bytes);
  EXPECT_EQ(back->expires, absl::InfiniteFuture());
  EXPECT_EQ(back->touch.on_limit, OnLimit::kHold);
  EXPECT_FALSE(back->touch.expires.has_value());
  EXPECT_EQ(back->touch.event_location->point->lon, 13.4);
  EXPECT_EQ(back->touch.body, held.touch.body);
  EXPECT_EQ(back->rule, "consent.email");
  EXPECT_EQ(back->touch.hold_ref, "4XyZ1b2c3d");
  EXPECT_EQ(back->touch.topic, "events");
}

// Version 2 (before topic) is the same bytes without the last field.
TEST(HeldTouchCodecTest, ReadsVersionTwoWithoutTopic) {
  HeldTouch held = Full();
  held.touch.topic.clear();
  std::string bytes = EncodeHeldTouch(held);
  ASSERT_EQ(bytes[0], 3);
  ASSERT_EQ(bytes.back(), 0);  // the empty topic's length
  bytes[0] = 2;
  bytes.pop_back();
  absl::StatusOr<HeldTouch> back = DecodeHeldTouch(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->touch.topic, "");
  EXPECT_EQ(back->touch.hold_ref, "4XyZ1b2c3d");
  EXPECT_FALSE(DecodeHeldTouch(bytes + std::string(1, '\0')).ok());  // trailing in version 2
}

// Version 1 (before hold_ref) is the same bytes without the last field.
TEST(HeldTouchCodecTest, ReadsVersionOneWithoutHoldRef) {
  HeldTouch held = Full();
  held.touch.hold_ref.clear();
  held.touch.topic.clear();
  std::string bytes = EncodeHeldTouch(held);
  ASSERT_EQ(bytes[0], 3);
  bytes[0] = 1;
  bytes.resize(bytes.size() - 2);  // the empty hold_ref's and topic's lengths
  absl::StatusOr<HeldTouch> back = DecodeHeldTouch(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->touch.hold_ref, "");
  EXPECT_EQ(back->touch.event_location->country, "DE");
  EXPECT_FALSE(DecodeHeldTouch(bytes + std::string(1, '\0')).ok());  // trailing in version 1
}

TEST(HeldTouchCodecTest, RefusesTruncatedAndTrailingBytes) {
  const std::string bytes = EncodeHeldTouch(Full());
  for (size_t size = 0; size < bytes.size(); size += 7) {
    EXPECT_FALSE(DecodeHeldTouch(bytes.substr(0, size)).ok()) << size;
  }
  EXPECT_FALSE(DecodeHeldTouch(bytes + "x").ok());
  std::string future = bytes;
  future[0] = 9;
  EXPECT_FALSE(DecodeHeldTouch(future).ok());
}

TEST(HeldTouchCodecTest, KeysSortById) {
  EXPECT_EQ(HeldTouchKey(0xff), "held/00000000000000ff");
  EXPECT_LT(HeldTouchKey(0xff), HeldTouchKey(0x100));
}

}  // namespace
}  // namespace tact
