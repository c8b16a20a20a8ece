// The admin routes: backups (the policy: policy_handlers.cc).
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

}  // namespace tact
