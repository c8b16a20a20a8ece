// The policy's routes: the one in force, replacing it, and its versions.
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "codec/record_reader.h"
#include "encode/policy_json.h"
#include "encode/views_json.h"
#include "events/url_form.h"
#include "policy/policy_loader.h"
#include "server/request_body.h"
#include "server/service.h"

namespace tact {
namespace {

constexpr size_t kDefaultVersionsListed = 20;
constexpr size_t kMaxVersionsListed = 100;

// "policy:14:5: budget[1].maxx: unknown key" -> "budget[1].maxx".
std::string PolicyField(absl::string_view problems) {
  const absl::string_view first = problems.substr(0, problems.find('\n'));
  std::vector<absl::string_view> parts = absl::StrSplit(first, ": ");
  return parts.size() >= 3 ? std::string(parts[1]) : "";
}

// ?limit=N&before=V of GET /v1/policy/versions.
std::optional<ApiError> ReadVersionsQuery(absl::string_view target, size_t& limit,
                                          int64_t& before) {
  auto query = ParseQuery(target);
  if (!query.ok()) return InvalidFields(query.status());
  for (const auto& [name, value] : *query) {
    if (name == "limit") {
      if (!absl::SimpleAtoi(value, &limit) || limit < 1 || limit > kMaxVersionsListed) {
        return ApiError{400, "invalid",
                        absl::StrCat("limit: must be a number from 1 to ", kMaxVersionsListed),
                        "limit"};
      }
    } else if (name == "before") {
      if (!absl::SimpleAtoi(value, &before) || before < 1) {
        return ApiError{400, "invalid", "before: must be a version number (1 or more)", "before"};
      }
    } else {
      return ApiError{400, "invalid",
                      absl::StrCat(name, ": unknown query parameter; use limit, before"), name};
    }
  }
  return std::nullopt;
}

}  // namespace

HttpResponse Service::PutPolicy(std::string_view body, absl::string_view token) {
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
  // Kept as a version; with several nodes, every one of them adopts it
  // within a second.
  if (absl::Status changed =
          governor_.ChangePolicy(*std::move(policy), text, "PUT /v1/policy", token);
      !changed.ok()) {
    return HttpResponse::Error(StateUnavailable(changed));
  }
  return HttpResponse{200, PolicySummaryJson(*governor_.policy())};
}

HttpResponse Service::GetPolicy() { return HttpResponse{200, PolicyJson(*governor_.policy())}; }

HttpResponse Service::PolicyVersions(absl::string_view target) {
  size_t limit = kDefaultVersionsListed;
  int64_t before = 0;
  if (std::optional<ApiError> error = ReadVersionsQuery(target, limit, before)) {
    return HttpResponse::Error(*error);
  }
  // One more than asked for: whether older ones were left off.
  absl::StatusOr<std::vector<PolicyVersion>> listed = governor_.PolicyHistory(limit + 1, before);
  if (!listed.ok()) return HttpResponse::Error(StateUnavailable(listed.status()));
  const bool more = listed->size() > limit;
  if (more) listed->resize(limit);
  return HttpResponse{200, PolicyVersionsJson(*listed, more)};
}

}  // namespace tact
