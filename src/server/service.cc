#include "server/service.h"

#include <simdjson.h>

#include <random>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "codec/decision_json.h"
#include "codec/decode.h"
#include "codec/json_record.h"
#include "codec/profile_json.h"
#include "codec/record_reader.h"
#include "core/address.h"
#include "encode/views_json.h"
#include "engine/decide.h"
#include "events/consent_change.h"
#include "events/providers/provider.h"
#include "events/providers/signatures.h"
#include "events/unsubscribe_token.h"
#include "governor/decide_and_record.h"
#include "policy/policy_loader.h"
#include "rules/budget.h"
#include "rules/explain.h"
#include "rules/window.h"
#include "server/routes.h"

namespace tact {
namespace {

// One parser per thread: it keeps its buffers between requests. An element
// it returns is valid until the thread's next parse.
simdjson::dom::parser& ThreadParser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

std::optional<ApiError> ParseJson(std::string_view body, simdjson::dom::element* root) {
  const simdjson::error_code error =
      ThreadParser().parse(body.data(), body.size(), /*realloc_if_needed=*/true).get(*root);
  if (error == simdjson::SUCCESS) return std::nullopt;
  std::string message;
  if (body.empty()) {
    message = "the body is empty; send a JSON document";
  } else if (error == simdjson::NUMBER_ERROR || error == simdjson::NUMBER_OUT_OF_RANGE) {
    message = "the body has a number that is malformed or beyond 64 bits";
  } else {
    message = absl::StrCat("the body is not valid JSON: ", simdjson::error_message(error));
  }
  return ApiError{400, "bad_json", std::move(message), ""};
}

ApiError TooLarge(absl::string_view field, size_t count, size_t limit, absl::string_view what) {
  return ApiError{413, "too_large",
                  absl::StrCat(field, ": ", count, " ", what, "; a request takes at most ", limit),
                  std::string(field)};
}

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

// A body's record with the path's id filled in (or checked against it).
std::optional<ApiError> RecordWithId(std::string_view body, const std::string& id, Record* record) {
  simdjson::dom::element root;
  if (auto error = ParseJson(body, &root)) return error;
  auto parsed = RecordFromElement(root);
  if (!parsed.ok()) return InvalidFields(parsed.status());
  *record = *std::move(parsed);
  for (const Field& field : record->fields) {
    if (field.name != "id") continue;
    if (field.text != id) {
      return ApiError{400, "invalid",
                      absl::StrCat("id: '", field.text, "' differs from the id in the path ('", id,
                                   "'); leave it out or make them equal"),
                      "id"};
    }
    return std::nullopt;
  }
  record->fields.push_back(Field{"id", id, FieldType::kString});
  return std::nullopt;
}

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

// PUT of a person or account: decode with the path's id, store, echo back
// (201 when it is new).
}  // namespace

HttpResponse HttpResponse::Error(const ApiError& error) {
  HttpResponse response{error.status, ErrorJson(error)};
  response.retry_after_seconds = error.retry_after_seconds;
  return response;
}

Service::Service(Governor& governor, Metrics& metrics, ServiceLimits limits, WebhookConfig webhooks)
    : governor_(governor), metrics_(metrics), limits_(limits), webhooks_(std::move(webhooks)) {}

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
  const AppliedEvents applied = governor_.ApplyEvents(events, governor_.Now());
  HttpResponse response{200, absl::StrCat("{\"accepted\":", applied.accepted,
                                          ",\"duplicates\":", applied.duplicates, "}")};
  if (applied.accepted > 0) AwaitDisk(response, applied.urgency);
  return response;
}

HttpResponse Service::GetPerson(const std::string& id) {
  const std::shared_ptr<const Person> person = governor_.profiles().FindPerson(id);
  if (!person) {
    return HttpResponse::Error(
        {404, "not_found",
         absl::StrCat("no profile for person '", id, "'; PUT /v1/people/{id} creates one"), "id"});
  }
  return HttpResponse{200, PersonToJson(*person)};
}

