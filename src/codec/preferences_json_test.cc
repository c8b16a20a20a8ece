#include "codec/preferences_json.h"

#include <gtest/gtest.h>

#include "codec/record_reader.h"

namespace tact {
namespace {

absl::StatusOr<PreferenceChangeRequest> Decode(absl::string_view json) {
  absl::StatusOr<Record> record = RecordFromJson(json);
  EXPECT_TRUE(record.ok()) << record.status();
  return DecodePreferenceChange(*record);
}

std::string Problem(absl::string_view json) { return std::string(Decode(json).status().message()); }

TEST(PreferencesJsonTest, DecodesThePartsGivenAndLeavesTheRest) {
  auto request = Decode(
      R"({"channels":["sms","email","sms"],"topics":["events","events"],"paused_until":"2027-01-04T00:00:30Z","at":"2026-12-01T09:00:00Z"})");
  ASSERT_TRUE(request.ok()) << request.status();
  const PreferenceChange& change = request->change;
  EXPECT_FALSE(change.frequency.has_value());
  EXPECT_FALSE(change.languages.has_value());
  ASSERT_TRUE(change.channels.has_value());
  EXPECT_TRUE(change.channels->Contains(Channel::kSms) &&
              change.channels->Contains(Channel::kEmail));
  EXPECT_FALSE(change.channels->Contains(Channel::kPush));
  EXPECT_EQ(*change.topics, std::vector<std::string>{"events"});
  EXPECT_EQ(*change.paused_until, ToMinute(*ParseUtc("2027-01-04T00:00:00Z")));
  EXPECT_EQ(*request->at, *ParseUtc("2026-12-01T09:00:00Z"));
}

TEST(PreferencesJsonTest, EmptyValuesClearTheirPart) {
  auto request = Decode(R"({"frequency":"","channels":[],"languages":[],"paused_until":""})");
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(*request->change.frequency, "");
  EXPECT_TRUE(request->change.channels->Empty());
  EXPECT_TRUE(request->change.languages->empty());
  EXPECT_EQ(*request->change.paused_until, Preferences::kNotPaused);
  EXPECT_FALSE(request->at.has_value());
}

TEST(PreferencesJsonTest, NamesEachMalformedField) {
  EXPECT_EQ(Problem(R"({"channels":["emial","fax"],"paused_until":"soon","frequncy":"weekly"})"),
            "frequncy: unknown field (did you mean 'frequency'?); channels: 'emial' is not a "
            "channel (did you mean 'email'?); use email, sms, push, call, social, direct_mail; "
            "channels: 'fax' is not a channel; use email, sms, push, call, social, direct_mail; "
            "paused_until: 'soon' is not an RFC 3339 time such as 2027-02-10T16:00:00Z");
  EXPECT_EQ(Problem(R"({"at":"2026-12-01T09:00:00Z"})"),
            "the body changes nothing; give frequency, channels, topics, languages or "
            "paused_until");
}

TEST(PreferencesJsonTest, WritesTheRecordWithWhenEachPartChanged) {
  Preferences preferences;
  preferences.frequency = "weekly";
  preferences.channels.Add(Channel::kSms);
  preferences.channels.Add(Channel::kEmail);
  preferences.paused_until = ToMinute(*ParseUtc("2027-01-04T00:00:00Z"));
  preferences.changed[static_cast<int>(PreferencePart::kPause)] =
      ToMinute(*ParseUtc("2026-12-01T09:00:00Z"));
  const std::vector<PreferencePart> replaced = {PreferencePart::kPause};
  const std::vector<PreferencePart> outranked = {PreferencePart::kTopics};
  EXPECT_EQ(PreferencesToJson("p-1", preferences, *ParseUtc("2027-01-03T23:59:00Z"), &replaced,
                              &outranked),
            R"({"person_id":"p-1","frequency":"weekly","channels":["email","sms"],"topics":[],)"
            R"("languages":[],"paused_until":"2027-01-04T00:00:00Z","paused":true,)"
            R"("changed":{"frequency":null,"channels":null,"topics":null,"languages":null,)"
            R"("paused_until":"2026-12-01T09:00:00Z"},"replaced":["paused_until"],)"
            R"("outranked":["topics"]})");
  EXPECT_NE(PreferencesToJson("p-1", preferences, *ParseUtc("2027-01-04T00:00:00Z"))
                .find(R"("paused":false)"),
            std::string::npos);
}

}  // namespace
}  // namespace tact
