// People and accounts: their profiles and their why.
#include "absl/strings/str_cat.h"
#include "codec/decode.h"
#include "codec/json_writer.h"
#include "codec/profile_json.h"
#include "core/address.h"
#include "encode/views_json.h"
#include "events/consent_change.h"
#include "events/url_form.h"
#include "server/request_body.h"
#include "server/routes.h"
#include "server/service.h"

namespace tact {

HttpResponse Service::GetPerson(const std::string& id) {
  const absl::StatusOr<std::shared_ptr<const Person>> found = governor_.profiles().FindPerson(id);
  if (!found.ok()) return HttpResponse::Error(StateUnavailable(found.status()));
  const std::shared_ptr<const Person>& person = *found;
  if (!person) {
    return HttpResponse::Error(
        {404, "not_found",
         absl::StrCat("no profile for person '", id, "'; PUT /v1/people/{id} creates one"), "id"});
  }
  return HttpResponse{200, PersonToJson(*person)};
}

HttpResponse Service::FindPeople(absl::string_view target) {
  auto query = ParseQuery(target);
  if (!query.ok()) return HttpResponse::Error(InvalidFields(query.status()));
  std::optional<std::string> address;
  std::string field;
  for (const auto& [name, value] : *query) {
    if (name != "email" && name != "phone") {
      return HttpResponse::Error(
          {400, "invalid", absl::StrCat(name, ": unknown query parameter; use email or phone"),
           name});
    }
    if (!field.empty()) {
      return HttpResponse::Error({400, "invalid", "give one of email and phone", name});
    }
    field = name;
    address = name == "email" ? NormalizeEmail(value) : NormalizePhone(value);
    if (!address) {
      return HttpResponse::Error(
          {400, "invalid",
           absl::StrCat(name, ": '", value, "' is not ",
                        name == "email" ? "an email address" : "a phone number (E.164)"),
           name});
    }
  }
  if (field.empty()) {
    return HttpResponse::Error({400, "invalid", "email: give ?email= or ?phone=", "email"});
  }
  const absl::StatusOr<std::string> id = governor_.PersonWithAddress(*address);
  if (!id.ok()) return HttpResponse::Error(StateUnavailable(id.status()));
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("people");
  writer.StartArray();
  if (!id->empty()) {
    writer.StartObject();
    WriteStringField(writer, "id", *id);
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  return HttpResponse{200, JsonText(buffer)};
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
  // address clears its channel's bounce. The person's own say is changed
  // only through /v1/people/{id}/preferences. (A shared store may run this again
  // on what another node wrote first; the last run is the one stored.)
  const absl::StatusOr<bool> created =
      governor_.profiles().PutPerson(*std::move(person), [&](const Person* before, Person& after) {
        if (before != nullptr) {
          after.preferences = before->preferences;
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
  if (!created.ok()) return HttpResponse::Error(StateUnavailable(created.status()));
  // A profile may carry consent: it is on disk before the answer.
  HttpResponse response{*created ? 201 : 200, std::move(json)};
  AwaitDisk(response, Urgency::kAlways);
  return response;
}

HttpResponse Service::PutAccount(const std::string& id, std::string_view body) {
  Record record;
  if (auto error = RecordWithId(body, id, &record)) return HttpResponse::Error(*error);
  auto account = DecodeAccount(record);
  if (!account.ok()) return HttpResponse::Error(InvalidFields(account.status()));
  std::string json = AccountToJson(*account);
  const absl::StatusOr<bool> created = governor_.profiles().PutAccount(*std::move(account));
  if (!created.ok()) return HttpResponse::Error(StateUnavailable(created.status()));
  HttpResponse response{*created ? 201 : 200, std::move(json)};
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

  const absl::StatusOr<WhyView> why = governor_.Why(id, kind, at);
  if (!why.ok()) return HttpResponse::Error(StateUnavailable(why.status()));
  return HttpResponse{200, WhyJson(*why)};
}

}  // namespace tact
