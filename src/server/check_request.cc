#include "server/check_request.h"

#include <simdjson.h>

#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "codec/json_record.h"
#include "events/url_form.h"
#include "server/request_body.h"

namespace tact {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

// The body's fields: a form, or a JSON object (nested objects flattened
// with dots, every value as text).
absl::StatusOr<Pairs> BodyFields(std::string_view body, absl::string_view content_type) {
  const absl::string_view text(body.data(), body.size());
  const absl::string_view trimmed = absl::StripAsciiWhitespace(text);
  if (trimmed.empty()) return Pairs{};
  const std::string type = absl::AsciiStrToLower(content_type);
  if (absl::StartsWith(type, "application/x-www-form-urlencoded")) return ParseForm(text, "body");
  if (!absl::StartsWith(type, "application/json") && !absl::StartsWith(trimmed, "{")) {
    return absl::InvalidArgumentError(
        "body: send the touch as a form (application/x-www-form-urlencoded) or a JSON object");
  }
  simdjson::dom::element root;
  if (std::optional<ApiError> error = ParseJson(body, &root)) {
    return absl::InvalidArgumentError(absl::StrCat("body: ", error->message));
  }
  if (root.type() != simdjson::dom::element_type::OBJECT) {
    return absl::InvalidArgumentError("body: must be a JSON object of the touch's fields");
  }
  absl::StatusOr<Record> record = RecordFromElement(root);
  if (!record.ok()) return record.status();
  Pairs pairs;
  for (Field& field : record->fields) {
    if (field.type == FieldType::kNull) continue;
    pairs.emplace_back(std::move(field.name), std::move(field.text));
  }
  return pairs;
}

// Takes the value of `name` out of `pairs` (the last one given); "" when
// absent.
std::string Take(Pairs& pairs, absl::string_view name) {
  std::string value;
  for (auto it = pairs.begin(); it != pairs.end();) {
    if (it->first == name) {
      value = std::move(it->second);
      it = pairs.erase(it);
    } else {
      ++it;
    }
  }
  return value;
}

// A HubSpot workflow's webhook body: the enrolled object.
bool IsHubSpotObject(const Pairs& pairs) {
  for (const auto& [name, value] : pairs) {
    if (name == "objectId" || name == "vid" || name == "canonical-vid") return true;
  }
  return false;
}

// Of the enrolled object, what says who the person is: its id (the contact's
// id in HubSpot) and its email and phone properties.
Pairs HubSpotIdentity(const Pairs& object) {
  Pairs identity;
  for (const auto& [name, value] : object) {
    if (name == "objectId" && !value.empty()) {
      identity.emplace_back("contact_id", value);
      identity.emplace_back("contact_tool", "hubspot");
    }
    for (const auto& [property, field] : {std::pair{"email", "email"}, std::pair{"phone", "phone"},
                                          std::pair{"mobilephone", "phone"}}) {
      const std::string plain = absl::StrCat("properties.", property);
      if ((name == plain || name == plain + ".value") && !value.empty()) {
        identity.emplace_back(field, value);
      }
    }
  }
  return identity;
}

absl::Status ReadOptions(Pairs& pairs, CheckRequest& request) {
  const std::string format = Take(pairs, "format"), on_error = Take(pairs, "on_error");
  if (!format.empty() && format != "json" && format != "text") {
    return absl::InvalidArgumentError(
        absl::StrCat("format: must be \"json\" or \"text\", not \"", format, "\""));
  }
  if (!on_error.empty() && on_error != "status" && on_error != "answer") {
    return absl::InvalidArgumentError(
        absl::StrCat("on_error: must be \"status\" or \"answer\", not \"", on_error, "\""));
  }
  request.text = format == "text";
  request.errors_as_answers = on_error == "answer";
  return absl::OkStatus();
}

absl::StatusOr<Pairs> QueryPairs(absl::string_view target) {
  const size_t question = target.find('?');
  if (question == absl::string_view::npos) return Pairs{};
  return ParseForm(target.substr(question + 1), "query");
}

}  // namespace

CheckRequest CheckOptions(absl::string_view target) {
  CheckRequest request;
  Pairs pairs = QueryPairs(target).value_or(Pairs{});
  ReadOptions(pairs, request).IgnoreError();  // a bad value keeps the default
  return request;
}

absl::StatusOr<CheckRequest> ReadCheckRequest(absl::string_view target, std::string_view body,
                                              absl::string_view content_type) {
  absl::StatusOr<Pairs> query = QueryPairs(target);
  if (!query.ok()) return query.status();
  Pairs pairs = *std::move(query);
  absl::StatusOr<Pairs> from_body = BodyFields(body, content_type);
  if (!from_body.ok()) return from_body.status();
  if (IsHubSpotObject(*from_body)) *from_body = HubSpotIdentity(*from_body);
  for (auto& [name, value] : *from_body) {  // the body's value wins
    Take(pairs, name);
    pairs.emplace_back(std::move(name), std::move(value));
  }
  CheckRequest request;
  if (absl::Status options = ReadOptions(pairs, request); !options.ok()) return options;
  request.person_id = Take(pairs, "person_id");
  request.email = Take(pairs, "email");
  request.phone = Take(pairs, "phone");
  request.contact_id = Take(pairs, "contact_id");
  request.contact_tool = Take(pairs, "contact_tool");
  if (request.contact_tool.empty()) {
    for (const auto& [name, value] : pairs) {
      if (name == "tool") request.contact_tool = value;
    }
  }
  if (!request.contact_id.empty() && request.contact_tool.empty()) {
    return absl::InvalidArgumentError(
        "contact_id: needs the tool whose id it is (tool, or contact_tool)");
  }
  if (request.person_id.empty() && request.email.empty() && request.phone.empty() &&
      request.contact_id.empty()) {
    return absl::InvalidArgumentError(
        "person_id: is required, or the person's email, phone or contact_id (with tool) instead");
  }
  for (auto& [name, value] : pairs) {
    request.touch.fields.push_back({std::move(name), std::move(value), FieldType::kText});
  }
  // What such tools send is marketing, unless they say otherwise.
  if (request.touch.Find("kind") == nullptr) {
    request.touch.fields.push_back({"kind", "promotional", FieldType::kText});
  }
  return request;
}

}  // namespace tact
