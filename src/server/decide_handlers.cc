// POST /v1/decide and /v1/decide/batch.
#include <simdjson.h>

#include <vector>

#include "absl/strings/str_cat.h"
#include "codec/decision_json.h"
#include "codec/decode.h"
#include "codec/json_record.h"
#include "engine/decide.h"
#include "rules/explain.h"
#include "server/request_body.h"
#include "server/service.h"

namespace tact {
namespace {

// Decodes one touch from JSON and checks it against the policy.
std::optional<ApiError> ReadTouch(const Policy& policy, simdjson::dom::element element,
                                  absl::string_view within, Touch* touch) {
  auto record = RecordFromElement(element);
  if (!record.ok()) return InvalidFields(record.status(), within);
  auto decoded = DecodeTouch(*record);
  if (!decoded.ok()) return InvalidFields(decoded.status(), within);
  if (absl::Status valid = ValidateTouchAgainstPolicy(policy, *decoded); !valid.ok())
    return InvalidFields(valid, within);
  *touch = *std::move(decoded);
  return std::nullopt;
}

}  // namespace

bool Service::DecideInto(const Policy& policy, const Touch& touch, absl::Time now,
                         JsonWriter& writer) {
  const DecideResult result = governor_.Decide(policy, touch, now);
  WriteDecisionJson(
      writer, result.decision,
      ExplainContext{policy, result.subject.person(), result.subject.account.get(), touch},
      FormatTouchId(result.touch_id), result.unsubscribe_url);
  return result.decision.record.has_value();
}

HttpResponse Service::Decide(std::string_view body) {
  const std::shared_ptr<const Policy> policy = governor_.policy();
  simdjson::dom::element root;
  if (auto error = ParseJson(body, &root)) return HttpResponse::Error(*error);
  Touch touch;
  if (auto error = ReadTouch(*policy, root, "", &touch)) return HttpResponse::Error(*error);
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  const bool recorded = DecideInto(*policy, touch, governor_.Now(), writer);
  HttpResponse response{200, JsonText(buffer)};
  if (recorded) AwaitDisk(response, Urgency::kByMode);
  return response;
}

HttpResponse Service::DecideBatch(std::string_view body) {
  const std::shared_ptr<const Policy> policy = governor_.policy();
  simdjson::dom::element root;
  if (auto error = ParseJson(body, &root)) return HttpResponse::Error(*error);
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    return HttpResponse::Error(
        {400, "invalid", "body: must be an object {\"touches\": [...]}", ""});
  }
  simdjson::dom::array items;
  bool has_touches = false;
  for (auto [key, value] : object) {
    if (key != "touches") {
      return HttpResponse::Error(
          {400, "invalid",
           absl::StrCat(std::string(key), ": unknown field; the body is {\"touches\": [...]}"),
           std::string(key)});
    }
    if (value.get_array().get(items) != simdjson::SUCCESS) {
      return HttpResponse::Error({400, "invalid", "touches: must be a list of touches", "touches"});
    }
    has_touches = true;
  }
  if (!has_touches) {
    return HttpResponse::Error({400, "invalid", "touches: is required", "touches"});
  }
  if (items.size() > limits_.max_batch_touches) {
    return HttpResponse::Error(
        TooLarge("touches", items.size(), limits_.max_batch_touches, "touches"));
  }
  // Every touch is checked before any is decided.
  std::vector<Touch> touches(items.size());
  size_t index = 0;
  for (simdjson::dom::element item : items) {
    if (auto error =
            ReadTouch(*policy, item, absl::StrCat("touches[", index, "]"), &touches[index])) {
      return HttpResponse::Error(*error);
    }
    ++index;
  }
  // One buffer for the whole answer (a decision is 300-800 bytes).
  rapidjson::StringBuffer buffer(nullptr, touches.size() * 512 + 64);
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("decisions");
  writer.StartArray();
  const absl::Time now = governor_.Now();
  bool recorded = false;
  for (const Touch& touch : touches) recorded |= DecideInto(*policy, touch, now, writer);
  writer.EndArray();
  writer.EndObject();
  HttpResponse response{200, JsonText(buffer)};
  if (recorded) AwaitDisk(response, Urgency::kByMode);
  return response;
}

}  // namespace tact
