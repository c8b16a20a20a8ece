// Accounts' briefs: GET /v1/accounts/{id}/brief.
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "encode/brief_json.h"
#include "server/routes.h"
#include "server/service.h"

namespace tact {

namespace {

// Reads ?role=&person_id=&as_of= into `request`; the 400 for anything else.
std::optional<ApiError> ReadBriefQuery(absl::string_view target, BriefRequest& request) {
  auto query = ParseQuery(target);
  if (!query.ok()) return InvalidFields(query.status());
  for (const auto& [name, value] : *query) {
    if (name == "role") {
      if (value.size() > 256)
        return ApiError{400, "invalid", "role: longer than 256 bytes", "role"};
      request.role = value;
    } else if (name == "person_id") {
      request.person_id = value;
    } else if (name == "as_of") {
      absl::StatusOr<Day> day = ParseDay(value);
      if (!day.ok())
        return ApiError{400, "invalid", absl::StrCat("as_of: ", day.status().message()), "as_of"};
      request.as_of = *day;
    } else {
      return ApiError{400, "invalid",
                      absl::StrCat(name, ": unknown query parameter; use role, person_id or as_of"),
                      name};
    }
  }
  return std::nullopt;
}

}  // namespace

HttpResponse Service::AccountBrief(const std::string& id, absl::string_view target) {
  BriefRequest request{.account_id = id};
  if (std::optional<ApiError> error = ReadBriefQuery(target, request)) {
    return HttpResponse::Error(*error);
  }
  const absl::StatusOr<Brief> brief = governor_.AccountBrief(request);
  if (brief.ok()) return HttpResponse{200, BriefJson(*brief)};
  const absl::Status& status = brief.status();
  if (absl::IsNotFound(status)) {
    const bool about_person = absl::StartsWith(status.message(), "person_id:");
    return HttpResponse::Error(
        {404, "not_found", std::string(status.message()), about_person ? "person_id" : "id"});
  }
  if (absl::IsInvalidArgument(status)) return HttpResponse::Error(InvalidFields(status));
  if (absl::IsFailedPrecondition(status)) {
    return HttpResponse::Error({409, "no_facts", std::string(status.message()), ""});
  }
  return HttpResponse::Error(StateUnavailable(status));
}

}  // namespace tact
