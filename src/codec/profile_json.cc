#include "codec/profile_json.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <vector>

#include "absl/strings/string_view.h"

namespace tact {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void String(Writer& writer, absl::string_view text) {
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void Member(Writer& writer, absl::string_view key, absl::string_view value) {
  if (value.empty()) return;
  String(writer, key);
  String(writer, value);
}

std::string Finish(const rapidjson::StringBuffer& buffer) {
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

std::string PersonToJson(const Person& person) {
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  writer.StartObject();
  Member(writer, "id", person.id);
  Member(writer, "account_id", person.account_id);
  if (person.clock) Member(writer, "time_zone", person.clock->name());
  if (!person.languages.empty()) {
    writer.Key("languages");
    writer.StartArray();
    for (const std::string& language : person.languages) String(writer, language);
    writer.EndArray();
  }
  Member(writer, "country", person.country);
  Member(writer, "region", person.region);
  if (person.location) {
    writer.Key("lat");
    writer.Double(person.location->lat);
    writer.Key("lon");
    writer.Double(person.location->lon);
  }
  Member(writer, "role", person.role);
  writer.Key("consent");
  writer.StartObject();
  for (Channel channel : kAllChannels) {
    String(writer, ChannelName(channel));
    String(writer, ConsentName(person.ConsentFor(channel)));
  }
  writer.EndObject();
  writer.EndObject();
  return Finish(buffer);
}

std::string AccountToJson(const Account& account) {
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  writer.StartObject();
  Member(writer, "id", account.id);
  Member(writer, "industry", account.industry);
  if (account.employees) {
    writer.Key("employees");
    writer.Double(*account.employees);
  }
  Member(writer, "country", account.country);
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
      String(writer, name);
      String(writer, value);
    }
    writer.EndObject();
  }
  writer.EndObject();
  return Finish(buffer);
}

}  // namespace tact