HttpResponse Service::PutPerson(const std::string& id, std::string_view body) {
  Record record;
  if (auto error = RecordWithId(body, id, &record)) return HttpResponse::Error(*error);
  auto person = DecodePerson(record);
  if (!person.ok()) return HttpResponse::Error(InvalidFields(person.status()));
  const auto given = [&](absl::string_view name) {
    for (const Field& field : record.fields) {
      if (field.name == name) return true;
    }
    return false;
  };
  const bool lists_given = given("unsubscribed_lists");
  const bool undeliverable_given = given("undeliverable");
  const Minute now = ToMinute(governor_.Now());
  std::string json;
  // What tact learned from providers (lists left, bounced addresses) stays
  // unless the caller says otherwise: a CRM sync does not know it. A new
  // address clears its channel's bounce.
  const bool created =
      governor_.profiles().PutPerson(*std::move(person), [&](const Person* before, Person& after) {
        if (before != nullptr) {
          if (!lists_given) after.unsubscribed_lists = before->unsubscribed_lists;
          if (!undeliverable_given) {
            after.undeliverable = before->undeliverable;
            if (after.email != before->email) after.undeliverable.Remove(Channel::kEmail);
            if (after.phone != before->phone) after.undeliverable.Remove(Channel::kSms);
          }
        }
        StampConsentChanges(before, after, now, given);
        json = PersonToJson(after);
      });
  // A profile may carry consent: it is on disk before the answer.
  HttpResponse response{created ? 201 : 200, std::move(json)};
  AwaitDisk(response, Urgency::kAlways);
  return response;
}

HttpResponse Service::PutAccount(const std::string& id, std::string_view body) {
  Record record;
  if (auto error = RecordWithId(body, id, &record)) return HttpResponse::Error(*error);
  auto account = DecodeAccount(record);
  if (!account.ok()) return HttpResponse::Error(InvalidFields(account.status()));
  std::string json = AccountToJson(*account);
  const bool created = governor_.profiles().PutAccount(*std::move(account));
  HttpResponse response{created ? 201 : 200, std::move(json)};
  AwaitDisk(response, Urgency::kAlways);
  return response;
}

HttpResponse Service::Why(const std::string& id, absl::string_view target) {
  const std::shared_ptr<const Policy> policy = governor_.policy();
  auto query = ParseQuery(target);
  if (!query.ok()) return HttpResponse::Error(InvalidFields(query.status()));
  Kind kind = Kind::kPromotional;
  absl::Time at = governor_.Now();
  for (const auto& [name, value] : *query) {
    if (name == "kind") {
      const auto parsed = ParseKind(value);
      if (!parsed) {
        return HttpResponse::Error(
            {400, "invalid",
             absl::StrCat("kind: '", value, "' is not a kind; use ", KindNamesList()), "kind"});
      }
      kind = *parsed;
    } else if (name == "at") {
      auto parsed = ParseUtc(value);
      if (!parsed.ok()) {
        return HttpResponse::Error(
            {400, "invalid", absl::StrCat("at: ", parsed.status().message()), "at"});
      }
      at = *parsed;
    } else {
      return HttpResponse::Error(
          {400, "invalid", absl::StrCat(name, ": unknown query parameter; use kind or at"), name});
    }
  }

  return HttpResponse{200, WhyJson(governor_.Why(id, kind, at))};
}

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
  absl::Status status = governor_.ReplacePolicy(
      LoadPolicyFromString(absl::string_view(body.data(), body.size()), "policy"));
  if (!status.ok()) {
    return HttpResponse::Error(
        {400, "invalid_policy",
         absl::StrCat("the policy was refused and the current one stays: ", status.message()),
         PolicyField(status.message())});
  }
  return HttpResponse{200, PolicySummary(*governor_.policy())};
}

}  // namespace tact
