// POST /v1/decide and /v1/decide/batch.
#include <simdjson.h>

#include <vector>

#include "absl/strings/str_cat.h"
#include "codec/decision_json.h"
#include "codec/decode.h"
#include "codec/json_record.h"
#include "codec/touch_json.h"
#include "engine/decide.h"
#include "events/url_form.h"
#include "rules/explain.h"
#include "server/request_body.h"
#include "server/service.h"

namespace tact {
namespace {

using ResolveFn = absl::FunctionRef<absl::Status(Touch&)>;

// Decodes one touch from JSON (straight into `touch`, codec/touch_json.h)
// and checks it against the policy; its on_limit resolved by `resolve`
// (Service::ResolveOnLimit). `record` is scratch space a batch reuses;
// `within` names the touch in an error (computed only then).
std::optional<ApiError> ReadTouch(const Policy& policy, ResolveFn resolve,
                                  simdjson::dom::element element,
                                  absl::FunctionRef<std::string()> within, Record& record,
                                  Touch* touch) {
  if (absl::Status read = DecodeTouchJson(element, record, *touch); !read.ok()) {
    return InvalidFields(read, within());
  }
  if (absl::Status valid = ValidateTouchAgainstPolicy(policy, *touch); !valid.ok())
    return InvalidFields(valid, within());
  if (absl::Status valid = resolve(*touch); !valid.ok()) return InvalidFields(valid, within());
  return std::nullopt;
}

// Reads a batch's body {"touches": [...]}: every touch is checked before any
// is decided.
std::optional<ApiError> ReadBatch(const Policy& policy, ResolveFn resolve, std::string_view body,
                                  size_t max_touches, std::vector<Touch>& touches) {
  simdjson::dom::element root;
  if (auto error = ParseJson(body, &root)) return *error;
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    return ApiError{400, "invalid", "body: must be an object {\"touches\": [...]}", ""};
  }
  simdjson::dom::array items;
  bool has_touches = false;
  for (auto [key, value] : object) {
    if (key != "touches") {
      return ApiError{
          400, "invalid",
          absl::StrCat(std::string(key), ": unknown field; the body is {\"touches\": [...]}"),
          std::string(key)};
    }
    if (value.get_array().get(items) != simdjson::SUCCESS) {
      return ApiError{400, "invalid", "touches: must be a list of touches", "touches"};
    }
    has_touches = true;
  }
  if (!has_touches) {
    return ApiError{400, "invalid", "touches: is required", "touches"};
  }
  if (items.size() > max_touches) {
    return TooLarge("touches", items.size(), max_touches, "touches");
  }
  touches.resize(items.size());
  size_t index = 0;
  Record record;
  for (simdjson::dom::element item : items) {
    const auto within = [index] { return absl::StrCat("touches[", index, "]"); };
    if (auto error = ReadTouch(policy, resolve, item, within, record, &touches[index])) {
      return *error;
    }
    ++index;
  }
  return std::nullopt;
}

}  // namespace

namespace {

// Writes one decision; true when it recorded a send.
bool WriteDecision(const Policy& policy, const Touch& touch, const DecideResult& result,
                   const DecisionJsonOptions& options, JsonWriter& writer) {
  WriteDecisionJson(
      writer, result.decision,
      ExplainContext{policy, result.subject.person(), result.subject.account.get(), touch},
      FormatTouchId(result.touch_id), result.unsubscribe_url, result.preferences_url,
      result.held_id != 0 ? HeldIdText(result.held_id) : std::string(), result.questions, options);
  return result.decision.record.has_value();
}

}  // namespace

absl::StatusOr<Service::DecisionWriting> Service::DecisionWritingFor(
    absl::string_view target, const std::shared_ptr<const Policy>& policy) const {
  DecisionWriting writing;
  if (target.find('?') != absl::string_view::npos) {
    auto query = ParseQuery(target);
    if (!query.ok()) return query.status();
    for (const auto& [name, value] : *query) {
      if (name != "explain") {
        return absl::InvalidArgumentError(
            absl::StrCat(name, ": unknown query parameter; explain is the only one"));
      }
      if (value != "true" && value != "false") {
        return absl::InvalidArgumentError(absl::StrCat(
            "explain: must be true (reasons with their sentences, the default) or false, not '",
            value, "'"));
      }
      writing.options.explain = value == "true";
    }
  }
  {
    std::lock_guard<std::mutex> lock(budgets_json_mutex_);
    if (budgets_json_policy_ != policy) {
      budgets_json_ = std::make_shared<const BudgetsJson>(*policy);
      budgets_json_policy_ = policy;
    }
    writing.budgets = budgets_json_;
  }
  writing.options.budgets = writing.budgets.get();
  return writing;
}

HttpResponse Service::Decide(absl::string_view target, std::string_view body) {
  const std::shared_ptr<const Policy> policy = governor_.policy();
  const absl::StatusOr<DecisionWriting> writing = DecisionWritingFor(target, policy);
  if (!writing.ok()) return HttpResponse::Error(InvalidFields(writing.status()));
  simdjson::dom::element root;
  if (auto error = ParseJson(body, &root)) return HttpResponse::Error(*error);
  Touch touch;
  const auto resolve = [this](Touch& touch) { return ResolveOnLimit(touch); };
  Record record;
  if (auto error = ReadTouch(
          *policy, resolve, root, [] { return std::string(); }, record, &touch)) {
    return HttpResponse::Error(*error);
  }
  const absl::StatusOr<DecideResult> result = DecideOne(*policy, touch);
  if (!result.ok()) return HttpResponse::Error(StateUnavailable(result.status()));
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  const bool recorded = WriteDecision(*policy, touch, *result, writing->options, writer);
  HttpResponse response{200, JsonText(buffer)};
  if (recorded || result->held_id != 0) AwaitDisk(response, Urgency::kByMode);
  return response;
}

HttpResponse Service::DecideBatch(absl::string_view target, std::string_view body) {
  const std::shared_ptr<const Policy> policy = governor_.policy();
  const absl::StatusOr<DecisionWriting> writing = DecisionWritingFor(target, policy);
  if (!writing.ok()) return HttpResponse::Error(InvalidFields(writing.status()));
  std::vector<Touch> touches;
  const auto resolve = [this](Touch& touch) { return ResolveOnLimit(touch); };
  if (auto error = ReadBatch(*policy, resolve, body, limits_.max_batch_touches, touches)) {
    return HttpResponse::Error(*error);
  }
  // One buffer for the whole answer (a decision is 300-800 bytes).
  rapidjson::StringBuffer buffer(nullptr, touches.size() * 512 + 64);
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("decisions");
  writer.StartArray();
  // A touch the state failed and whose kind is retried fails the batch:
  // the caller asks again for all of it. The batch's sends that were
  // recorded are not answered, so they only use up budget (never more than
  // the cap).
  const std::vector<absl::StatusOr<DecideResult>> results =
      governor_.DecideAll(*policy, touches, governor_.Now());
  for (const absl::StatusOr<DecideResult>& result : results) {
    if (!result.ok()) return HttpResponse::Error(StateUnavailable(result.status()));
  }
  bool recorded = false;
  for (size_t i = 0; i < touches.size(); ++i) {
    recorded |= WriteDecision(*policy, touches[i], *results[i], writing->options, writer);
    recorded |= results[i]->held_id != 0;
  }
  writer.EndArray();
  writer.EndObject();
  HttpResponse response{200, JsonText(buffer)};
  if (recorded) AwaitDisk(response, Urgency::kByMode);
  return response;
}

}  // namespace tact
