#include "codec/json_record.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_cat.h"

namespace tact {
namespace {

simdjson::dom::element Parse(simdjson::dom::parser& parser, const std::string& json) {
  return parser.parse(json).value();
}

std::string Describe(const Record& record) {
  std::string text;
  for (const Field& field : record.fields) {
    absl::StrAppend(&text, field.name, "=", field.text, "/", static_cast<int>(field.type), ";");
  }
  return text;
}

TEST(JsonRecordTest, AReusedRecordHoldsOnlyTheNextObjectsFields) {
  simdjson::dom::parser first_parser, second_parser;
  const auto first = Parse(
      first_parser, R"({"person_id":"a-long-person-id-beyond-small-strings","step":3,)"
                    R"("event_location":{"country":"DE","lat":52.5},"tags":["x",2],"ok":true})");
  const auto second = Parse(second_parser, R"({"kind":"promotional","value":null})");
  Record record;
  ASSERT_TRUE(FillRecordFromElement(first, record).ok());
  EXPECT_EQ(Describe(record),
            "person_id=a-long-person-id-beyond-small-strings/1;step=3/2;"
            "event_location.country=DE/1;event_location.lat=52.5/2;tags=x,2/5;ok=true/3;");
  ASSERT_TRUE(FillRecordFromElement(second, record).ok());
  EXPECT_EQ(Describe(record), Describe(*RecordFromElement(second)));
  EXPECT_EQ(Describe(record), "kind=promotional/1;value=/4;");
}

TEST(JsonRecordTest, ARepeatedKeyIsAnErrorInSmallAndLargeObjects) {
  for (int members : {2, 24, 25, 40}) {
    std::string json = "{";
    for (int index = 0; index < members; ++index) absl::StrAppend(&json, "\"f", index, "\":1,");
    absl::StrAppend(&json, "\"f", members / 2, "\":2}");
    simdjson::dom::parser parser;
    Record record;
    const absl::Status status = FillRecordFromElement(Parse(parser, json), record);
    EXPECT_EQ(status.message(), absl::StrCat("f", members / 2, ": appears more than once"))
        << members;
    json.back() = ',';
    absl::StrAppend(&json, "\"g\":1}");
    json.replace(json.rfind(absl::StrCat("\"f", members / 2, "\":2")),
                 absl::StrCat("\"f", members / 2, "\":2").size(), "\"h\":2");
    EXPECT_TRUE(FillRecordFromElement(Parse(parser, json), record).ok()) << json;
  }
}

TEST(JsonRecordTest, ErrorsNameTheField) {
  simdjson::dom::parser parser;
  Record record;
  EXPECT_EQ(FillRecordFromElement(Parse(parser, R"({"a":{"b":[{"c":1}]}})"), record).message(),
            "a.b: must be a list of strings or numbers");
  EXPECT_EQ(FillRecordFromElement(Parse(parser, R"([1])"), record).message(),
            "must be a JSON object");
  EXPECT_TRUE(record.fields.empty());
}

}  // namespace
}  // namespace tact
