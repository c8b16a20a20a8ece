#include "store/profile_codec.h"

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "store/byte_codec.h"
#include "store/profile_codec_v1.h"

namespace tact {
namespace {

// Frozen layout of data format 2.
//   person:  0x02 | id | account_id | time_zone ("" for the policy's) |
//            n, languages × n | country | region |
//            0x00, or 0x01 lat:f64 lon:f64 | role | email | phone |
//            n, unsubscribed list × n | n, (list, minute:i32) × n |
//            n, (channel name, consent code, changed minute:i32) × n |
//            n, undeliverable channel name × n
//   person, format 3 (a person with tools' ids; 0x03 instead of 0x02): the
//            same, then n, (tool, id) × n
//   person, format 4 (a person with preferences; 0x04): format 3's layout
//            (n may be 0), then frequency | n, channel name × n |
//            n, topic × n | n, language × n | paused_until:i32 |
//            changed:i32 × 5 (frequency, channels, topics, languages, pause)
//   account: 0x02 | id | industry | 0x00, or 0x01 employees:f64 | country |
//            open_escalations | missed_commitments | n, (name, value) × n
//   account, format 3 (an account with a CIK; 0x03 instead of 0x02): the
//            same, then cik
// Strings are length-prefixed and counts are varints (byte_codec.h). A
// channel appears in the consent list when its consent is not unknown or it
// has a change minute. Consent codes: 0 unknown, 1 opted in, 2 opted out.
constexpr uint8_t kFormat2 = 2;
// People with tools' own ids; people without are still written as format 2,
// so that their bytes do not change.
constexpr uint8_t kPersonWithToolIds = 3;
// People with preferences (core/preferences.h); people without keep their
// bytes.
constexpr uint8_t kPersonWithPreferences = 4;
// Accounts with SEC's CIK; accounts without are still written as format 2.
constexpr uint8_t kAccountWithCik = 3;
// The consent codes are the enum's values, pinned here: changing the enum
// must not change what stored codes mean.
static_assert(static_cast<int>(Consent::kUnknown) == 0 &&
              static_cast<int>(Consent::kOptedIn) == 1 &&
              static_cast<int>(Consent::kOptedOut) == 2);

absl::Status Corrupt(absl::string_view what, absl::string_view detail) {
  return absl::DataLossError(absl::StrCat("a stored ", what, ": ", detail));
}

std::optional<Consent> ConsentOfCode(uint8_t code) {
  if (code > 2) return std::nullopt;
  return static_cast<Consent>(code);
}

void WriteTexts(ByteWriter& out, const std::vector<std::string>& texts) {
  out.Varint(texts.size());
  for (const std::string& text : texts) out.Text(text);
}

std::optional<std::vector<std::string>> ReadTexts(ByteReader& in) {
  const std::optional<uint64_t> count = in.Varint();
  std::vector<std::string> texts;
  for (uint64_t i = 0; count && i < *count && !in.failed(); ++i) {
    if (auto text = in.Text()) texts.push_back(*std::move(text));
  }
  if (in.failed()) return std::nullopt;
  return texts;
}

void WriteConsents(ByteWriter& out, const Person& person) {
  std::vector<Channel> kept;
  for (Channel channel : kAllChannels) {
    if (person.ConsentFor(channel) != Consent::kUnknown ||
        person.consent_changed[static_cast<int>(channel)] != kNoConsentChange) {
      kept.push_back(channel);
    }
  }
  out.Varint(kept.size());
  for (Channel channel : kept) {
    out.Text(ChannelName(channel));
    out.Byte(static_cast<uint8_t>(person.ConsentFor(channel)));
    out.Fixed<Minute>(person.consent_changed[static_cast<int>(channel)]);
  }
  std::vector<std::string> undeliverable;
  for (Channel channel : kAllChannels) {
    if (person.undeliverable.Contains(channel)) undeliverable.emplace_back(ChannelName(channel));
  }
  WriteTexts(out, undeliverable);
}

absl::Status ReadConsents(ByteReader& in, Person& person) {
  const uint64_t count = in.Varint().value_or(0);
  for (uint64_t i = 0; i < count && !in.failed(); ++i) {
    const std::optional<std::string> name = in.Text();
    const std::optional<uint8_t> code = in.Byte();
    const std::optional<Minute> changed = in.Fixed<Minute>();
    if (in.failed()) break;
    const std::optional<Channel> channel = ParseChannel(*name);
    const std::optional<Consent> consent = ConsentOfCode(*code);
    if (!channel) return Corrupt("person", absl::StrCat("unknown channel '", *name, "'"));
    if (!consent) return Corrupt("person", absl::StrCat("unknown consent code ", *code));
    person.consent[static_cast<int>(*channel)] = *consent;
    person.consent_changed[static_cast<int>(*channel)] = *changed;
  }
  for (const std::string& name : ReadTexts(in).value_or(std::vector<std::string>{})) {
    const std::optional<Channel> channel = ParseChannel(name);
    if (!channel) return Corrupt("person", absl::StrCat("unknown channel '", name, "'"));
    person.undeliverable.Add(*channel);
  }
  return absl::OkStatus();
}

absl::Status ReadPersonFields(ByteReader& in, Person& person) {
  person.id = in.Text().value_or("");
  person.account_id = in.Text().value_or("");
  if (const std::string zone = in.Text().value_or(""); !zone.empty()) {
    auto clock = LocalClock::ForZone(zone);
    if (!clock.ok()) return Corrupt("person", absl::StrCat("unknown time zone '", zone, "'"));
    person.clock = *std::move(clock);
  }
  person.languages = ReadTexts(in).value_or(std::vector<std::string>{});
  person.country = in.Text().value_or("");
  person.region = in.Text().value_or("");
  if (in.Byte().value_or(0) == 1) {
    const double lat = in.Fixed<double>().value_or(0);
    person.location = GeoPoint{lat, in.Fixed<double>().value_or(0)};
  }
  person.role = in.Text().value_or("");
  person.email = in.Text().value_or("");
  person.phone = in.Text().value_or("");
  person.unsubscribed_lists = ReadTexts(in).value_or(std::vector<std::string>{});
  const uint64_t lists = in.Varint().value_or(0);
  for (uint64_t i = 0; i < lists && !in.failed(); ++i) {
    const std::string list = in.Text().value_or("");
    if (auto minute = in.Fixed<Minute>()) person.list_changed.emplace_back(list, *minute);
  }
  return ReadConsents(in, person);
}

void WritePreferences(ByteWriter& out, const Preferences& preferences) {
  out.Text(preferences.frequency);
  std::vector<std::string> channels;
  for (Channel channel : kAllChannels) {
    if (preferences.channels.Contains(channel)) channels.emplace_back(ChannelName(channel));
  }
  WriteTexts(out, channels);
  WriteTexts(out, preferences.topics);
  WriteTexts(out, preferences.languages);
  out.Fixed<Minute>(preferences.paused_until);
  for (Minute changed : preferences.changed) out.Fixed<Minute>(changed);
}

absl::Status ReadPreferences(ByteReader& in, Person& person) {
  Preferences preferences;
  preferences.frequency = in.Text().value_or("");
  for (const std::string& name : ReadTexts(in).value_or(std::vector<std::string>{})) {
    const std::optional<Channel> channel = ParseChannel(name);
    if (!channel) return Corrupt("person", absl::StrCat("unknown channel '", name, "'"));
    preferences.channels.Add(*channel);
  }
  preferences.topics = ReadTexts(in).value_or(std::vector<std::string>{});
  preferences.languages = ReadTexts(in).value_or(std::vector<std::string>{});
  preferences.paused_until = in.Fixed<Minute>().value_or(Preferences::kNotPaused);
  for (Minute& changed : preferences.changed) {
    changed = in.Fixed<Minute>().value_or(Preferences::kNeverChanged);
  }
  person.preferences = std::make_shared<const Preferences>(std::move(preferences));
  return absl::OkStatus();
}

template <typename T>
absl::StatusOr<T> Finish(ByteReader& in, absl::Status status, T value, absl::string_view what) {
  if (!status.ok()) return status;
  if (!in.done()) return Corrupt(what, in.failed() ? "cut short" : "trailing bytes");
  return value;
}

absl::Status CheckVersion(absl::string_view bytes, absl::string_view what, uint8_t newest) {
  if (bytes.empty()) return Corrupt(what, "empty");
  const auto version = static_cast<uint8_t>(bytes.front());
  if (version < kFormat2 || version > newest) {
    return Corrupt(what, absl::StrCat("version ", static_cast<int>(version),
                                      " is newer than this tact reads (", newest,
                                      "); run the tact that wrote it"));
  }
  return absl::OkStatus();
}

}  // namespace

std::string EncodePersonRecord(const Person& person) {
  std::string bytes;
  ByteWriter out(&bytes);
  out.Byte(person.preferences != nullptr ? kPersonWithPreferences
           : person.tool_ids.empty()     ? kFormat2
                                         : kPersonWithToolIds);
  out.Text(person.id);
  out.Text(person.account_id);
  out.Text(person.clock ? absl::string_view(person.clock->name()) : absl::string_view());
  WriteTexts(out, person.languages);
  out.Text(person.country);
  out.Text(person.region);
  out.Byte(person.location ? 1 : 0);
  if (person.location) {
    out.Fixed<double>(person.location->lat);
    out.Fixed<double>(person.location->lon);
  }
  out.Text(person.role);
  out.Text(person.email);
  out.Text(person.phone);
  WriteTexts(out, person.unsubscribed_lists);
  out.Varint(person.list_changed.size());
  for (const auto& [list, minute] : person.list_changed) {
    out.Text(list);
    out.Fixed<Minute>(minute);
  }
  WriteConsents(out, person);
  if (!person.tool_ids.empty() || person.preferences != nullptr) {
    out.Varint(person.tool_ids.size());
    for (const auto& [tool, id] : person.tool_ids) {
      out.Text(tool);
      out.Text(id);
    }
  }
  if (person.preferences != nullptr) WritePreferences(out, *person.preferences);
  return bytes;
}

std::string EncodeAccountRecord(const Account& account) {
  std::string bytes;
  ByteWriter out(&bytes);
  out.Byte(account.cik.empty() ? kFormat2 : kAccountWithCik);
  out.Text(account.id);
  out.Text(account.industry);
  out.Byte(account.employees ? 1 : 0);
  if (account.employees) out.Fixed<double>(*account.employees);
  out.Text(account.country);
  out.Varint(static_cast<uint64_t>(std::max(account.open_escalations, 0)));
  out.Varint(static_cast<uint64_t>(std::max(account.missed_commitments, 0)));
  // Sorted, so the same account is always the same bytes.
  std::vector<std::pair<std::string, std::string>> attributes(account.attributes.begin(),
                                                              account.attributes.end());
  std::sort(attributes.begin(), attributes.end());
  out.Varint(attributes.size());
  for (const auto& [name, value] : attributes) {
    out.Text(name);
    out.Text(value);
  }
  if (!account.cik.empty()) out.Text(account.cik);
  return bytes;
}

absl::StatusOr<Person> DecodePersonRecord(absl::string_view bytes) {
  if (IsFormat1Record(bytes)) return DecodeFormat1Person(bytes);
  if (absl::Status version = CheckVersion(bytes, "person", kPersonWithPreferences); !version.ok()) {
    return version;
  }
  const auto format = static_cast<uint8_t>(bytes.front());
  ByteReader in(bytes.substr(1));
  Person person;
  absl::Status status = ReadPersonFields(in, person);
  if (status.ok() && format >= kPersonWithToolIds) {
    const uint64_t ids = in.Varint().value_or(0);
    for (uint64_t i = 0; i < ids && !in.failed(); ++i) {
      std::string tool = in.Text().value_or("");
      person.tool_ids.emplace_back(std::move(tool), in.Text().value_or(""));
    }
  }
  if (status.ok() && format >= kPersonWithPreferences) status = ReadPreferences(in, person);
  return Finish(in, std::move(status), std::move(person), "person");
}

absl::StatusOr<Account> DecodeAccountRecord(absl::string_view bytes) {
  if (IsFormat1Record(bytes)) return DecodeFormat1Account(bytes);
  if (absl::Status version = CheckVersion(bytes, "account", kAccountWithCik); !version.ok()) {
    return version;
  }
  ByteReader in(bytes.substr(1));
  Account account;
  account.id = in.Text().value_or("");
  account.industry = in.Text().value_or("");
  if (in.Byte().value_or(0) == 1) account.employees = in.Fixed<double>();
  account.country = in.Text().value_or("");
  account.open_escalations = static_cast<int>(in.Varint().value_or(0));
  account.missed_commitments = static_cast<int>(in.Varint().value_or(0));
  const uint64_t attributes = in.Varint().value_or(0);
  for (uint64_t i = 0; i < attributes && !in.failed(); ++i) {
    std::string name = in.Text().value_or("");
    account.attributes[std::move(name)] = in.Text().value_or("");
  }
  if (bytes.front() == kAccountWithCik) account.cik = in.Text().value_or("");
  return Finish(in, absl::OkStatus(), std::move(account), "account");
}

}  // namespace tact
