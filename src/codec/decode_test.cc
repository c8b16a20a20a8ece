#include "codec/decode.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "codec/record_reader.h"
#include "core/minutes.h"

namespace tact {
namespace {

Record Json(const std::string& json) {
  auto record = RecordFromJson(json);
  EXPECT_TRUE(record.ok()) << record.status().message();
  return record.ok() ? *record : Record{};
}

TEST(DecodeTouchTest, ReadsTheDesignDocumentExample) {
  auto touch = DecodeTouch(Json(R"({"person_id": "p-123", "channel": "email", "kind": "promotional",
    "sender": "ana@acme.example", "team": "field-marketing", "tool": "hubspot", "campaign": "q3-webinar",
    "priority": "promotional", "value": 40, "thread": "t-9", "step": 2, "language": "en",
    "event_location": {"country": "DE", "lat": 48.14, "lon": 11.58},
    "subject": "Hello", "body": "Text", "at": "2027-02-10T16:00:00Z", "expires": "2027-02-14T00:00:00Z",
    "on_limit": "defer", "dry_run": false})"));
  ASSERT_TRUE(touch.ok()) << touch.status().message();
  EXPECT_EQ(touch->person_id, "p-123");
  EXPECT_EQ(touch->channel, Channel::kEmail);
  EXPECT_EQ(touch->kind, Kind::kPromotional);
  EXPECT_EQ(touch->step, 2);
  EXPECT_EQ(touch->value, 40);
  ASSERT_TRUE(touch->event_location.has_value());
  EXPECT_EQ(touch->event_location->country, "DE");
  EXPECT_DOUBLE_EQ(touch->event_location->point->lat, 48.14);
  EXPECT_EQ(touch->on_limit, OnLimit::kDefer);
}

TEST(DecodeTouchTest, NamesEveryBadField) {
  auto touch = DecodeTouch(Json(
      R"({"person_id": "p", "channel": "fax", "value": 140, "step": "two", "at": "yesterday", "sendr": "x"})"));
  ASSERT_FALSE(touch.ok());
  const std::string message(touch.status().message());
  EXPECT_NE(message.find("sendr: unknown field (did you mean 'sender'?)"), std::string::npos)
      << message;
  EXPECT_NE(message.find("kind: is required"), std::string::npos) << message;
  EXPECT_NE(message.find("channel: 'fax' is not a channel; use email, sms"), std::string::npos)
      << message;
  EXPECT_NE(message.find("value: must be between 0 and 100 (got 140)"), std::string::npos)
      << message;
  EXPECT_NE(message.find("step: must be a number"), std::string::npos) << message;
  EXPECT_NE(message.find("at: 'yesterday' is not an RFC 3339 time"), std::string::npos) << message;
}

TEST(DecodeTouchTest, TimesOutsideTheAcceptedYearsAreErrors) {
  auto touch = DecodeTouch(Json(R"({"person_id": "p", "channel": "email", "kind": "cold",
    "at": "9999-12-31T23:59:59Z", "expires": "1969-12-31T23:59:59Z"})"));
  ASSERT_FALSE(touch.ok());
  const std::string message(touch.status().message());
  EXPECT_NE(message.find("at: '9999-12-31T23:59:59Z' is outside the years 1970 to 2199"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("expires: '1969-12-31T23:59:59Z' is outside"), std::string::npos)
      << message;
}

TEST(DecodeTouchTest, WrongJsonTypesAreErrors) {
  auto touch = DecodeTouch(
      Json(R"({"person_id": 7, "channel": "email", "kind": "cold", "dry_run": "yes"})"));
  ASSERT_FALSE(touch.ok());
  const std::string message(touch.status().message());
  EXPECT_NE(message.find("person_id: must be a string"), std::string::npos) << message;
  EXPECT_NE(message.find("dry_run: must be true or false"), std::string::npos) << message;
}

TEST(DecodePersonTest, ReadsConsentAndZone) {
  auto person =
      DecodePerson(Json(R"({"id": "p-1", "time_zone": "Asia/Tokyo", "languages": ["ja", "en"],
    "country": "jp", "consent": {"sms": "opted_in", "email": "opted_out"}})"));
  ASSERT_TRUE(person.ok()) << person.status().message();
  ASSERT_NE(person->clock, nullptr);
  EXPECT_EQ(person->clock->name(), "Asia/Tokyo");
  EXPECT_EQ(person->country, "JP");
  EXPECT_EQ(person->languages, (std::vector<std::string>{"ja", "en"}));
  EXPECT_EQ(person->ConsentFor(Channel::kSms), Consent::kOptedIn);
  EXPECT_EQ(person->ConsentFor(Channel::kEmail), Consent::kOptedOut);
  EXPECT_EQ(person->ConsentFor(Channel::kPush), Consent::kUnknown);
}

TEST(DecodePersonTest, RejectsUnknownZoneAndHalfACoordinate) {
  auto person = DecodePerson(
      Json(R"({"id": "p-1", "time_zone": "Mars/Olympus", "lat": 10, "country": "Germany"})"));
  ASSERT_FALSE(person.ok());
  const std::string message(person.status().message());
  EXPECT_NE(message.find("time_zone: 'Mars/Olympus' is not a known IANA time zone"),
            std::string::npos);
  EXPECT_NE(message.find("lon: is required when the other coordinate is given"), std::string::npos);
  EXPECT_NE(message.find("country: 'Germany' is not a two-letter"), std::string::npos);
}

TEST(DecodeAccountTest, UnknownColumnsBecomeAttributes) {
  auto account = DecodeAccount(Json(R"({"id": "a-1", "industry": "Software", "employees": 250,
    "open_escalations": 1, "attributes": {"segment": "enterprise"}, "tier": "gold"})"));
  ASSERT_TRUE(account.ok()) << account.status().message();
  EXPECT_EQ(account->industry, "software");
  EXPECT_EQ(account->employees, 250);
  EXPECT_EQ(account->open_escalations, 1);
  EXPECT_EQ(account->attributes.at("segment"), "enterprise");
  EXPECT_EQ(account->attributes.at("tier"), "gold");
}

TEST(DecodeAccountTest, ReadsSecsCikInAnyOfItsFormsAndNamesABadOne) {
  for (const char* cik : {"320193", "0000320193", "CIK0000320193", "cik320193"}) {
    auto account = DecodeAccount(Json(absl::StrCat(R"({"id": "apple", "cik": ")", cik, R"("})")));
    ASSERT_TRUE(account.ok()) << account.status().message();
    EXPECT_EQ(account->cik, "320193") << cik;
    EXPECT_FALSE(account->attributes.contains("cik"));
  }
  auto bad = DecodeAccount(Json(R"({"id": "apple", "cik": "AAPL"})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("cik: 'AAPL' is not SEC's Central Index Key"),
            std::string::npos)
      << bad.status().message();
}

TEST(DecodeEventTest, ReadsTheDesignDocumentExample) {
  auto event = DecodeEvent(Json(R"({"id": "evt-1", "type": "opened", "person_id": "p-123",
      "channel": "email", "touch_id": "t_8Jc2", "at": "2027-02-10T16:05:00Z", "machine": true})"));
  ASSERT_TRUE(event.ok()) << event.status().message();
  EXPECT_EQ(event->id, "evt-1");
  EXPECT_EQ(event->type, EventType::kOpened);
  EXPECT_EQ(event->channel, Channel::kEmail);
  EXPECT_EQ(event->touch_id, "t_8Jc2");
  EXPECT_TRUE(event->machine);
  EXPECT_EQ(FormatUtc(*event->at), "2027-02-10T16:05:00Z");
}

TEST(DecodeEventTest, NamesEveryBadField) {
  auto event = DecodeEvent(Json(R"({"type": "read", "person_id": 7, "channel": "fax",
      "at": "yesterday", "machine": "yes", "touchid": "t"})"));
  ASSERT_FALSE(event.ok());
  const std::string message(event.status().message());
  for (const char* expected :
       {"id: is required", "type: 'read' is not an event type; use delivered,",
        "person_id: must be a string", "channel: 'fax' is not a channel",
        "at: 'yesterday' is not an RFC 3339 time", "machine: must be true or false",
        "touchid: unknown field (did you mean 'touch_id'?)"}) {
    EXPECT_NE(message.find(expected), std::string::npos) << expected << " in " << message;
  }
}

TEST(RecordFromJsonTest, RejectsNonObjectsAndBadJson) {
  EXPECT_FALSE(RecordFromJson("[1,2]").ok());
  EXPECT_FALSE(RecordFromJson("{\"a\": ").ok());
  EXPECT_FALSE(RecordFromJson("{\"a\": \"\xff\"}").ok());  // invalid UTF-8
  EXPECT_FALSE(RecordFromJson(R"({"a": [{"b": 1}]})").ok());
}

}  // namespace
TEST(DecodePersonTest, LanguagesAreTagsAndZonesFollowAPlace) {
  auto named =
      DecodePerson(Json(R"({"id": "a", "languages": ["German", "en-GB", "pt_BR", "fil"]})"));
  ASSERT_FALSE(named.ok());
  EXPECT_NE(named.status().message().find("languages: 'German' is not a BCP 47 language tag"),
            std::string::npos)
      << named.status().message();
  EXPECT_NE(named.status().message().find("did you mean 'de'?"), std::string::npos);
  EXPECT_TRUE(
      DecodePerson(Json(R"({"id": "a", "languages": ["en-GB", "pt_BR", "fil", "nb"]})")).ok());
  for (const char* zone : {"EST", "CET", "PST8PDT", "Etc/GMT+5"}) {
    auto legacy = DecodePerson(Json(absl::StrCat(R"({"id": "a", "time_zone": ")", zone, R"("})")));
    ASSERT_FALSE(legacy.ok()) << zone;
    EXPECT_NE(legacy.status().message().find("follows no place's daylight-saving time"),
              std::string::npos)
        << legacy.status().message();
  }
  auto empty = DecodePerson(Json(R"({"id": "a", "time_zone": ""})"));
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("time_zone: is empty"), std::string::npos);
  EXPECT_TRUE(DecodePerson(Json(R"({"id": "a", "time_zone": "America/St_Johns"})")).ok());
}

}  // namespace tact
