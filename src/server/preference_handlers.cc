// The person's own say over the API: GET and PUT /v1/people/{id}/preferences.
#include "absl/strings/str_cat.h"
#include "codec/json_record.h"
#include "codec/preferences_json.h"
#include "server/request_body.h"
#include "server/routes.h"
#include "server/service.h"

namespace tact {

HttpResponse Service::GetPreferences(const std::string& id) {
  const absl::StatusOr<Preferences> preferences = governor_.PreferencesOf(id);
  if (absl::IsNotFound(preferences.status())) {
    return HttpResponse::Error(
        {404, "not_found",
         absl::StrCat("no profile for person '", id,
                      "'; PUT /v1/people/{id} or /v1/people/{id}/preferences creates one"),
         "id"});
  }
  if (!preferences.ok()) return HttpResponse::Error(StateUnavailable(preferences.status()));
  return HttpResponse{200, PreferencesToJson(id, *preferences, governor_.Now())};
}

HttpResponse Service::PutPreferences(const std::string& id, std::string_view body) {
  simdjson::dom::element root;
  if (auto error = ParseJson(body, &root)) return HttpResponse::Error(*error);
  absl::StatusOr<Record> record = RecordFromElement(root);
  if (!record.ok()) return HttpResponse::Error(InvalidFields(record.status()));
  absl::StatusOr<PreferenceChangeRequest> request = DecodePreferenceChange(*record);
  if (!request.ok()) return HttpResponse::Error(InvalidFields(request.status()));
  const absl::Time now = governor_.Now();
  const absl::StatusOr<PreferencesChanged> changed =
      governor_.ChangePreferences(id, request->change, request->at.value_or(now),
                                  request->tool.empty() ? "(api)" : request->tool);
  if (!changed.ok()) {
    const absl::Status& status = changed.status();
    if (absl::IsInvalidArgument(status)) return HttpResponse::Error(InvalidFields(status));
    if (absl::IsFailedPrecondition(status)) {
      return HttpResponse::Error({409, "no_preferences", std::string(status.message()), ""});
    }
    return HttpResponse::Error(StateUnavailable(status));
  }
  HttpResponse response{200, PreferencesToJson(id, changed->preferences, now, &changed->replaced,
                                               &changed->outranked)};
  // A person's choice is as binding as their consent: on disk first.
  AwaitDisk(response, Urgency::kAlways);
  return response;
}

}  // namespace tact
