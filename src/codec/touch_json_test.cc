#include "codec/touch_json.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "codec/decode.h"
#include "codec/json_record.h"
#include "core/minutes.h"

namespace tact {
namespace {

std::string TimeText(const std::optional<absl::Time>& time) {
  return time ? FormatUtc(*time) : "-";
}

// Every member of a touch, to compare two decodings.
std::string Describe(const Touch& touch) {
  return absl::StrJoin({touch.person_id,
                        std::string(ChannelName(touch.channel)),
                        std::string(KindName(touch.kind)),
                        touch.sender,
                        touch.team,
                        touch.tool,
                        touch.campaign,
                        touch.list,
                        touch.topic,
                        touch.thread,
                        absl::StrCat(touch.step),
                        touch.priority,
                        absl::StrCat(touch.value),
                        touch.language,
                        touch.event_location ? touch.event_location->country : "-",
                        touch.subject,
                        touch.body,
                        TimeText(touch.at),
                        TimeText(touch.expires),
                        TimeText(touch.first_asked),
                        touch.on_limit ? absl::StrCat(static_cast<int>(*touch.on_limit)) : "-",
                        absl::StrCat(touch.at_best),
                        touch.key,
                        touch.hold_ref,
                        absl::StrCat(touch.dry_run)},
                       "|");
}

// A member with a value drawn from good ones and from every way to be wrong.
std::string RandomMember(std::mt19937_64& random) {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kMembers = {
      {"person_id",
       {"\"p-1\"", "\"\"", "7", "null", std::string("\"") + std::string(300, 'x') + "\""}},
      {"channel", {"\"email\"", "\"sms\"", "\"fax\"", "1", "null", "[\"email\"]"}},
      {"kind", {"\"promotional\"", "\"cold\"", "\"spam\"", "null", "{\"a\":1}"}},
      {"sender", {"\"a@b.example\"", "\"\"", "3", "true"}},
      {"team", {"\"growth\"", "null"}},
      {"campaign", {"\"spring\"", "\"caf\\u00e9\""}},
      {"list", {"\"news\"", "\"a,b\"", "\"a b\""}},
      {"thread", {"\"t-1\""}},
      {"step", {"1", "255", "256", "-1", "2.0", "2.5", "\"3\"", "18446744073709551615"}},
      {"value", {"0", "100", "101", "50", "1e2"}},
      {"language", {"\"en\"", "\"de-DE\""}},
      {"subject", {"\"Hello\"", "\"\""}},
      {"body", {"\"Hi there,\\nsee you\"", std::string("\"") + std::string(70000, 'b') + "\""}},
      {"at",
       {"\"2027-03-01T10:00:00Z\"", "\"2027-03-01T11:00:00+01:00\"", "\"yesterday\"",
        "\"2300-01-01T00:00:00Z\"", "5"}},
      {"expires", {"\"2027-03-02T10:00:00Z\"", "\"2027-02-01T10:00:00Z\""}},
      {"first_asked", {"\"2027-02-28T10:00:00Z\"", "\"2027-03-05T10:00:00Z\""}},
      {"at_best", {"true", "false", "\"true\"", "1"}},
      {"dry_run", {"true", "null"}},
      {"on_limit", {"\"hold\"", "\"drop\"", "\"defer\"", "\"later\""}},
      {"key", {"\"k-1\""}},
      {"hold_ref", {"\"q-1\""}},
      {"topic", {"\"product\""}},
      {"tool", {"\"hubspot\""}},
      {"priority", {"\"high\""}},
      {"event_location", {"{\"country\":\"DE\"}"}},
      {"event_country", {"\"FR\""}},
      {"person_id ", {"\"p-2\""}},
      {"colour", {"\"red\""}},
  };
  const auto& [name, values] = kMembers[random() % kMembers.size()];
  return absl::StrCat("\"", name, "\":", values[random() % values.size()]);
}

std::string RandomTouch(std::mt19937_64& random) {
  std::vector<std::string> members;
  // Mostly the plain shape, so that both decoders succeed often.
  if (random() % 4 != 0) {
    members = {"\"person_id\":\"p-9\"", "\"channel\":\"email\"", "\"kind\":\"promotional\""};
  }
  const int extra = static_cast<int>(random() % 5);
  for (int index = 0; index < extra; ++index) members.push_back(RandomMember(random));
  std::shuffle(members.begin(), members.end(), random);
  return absl::StrCat("{", absl::StrJoin(members, ","), "}");
}

// The plain decoder never decides what the general one would not: where it
// answers, the general decoder succeeds with the same touch.
TEST(TouchJsonTest, ThePlainShapeDecodesAsTheGeneralDecoderDoes) {
  std::mt19937_64 random(17);
  simdjson::dom::parser parser;
  int plain = 0, general_only = 0, refused = 0;
  for (int round = 0; round < 20000; ++round) {
    const std::string json = RandomTouch(random);
    simdjson::dom::element element;
    ASSERT_EQ(parser.parse(json).get(element), simdjson::SUCCESS) << json;
    absl::StatusOr<Record> record = RecordFromElement(element);
    absl::StatusOr<Touch> expected =
        record.ok() ? DecodeTouch(*record) : absl::StatusOr<Touch>(record.status());
    Touch touch;
    if (DecodePlainTouchJson(element, touch)) {
      ++plain;
      ASSERT_TRUE(expected.ok()) << json << " -> " << expected.status().message();
      ASSERT_EQ(Describe(touch), Describe(*expected)) << json;
    } else if (expected.ok()) {
      ++general_only;
    } else {
      ++refused;
    }
    // The whole decoder answers as the general one, errors word for word.
    Record scratch;
    Touch decoded;
    const absl::Status status = DecodeTouchJson(element, scratch, decoded);
    ASSERT_EQ(status.ok(), expected.ok()) << json;
    if (status.ok()) {
      ASSERT_EQ(Describe(decoded), Describe(*expected)) << json;
    } else {
      ASSERT_EQ(status.message(), expected.status().message()) << json;
    }
  }
  // Each way was taken often enough to mean something.
  EXPECT_GT(plain, 3000);
  EXPECT_GT(general_only, 300);
  EXPECT_GT(refused, 3000);
}

TEST(TouchJsonTest, ABatchsTypicalTouchTakesThePlainShape) {
  simdjson::dom::parser parser;
  simdjson::dom::element element;
  ASSERT_EQ(parser
                .parse(std::string(R"({"person_id":"p-17","channel":"email","kind":"promotional",)"
                                   R"("campaign":"bench","at":"2030-03-05T15:00:00Z"})"))
                .get(element),
            simdjson::SUCCESS);
  Touch touch;
  ASSERT_TRUE(DecodePlainTouchJson(element, touch));
  EXPECT_EQ(touch.person_id, "p-17");
  EXPECT_EQ(touch.campaign, "bench");
  EXPECT_EQ(FormatUtc(*touch.at), "2030-03-05T15:00:00Z");
}

}  // namespace
}  // namespace tact
