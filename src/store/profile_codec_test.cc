#include "store/profile_codec.h"

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "testing/fixtures.h"

namespace tact {
namespace {

using testing::T;

Person Everything() {
  Person person;
  person.id = "ana";
  person.account_id = "acme";
  person.clock = LocalClock::ForZone("Europe/Berlin").value();
  person.languages = {"de", "en"};
  person.country = "DE";
  person.region = "BY";
  person.location = GeoPoint{48.137, 11.575};
  person.role = "cto";
  person.email = "ana@example.com";
  person.phone = "+4915112345678";
  person.unsubscribed_lists = {"newsletter"};
  person.SetListChanged("newsletter", ToMinute(T("2030-03-04T08:00:00Z")));
  person.SetListChanged("events", ToMinute(T("2030-03-02T08:00:00Z")));
  person.consent[static_cast<int>(Channel::kEmail)] = Consent::kOptedIn;
  person.consent[static_cast<int>(Channel::kSms)] = Consent::kOptedOut;
  person.consent_changed[static_cast<int>(Channel::kSms)] = ToMinute(T("2030-03-04T09:00:00Z"));
  person.undeliverable.Add(Channel::kPush);
  return person;
}

void ExpectSamePerson(const Person& got, const Person& want) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.account_id, want.account_id);
  ASSERT_EQ(got.clock != nullptr, want.clock != nullptr);
  if (want.clock) {
    EXPECT_EQ(got.clock->name(), want.clock->name());
  }
  EXPECT_EQ(got.languages, want.languages);
  EXPECT_EQ(got.country, want.country);
  EXPECT_EQ(got.region, want.region);
  ASSERT_EQ(got.location.has_value(), want.location.has_value());
  if (want.location) {
    EXPECT_EQ(got.location->lat, want.location->lat);
    EXPECT_EQ(got.location->lon, want.location->lon);
  }
  EXPECT_EQ(got.role, want.role);
  EXPECT_EQ(got.email, want.email);
  EXPECT_EQ(got.phone, want.phone);
  EXPECT_EQ(got.unsubscribed_lists, want.unsubscribed_lists);
  EXPECT_EQ(got.list_changed, want.list_changed);
  EXPECT_EQ(got.consent, want.consent);
  EXPECT_EQ(got.consent_changed, want.consent_changed);
  EXPECT_EQ(got.tool_ids, want.tool_ids);
  for (Channel channel : kAllChannels) {
    EXPECT_EQ(got.undeliverable.Contains(channel), want.undeliverable.Contains(channel))
        << ChannelName(channel);
  }
}

