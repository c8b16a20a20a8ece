// The admin routes: the policy and backups.
#include <simdjson.h>

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "codec/json_record.h"
#include "codec/json_writer.h"
#include "codec/record_reader.h"
#include "encode/views_json.h"
#include "policy/policy_loader.h"
#include "server/request_body.h"
#include "server/service.h"

namespace tact {
namespace {

// "policy:14:5: budget[1].maxx: unknown key" -> "budget[1].maxx".
std::string PolicyField(absl::string_view problems) {
  const absl::string_view first = problems.substr(0, problems.find('\n'));
  std::vector<absl::string_view> parts = absl::StrSplit(first, ": ");
  return parts.size() >= 3 ? std::string(parts[1]) : "";
}

std::string PolicySummary(const Policy& policy) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("policy");
  writer.StartObject();
  writer.Key("source");
  WriteString(writer, policy.source);
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

}  // namespace

HttpResponse Service::Backup(std::string_view body) {
  simdjson::dom::element root;
  if (auto error = ParseJson(body, &root)) return HttpResponse::Error(*error);
  auto record = RecordFromElement(root);
  if (!record.ok()) return HttpResponse::Error(InvalidFields(record.status()));
  std::string to;
  for (const Field& field : record->fields) {
    if (field.name != "to") {
      return HttpResponse::Error(
          {400, "invalid", absl::StrCat(field.name, ": unknown field; the body is {\"to\": DIR}"),
           field.name});
    }
    to = field.text;
  }
  if (to.empty() || to.front() != '/') {
    return HttpResponse::Error(
        {400, "invalid", "to: is required: an absolute directory path on the server's machine",
         "to"});
  }
  if (!governor_.durable()) {
    return HttpResponse::Error({409, "no_durable_store",
                                "this server keeps its state in memory (--store memory); there "
                                "is nothing on disk to back up",
                                ""});
  }
  const absl::Time start = absl::Now();
  if (absl::Status made = governor_.Backup(to); !made.ok()) {
    if (absl::IsFailedPrecondition(made)) {  // a Redis Cluster: Redis backs it up
      return HttpResponse::Error({409, "backup_elsewhere", std::string(made.message()), ""});
    }
    const int status = absl::IsAlreadyExists(made)      ? 409
                       : absl::IsPermissionDenied(made) ? 400
                                                        : 503;
    return HttpResponse::Error({status, status == 503 ? "storage_unavailable" : "invalid",
                                std::string(made.message()), status == 503 ? "" : "to"});
  }
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("backup");
  WriteString(writer, to);
  writer.Key("seconds");
  writer.Double(absl::ToDoubleSeconds(absl::Now() - start));
  writer.EndObject();
  return HttpResponse{201, JsonText(buffer)};
}

HttpResponse Service::PutPolicy(std::string_view body) {
  if (!IsValidUtf8(absl::string_view(body.data(), body.size()))) {
    return HttpResponse::Error({400, "invalid_policy", "the policy is not valid UTF-8", ""});
  }
  const absl::string_view text(body.data(), body.size());
  absl::StatusOr<Policy> policy = LoadPolicyFromString(text, "policy", policy_files_);
  if (!policy.ok()) {
    return HttpResponse::Error({400, "invalid_policy",
                                absl::StrCat("the policy was refused and the current one stays: ",
                                             policy.status().message()),
                                PolicyField(policy.status().message())});
  }
  // With several nodes, every one of them adopts it within a second.
  if (absl::Status changed = governor_.ChangePolicy(*std::move(policy), text, "PUT /v1/policy");
      !changed.ok()) {
    return HttpResponse::Error(StateUnavailable(changed));
  }
  return HttpResponse{200, PolicySummary(*governor_.policy())};
}

HttpResponse Service::GetPolicy() { return HttpResponse{200, PolicyJson(*governor_.policy())}; }

}  // namespace tact
