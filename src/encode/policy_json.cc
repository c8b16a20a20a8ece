#include "encode/policy_json.h"

#include "codec/json_writer.h"
#include "core/minutes.h"

namespace tact {

std::string PolicySummaryJson(const Policy& policy) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("policy");
  writer.StartObject();
  WriteStringField(writer, "source", policy.source);
  if (policy.version > 0) {
    writer.Key("version");
    writer.Int64(policy.version);
  }
  writer.Key("budgets");
  writer.Int(static_cast<int>(policy.budgets.size()));
  writer.Key("gaps");
  writer.Int(static_cast<int>(policy.gaps.size()));
  writer.Key("tiers");
  writer.Int(static_cast<int>(policy.tiers.size()));
  writer.Key("quiet_hours");
  writer.Bool(policy.quiet_hours_enabled);
  writer.Key("icp_rules");
  writer.Int(static_cast<int>(policy.icp.rules.size()));
  writer.EndObject();
  writer.EndObject();
  return JsonText(buffer);
}

std::string PolicyVersionsJson(const std::vector<PolicyVersion>& listed, bool more) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("versions");
  writer.StartArray();
  for (const PolicyVersion& version : listed) {
    writer.StartObject();
    writer.Key("version");
    writer.Int64(version.version);
    WriteStringField(writer, "at", FormatUtc(version.at));
    WriteTextOrNull(writer, "token", version.token);
    WriteStringField(writer, "origin", version.origin);
    WriteStringsField(writer, "changes", version.changes);
    WriteStringField(writer, "text", version.text);
    writer.EndObject();
  }
  writer.EndArray();
  writer.Key("more");
  writer.Bool(more);
  writer.EndObject();
  return JsonText(buffer);
}

}  // namespace tact
