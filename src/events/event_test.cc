#include "events/event.h"

#include <gtest/gtest.h>

#include "testing/fixtures.h"

namespace tact {
namespace {

using testing::T;

Event Of(EventType type) {
  Event event;
  event.id = "evt-1";
  event.person_id = "p-1";
  event.type = type;
  event.at = T("2027-03-01T10:00:00Z");
  return event;
}

TEST(EventTest, NamesRoundTrip) {
  for (int index = 0; index < kEventTypeCount; ++index) {
    const auto type = static_cast<EventType>(index);
    EXPECT_EQ(ParseEventType(EventTypeName(type)), type);
  }
  EXPECT_FALSE(ParseEventType("Opened").has_value());
  EXPECT_FALSE(ParseEventType("").has_value());
}

TEST(EventTest, RepliesAndMeetingsEndUnansweredThreads) {
  EXPECT_EQ(EffectOf(Of(EventType::kReplied), T("2027-03-05T00:00:00Z")).reply,
            ToMinute(T("2027-03-01T10:00:00Z")));
  EXPECT_TRUE(EffectOf(Of(EventType::kMeeting), T("2027-03-05T00:00:00Z")).reply.has_value());
  Event undated = Of(EventType::kReplied);
  undated.at.reset();
  EXPECT_EQ(EffectOf(undated, T("2027-03-05T00:00:00Z")).reply,
            ToMinute(T("2027-03-05T00:00:00Z")));
}

TEST(EventTest, OptOutsNameTheirChannel) {
  EXPECT_EQ(EffectOf(Of(EventType::kUnsubscribed), absl::Now()).opt_out, Channel::kEmail);
  EXPECT_EQ(EffectOf(Of(EventType::kComplained), absl::Now()).opt_out, Channel::kEmail);
  EXPECT_EQ(EffectOf(Of(EventType::kStop), absl::Now()).opt_out, Channel::kSms);
  Event push = Of(EventType::kUnsubscribed);
  push.channel = Channel::kPush;
  EXPECT_EQ(EffectOf(push, absl::Now()).opt_out, Channel::kPush);
}

TEST(EventTest, MachineEventsAndPlainOutcomesChangeNothing) {
  Event scanner = Of(EventType::kReplied);
  scanner.machine = true;
  EXPECT_FALSE(EffectOf(scanner, absl::Now()).reply.has_value());
  for (EventType type : {EventType::kDelivered, EventType::kOpened, EventType::kClicked,
                         EventType::kBouncedSoft, EventType::kDeferredByProvider}) {
    const EventEffect effect = EffectOf(Of(type), absl::Now());
    EXPECT_FALSE(effect.reply.has_value()) << EventTypeName(type);
    EXPECT_FALSE(effect.opt_out.has_value()) << EventTypeName(type);
  }
}

}  // namespace
}  // namespace tact
