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

TEST(EventTest, MachineEventsAreNotThePersonsEngagement) {
  Event scanner = Of(EventType::kReplied);
  scanner.machine = true;
  EXPECT_FALSE(EffectOf(scanner, absl::Now()).reply.has_value());
  EXPECT_FALSE(EffectOf(scanner, absl::Now()).engaged.has_value());
  Event privacy_open = Of(EventType::kOpened);
  privacy_open.machine = true;
  EXPECT_FALSE(EffectOf(privacy_open, absl::Now()).engaged.has_value());
  // ... unless the policy counts them (engagement.machine_opens = "count").
  EXPECT_EQ(EffectOf(privacy_open, absl::Now(), /*count_machine_opens=*/true).engaged,
            ToMinute(T("2027-03-01T10:00:00Z")));
  EXPECT_EQ(EffectOf(Of(EventType::kOpened), absl::Now()).engaged,
            ToMinute(T("2027-03-01T10:00:00Z")));
  EXPECT_TRUE(EffectOf(Of(EventType::kClicked), absl::Now()).engaged.has_value());
  EXPECT_TRUE(EffectOf(Of(EventType::kReplied), absl::Now()).engaged.has_value());
  EXPECT_FALSE(EffectOf(Of(EventType::kDelivered), absl::Now()).engaged.has_value());
}

TEST(EventTest, OpensClicksAndRepliesThatAreNotMachinesSayWhenThePersonReads) {
  EXPECT_EQ(EffectOf(Of(EventType::kOpened), absl::Now()).reading, EngagementKind::kOpen);
  EXPECT_EQ(EffectOf(Of(EventType::kClicked), absl::Now()).reading, EngagementKind::kClick);
  EXPECT_EQ(EffectOf(Of(EventType::kReplied), absl::Now()).reading, EngagementKind::kReply);
  // A meeting's time is the meeting's, not when they read.
  EXPECT_FALSE(EffectOf(Of(EventType::kMeeting), absl::Now()).reading.has_value());
  EXPECT_FALSE(EffectOf(Of(EventType::kDelivered), absl::Now()).reading.has_value());
  Event privacy_open = Of(EventType::kOpened);
  privacy_open.machine = true;
  // Even where the policy counts machine opens as engagement.
  EXPECT_FALSE(EffectOf(privacy_open, absl::Now(), true).reading.has_value());
}

TEST(EventTest, ListsBouncesAndResubscribes) {
  Event left = Of(EventType::kUnsubscribed);
  left.list = "newsletter";
  EXPECT_EQ(EffectOf(left, absl::Now()).list_left, "newsletter");
  EXPECT_FALSE(EffectOf(left, absl::Now()).opt_out.has_value());
  Event rejoined = Of(EventType::kResubscribed);
  rejoined.list = "newsletter";
  EXPECT_EQ(EffectOf(rejoined, absl::Now()).list_joined, "newsletter");
  Event start = Of(EventType::kResubscribed);
  start.channel = Channel::kSms;
  EXPECT_EQ(EffectOf(start, absl::Now()).opt_in, Channel::kSms);
  EXPECT_EQ(EffectOf(Of(EventType::kBouncedHard), absl::Now()).undeliverable, Channel::kEmail);
  EXPECT_FALSE(EffectOf(Of(EventType::kBouncedSoft), absl::Now()).undeliverable.has_value());
}

TEST(EventTest, PlainOutcomesChangeNothing) {
  for (EventType type :
       {EventType::kDelivered, EventType::kBouncedSoft, EventType::kDeferredByProvider}) {
    const EventEffect effect = EffectOf(Of(type), absl::Now());
    EXPECT_FALSE(effect.reply.has_value()) << EventTypeName(type);
    EXPECT_FALSE(effect.opt_out.has_value()) << EventTypeName(type);
    EXPECT_FALSE(effect.engaged.has_value()) << EventTypeName(type);
    EXPECT_FALSE(effect.undeliverable.has_value()) << EventTypeName(type);
  }
}

}  // namespace
}  // namespace tact
