#include "codec/profile_json.h"

#include <gtest/gtest.h>

#include "codec/decode.h"
#include "codec/record_reader.h"

namespace tact {
namespace {

TEST(ProfileJsonTest, PersonRoundTripsThroughTheDecoder) {
  const std::string json =
      R"({"id":"p-1","account_id":"a-1","time_zone":"Europe/Berlin","languages":["de","en"],)"
      R"("country":"DE","region":"BY","lat":48.1,"lon":11.5,"role":"cfo",)"
      R"("consent":{"email":"opted_in","sms":"opted_out","push":"unknown","call":"unknown",)"
      R"("social":"unknown","direct_mail":"unknown"}})";
  auto record = RecordFromJson(json);
  ASSERT_TRUE(record.ok()) << record.status().message();
  auto person = DecodePerson(*record);
  ASSERT_TRUE(person.ok()) << person.status().message();
  EXPECT_EQ(PersonToJson(*person), json);
}

TEST(ProfileJsonTest, AccountAttributesAreSorted) {
  auto record = RecordFromJson(
      R"({"id":"a-1","industry":"Software","employees":250,"tier":"gold","segment":"ent"})");
  ASSERT_TRUE(record.ok());
  auto account = DecodeAccount(*record);
  ASSERT_TRUE(account.ok()) << account.status().message();
  EXPECT_EQ(AccountToJson(*account),
            R"({"id":"a-1","industry":"software","employees":250.0,"open_escalations":0,)"
            R"("missed_commitments":0,"attributes":{"segment":"ent","tier":"gold"}})");
}

}  // namespace
}  // namespace tact