TEST(ProfileCodecTest, APersonRoundTripsEveryField) {
  const Person person = Everything();
  const std::string bytes = EncodePersonRecord(person);
  EXPECT_EQ(bytes.front(), '\x02');
  EXPECT_FALSE(IsFormat1Record(bytes));
  auto decoded = DecodePersonRecord(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ExpectSamePerson(*decoded, person);
  EXPECT_EQ(EncodePersonRecord(*decoded), bytes);
}

TEST(ProfileCodecTest, APersonWithToolsIdsIsFormat3AndTheSameBytesWithoutThemAsBefore) {
  Person person = Everything();
  const std::string without = EncodePersonRecord(person);
  person.tool_ids = {{"braze", "ext-9"}, {"hubspot", "1501"}};
  const std::string bytes = EncodePersonRecord(person);
  EXPECT_EQ(bytes.front(), '\x03');
  // Format 3 is format 2's bytes and then the ids.
  EXPECT_EQ(bytes.substr(1, without.size() - 1), without.substr(1));
  auto decoded = DecodePersonRecord(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ExpectSamePerson(*decoded, person);
  EXPECT_EQ(EncodePersonRecord(*decoded), bytes);
  EXPECT_FALSE(DecodePersonRecord(bytes.substr(0, bytes.size() - 2)).ok());
  std::string newer = bytes;
  newer[0] = '\x05';
  EXPECT_TRUE(absl::IsDataLoss(DecodePersonRecord(newer).status()));
}

TEST(ProfileCodecTest, APersonWithPreferencesIsFormat4WithItsFrozenLayout) {
  Person person = Everything();
  const std::string without = EncodePersonRecord(person);
  Preferences chosen;
  ApplyPreferenceChange({.frequency = "weekly", .languages = std::vector<std::string>{"de"}}, 7,
                        chosen);
  ChannelSet channels;
  channels.Add(Channel::kEmail);
  channels.Add(Channel::kSms);
  ApplyPreferenceChange(
      {.channels = channels, .topics = std::vector<std::string>{"product"}, .paused_until = 1000},
      9, chosen);
  person.preferences = std::make_shared<const Preferences>(chosen);
  const std::string bytes = EncodePersonRecord(person);
  EXPECT_EQ(bytes.front(), '\x04');
  // Format 2's fields, no tools' ids, then the preferences: every byte.
  // (Literals split where a hex escape would run into a letter.)
  // clang-format off
  constexpr char kTail[] =
      "\x00"                                  // no tools' ids
      "\x06" "weekly"                         // frequency
      "\x02" "\x05" "email" "\x03" "sms"       // channels, by name
      "\x01" "\x07" "product"                 // topics
      "\x01" "\x02" "de"                      // languages
      "\xe8\x03\x00\x00"                      // paused until minute 1000
      "\x07\x00\x00\x00" "\x09\x00\x00\x00"  // changed: frequency 7, channels 9
      "\x09\x00\x00\x00" "\x07\x00\x00\x00"  // topics 9, languages 7
      "\x09\x00\x00\x00";                    // pause 9
  // clang-format on
  const std::string expected_tail(kTail, sizeof kTail - 1);
  EXPECT_EQ(bytes.substr(1, without.size() - 1), without.substr(1));
  EXPECT_EQ(bytes.substr(without.size()), expected_tail);
  auto decoded = DecodePersonRecord(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ExpectSamePerson(*decoded, person);
  ASSERT_NE(decoded->preferences, nullptr);
  EXPECT_EQ(decoded->preferences->frequency, "weekly");
  EXPECT_TRUE(decoded->preferences->channels.Contains(Channel::kSms));
  EXPECT_FALSE(decoded->preferences->channels.Contains(Channel::kPush));
  EXPECT_EQ(decoded->preferences->topics, std::vector<std::string>{"product"});
  EXPECT_EQ(decoded->preferences->languages, std::vector<std::string>{"de"});
  EXPECT_EQ(decoded->preferences->paused_until, 1000);
  EXPECT_EQ(decoded->preferences->changed, chosen.changed);
  EXPECT_EQ(EncodePersonRecord(*decoded), bytes);
  // With tools' ids too, both are kept; a person without preferences keeps
  // format 2 or 3.
  person.tool_ids = {{"hubspot", "1501"}};
  auto both = DecodePersonRecord(EncodePersonRecord(person));
  ASSERT_TRUE(both.ok()) << both.status();
  EXPECT_EQ(both->tool_ids, person.tool_ids);
  EXPECT_EQ(both->preferences->frequency, "weekly");
  EXPECT_EQ(Everything().preferences, nullptr);
  for (size_t cut = 1; cut < bytes.size(); ++cut) {
    EXPECT_TRUE(absl::IsDataLoss(DecodePersonRecord(bytes.substr(0, cut)).status())) << cut;
  }
}

TEST(ProfileCodecTest, AnEmptyPersonRoundTripsWithTheDefaults) {
  Person person;
  person.id = "bo";
  auto decoded = DecodePersonRecord(EncodePersonRecord(person));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ExpectSamePerson(*decoded, person);
  EXPECT_EQ(decoded->clock, nullptr);
}

TEST(ProfileCodecTest, AnAccountRoundTripsEveryFieldAndIsTheSameBytesWhateverTheOrder) {
  Account account;
  account.id = "acme";
  account.industry = "software";
  account.employees = 250;
  account.country = "DE";
  account.open_escalations = 1;
  account.missed_commitments = 2;
  account.attributes = {{"tier", "gold"}, {"segment", "enterprise"}};
  const std::string bytes = EncodeAccountRecord(account);
  auto decoded = DecodeAccountRecord(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->id, "acme");
  EXPECT_EQ(decoded->industry, "software");
  EXPECT_EQ(decoded->employees, 250);
  EXPECT_EQ(decoded->country, "DE");
  EXPECT_EQ(decoded->open_escalations, 1);
  EXPECT_EQ(decoded->missed_commitments, 2);
  EXPECT_EQ(decoded->attributes, account.attributes);
  EXPECT_EQ(EncodeAccountRecord(*decoded), bytes);
  Account bare;
  bare.id = "tiny";
  auto bare_decoded = DecodeAccountRecord(EncodeAccountRecord(bare));
  ASSERT_TRUE(bare_decoded.ok());
  EXPECT_FALSE(bare_decoded->employees.has_value());
}

TEST(ProfileCodecTest, AnAccountWithACikIsFormat3AndTheSameBytesWithoutItAsBefore) {
  Account account;
  account.id = "apple";
  account.country = "US";
  account.attributes = {{"segment", "enterprise"}};
  const std::string without = EncodeAccountRecord(account);
  EXPECT_EQ(without.front(), '\x02');
  account.cik = "320193";
  const std::string bytes = EncodeAccountRecord(account);
  EXPECT_EQ(bytes.front(), '\x03');
  // Format 3 is format 2's bytes and then the CIK.
  EXPECT_EQ(bytes.substr(1, without.size() - 1), without.substr(1));
  auto decoded = DecodeAccountRecord(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->cik, "320193");
  EXPECT_EQ(decoded->attributes, account.attributes);
  EXPECT_EQ(EncodeAccountRecord(*decoded), bytes);
  EXPECT_FALSE(DecodeAccountRecord(bytes.substr(0, bytes.size() - 2)).ok());
  std::string newer = bytes;
  newer[0] = '\x04';
  EXPECT_TRUE(absl::IsDataLoss(DecodeAccountRecord(newer).status()));
}

// Format 1 values exactly as the release before format 2 wrote them
// (tests/fixtures/data-format-1 holds a whole directory of them).
TEST(ProfileCodecTest, Format1PeopleAndAccountsReadAsTheyWereWritten) {
  const std::string json =
      R"({"id":"ana","account_id":"acme","time_zone":"Europe/Berlin","languages":["de","en"],)"
      R"("country":"DE","region":"BY","lat":48.137,"lon":11.575,"role":"cto",)"
      R"("email":"ana@example.com","phone":"+4915112345678","unsubscribed_lists":["newsletter"],)"
      R"("undeliverable":["push"],"consent":{"email":"opted_in","sms":"opted_out","call":"unknown",)"
      R"("push":"unknown","direct_mail":"unknown","social":"unknown"},)"
      R"("consent_changed":{"sms":"2030-03-04T09:00:00Z"},)"
      R"("list_changed":{"newsletter":"2030-03-04T08:00:00Z","events":"2030-03-02T08:00:00Z"}})";
  ASSERT_TRUE(IsFormat1Record(json));
  auto person = DecodePersonRecord(json);
  ASSERT_TRUE(person.ok()) << person.status();
  ExpectSamePerson(*person, Everything());

  auto account = DecodeAccountRecord(
      R"({"id":"acme","industry":"software","employees":250.0,"country":"DE",)"
      R"("open_escalations":1,"missed_commitments":2,"attributes":{"segment":"enterprise"}})");
  ASSERT_TRUE(account.ok()) << account.status();
  EXPECT_EQ(account->employees, 250);
  EXPECT_EQ(account->missed_commitments, 2);
  EXPECT_EQ(account->attributes.at("segment"), "enterprise");
}

TEST(ProfileCodecTest, Format1KeepsWhatAnOlderTactAcceptedThatTheApiNowRefuses) {
  auto person = DecodePersonRecord(R"({"id":"a","languages":["German"],"time_zone":"EST"})");
  ASSERT_TRUE(person.ok()) << person.status();
  EXPECT_EQ(person->languages, std::vector<std::string>{"German"});
  EXPECT_EQ(person->clock->name(), "EST");
}

TEST(ProfileCodecTest, DamageIsDataLossNamingWhatIsWrong) {
  const std::string bytes = EncodePersonRecord(Everything());
  for (size_t cut = 1; cut < bytes.size(); ++cut) {
    auto decoded = DecodePersonRecord(absl::string_view(bytes).substr(0, cut));
    EXPECT_TRUE(absl::IsDataLoss(decoded.status())) << "cut at " << cut;
  }
  EXPECT_NE(DecodePersonRecord(bytes + "x").status().message().find("trailing bytes"),
            std::string::npos);
  EXPECT_NE(DecodePersonRecord("\x05").status().message().find("newer"), std::string::npos);
  EXPECT_TRUE(absl::IsDataLoss(DecodePersonRecord("").status()));
  auto wrong = DecodePersonRecord(R"({"id":"a","consent":{"fax":"opted_in"}})");
  EXPECT_TRUE(absl::IsDataLoss(wrong.status()));
  EXPECT_NE(wrong.status().message().find("'consent'"), std::string::npos) << wrong.status();
  EXPECT_TRUE(absl::IsDataLoss(DecodeAccountRecord(R"({"id":"a","employees":"many"})").status()));
  EXPECT_TRUE(absl::IsDataLoss(DecodeAccountRecord("{not json").status()));
}

}  // namespace
}  // namespace tact
