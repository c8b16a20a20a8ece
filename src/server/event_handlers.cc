// POST /v1/events.
#include <simdjson.h>

#include <vector>

#include "absl/strings/str_cat.h"
#include "codec/decode.h"
#include "codec/json_record.h"
#include "server/request_body.h"
#include "server/service.h"

namespace tact {

HttpResponse Service::Events(std::string_view body) {
  simdjson::dom::element root;
  if (auto error = ParseJson(body, &root)) return HttpResponse::Error(*error);
  simdjson::dom::array items;
  if (root.get_array().get(items) != simdjson::SUCCESS) {
    return HttpResponse::Error(
        {400, "invalid", "body: must be a JSON list of events [{\"id\", \"type\", ...}]", ""});
  }
  if (items.size() > limits_.max_batch_events) {
    return HttpResponse::Error(TooLarge("body", items.size(), limits_.max_batch_events, "events"));
  }
  std::vector<Event> events;
  events.reserve(items.size());
  for (simdjson::dom::element item : items) {
    const std::string within = absl::StrCat("[", events.size(), "]");
    auto record = RecordFromElement(item);
    if (!record.ok()) return HttpResponse::Error(InvalidFields(record.status(), within));
    auto event = DecodeEvent(*record);
    if (!event.ok()) return HttpResponse::Error(InvalidFields(event.status(), within));
    events.push_back(*std::move(event));
  }
  const absl::StatusOr<AppliedEvents> result = governor_.ApplyEvents(events, governor_.Now());
  if (!result.ok()) return HttpResponse::Error(StateUnavailable(result.status()));
  const AppliedEvents& applied = *result;
  HttpResponse response{200, absl::StrCat("{\"accepted\":", applied.accepted,
                                          ",\"duplicates\":", applied.duplicates, "}")};
  if (applied.accepted > 0) AwaitDisk(response, applied.urgency);
  return response;
}

}  // namespace tact
