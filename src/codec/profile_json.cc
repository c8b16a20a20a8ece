#include "codec/profile_json.h"

#include <algorithm>
#include <vector>

#include "absl/strings/string_view.h"
#include "codec/json_writer.h"

namespace tact {
namespace {

void Member(JsonWriter& writer, absl::string_view key, absl::string_view value) {
  if (value.empty()) return;
  WriteString(writer, key);
  WriteString(writer, value);
}

// Undeliverable channels, consents and when each consent and list last
// changed: later events older than that are ignored (core/consent.h).
void WriteChannelState(JsonWriter& writer, const Person& person) {
  bool any_undeliverable = false;
  for (Channel channel : kAllChannels) any_undeliverable |= person.undeliverable.Contains(channel);
  if (any_undeliverable) {
    writer.Key("undeliverable");
    writer.StartArray();
    for (Channel channel : kAllChannels) {
      if (person.undeliverable.Contains(channel)) WriteString(writer, ChannelName(channel));
    }
    writer.EndArray();
  }
  writer.Key("consent");
  writer.StartObject();
  for (Channel channel : kAllChannels) {
    WriteString(writer, ChannelName(channel));
    WriteString(writer, ConsentName(person.ConsentFor(channel)));
  }
  writer.EndObject();
  if (std::any_of(person.consent_changed.begin(), person.consent_changed.end(),
                  [](Minute minute) { return minute != kNoConsentChange; })) {
    writer.Key("consent_changed");
    writer.StartObject();
    for (Channel channel : kAllChannels) {
      const Minute minute = person.consent_changed[static_cast<int>(channel)];
      if (minute == kNoConsentChange) continue;
      WriteString(writer, ChannelName(channel));
      WriteString(writer, FormatUtc(FromMinute(minute)));
    }
    writer.EndObject();
  }
  if (!person.list_changed.empty()) {
    writer.Key("list_changed");
    writer.StartObject();
    for (const auto& [list, minute] : person.list_changed) {
      WriteString(writer, list);
      WriteString(writer, FormatUtc(FromMinute(minute)));
    }
    writer.EndObject();
  }
}

// "key": ["a", "b"]; left out when empty.
void Texts(JsonWriter& writer, absl::string_view key, const std::vector<std::string>& texts) {
  if (texts.empty()) return;
  WriteString(writer, key);
  writer.StartArray();
  for (const std::string& text : texts) WriteString(writer, text);
  writer.EndArray();
}

}  // namespace

std::string PersonToJson(const Person& person) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  Member(writer, "id", person.id);
  Member(writer, "account_id", person.account_id);
  if (person.clock) Member(writer, "time_zone", person.clock->name());
  Texts(writer, "languages", person.languages);
  Member(writer, "country", person.country);
  Member(writer, "region", person.region);
  if (person.location) {
    writer.Key("lat");
    writer.Double(person.location->lat);
    writer.Key("lon");
    writer.Double(person.location->lon);
  }
  Member(writer, "role", person.role);
  Member(writer, "email", person.email);
  Member(writer, "phone", person.phone);
  if (!person.tool_ids.empty()) {
    writer.Key("ids");
    writer.StartObject();
    for (const auto& [tool, id] : person.tool_ids) Member(writer, tool.c_str(), id);
    writer.EndObject();
  }
  Texts(writer, "unsubscribed_lists", person.unsubscribed_lists);
  WriteChannelState(writer, person);
  writer.EndObject();
  return JsonText(buffer);
}

std::string AccountToJson(const Account& account) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  Member(writer, "id", account.id);
  Member(writer, "industry", account.industry);
  if (account.employees) {
    writer.Key("employees");
    writer.Double(*account.employees);
  }
  Member(writer, "country", account.country);
  Member(writer, "cik", account.cik);
  writer.Key("open_escalations");
  writer.Int(account.open_escalations);
  writer.Key("missed_commitments");
  writer.Int(account.missed_commitments);
  if (!account.attributes.empty()) {
    // Sorted, so the same account always reads the same.
    std::vector<std::pair<absl::string_view, absl::string_view>> attributes(
        account.attributes.begin(), account.attributes.end());
    std::sort(attributes.begin(), attributes.end());
    writer.Key("attributes");
    writer.StartObject();
    for (const auto& [name, value] : attributes) {
      WriteString(writer, name);
      WriteString(writer, value);
    }
    writer.EndObject();
  }
  writer.EndObject();
  return JsonText(buffer);
}

}  // namespace tact
