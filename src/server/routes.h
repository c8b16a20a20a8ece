// The service's routes: method, path pattern and the token scope each needs.
// The table is the single source for dispatch, metrics labels and the
// OpenAPI check (`tact serve --print-routes`).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "events/url_form.h"
#include "server/auth.h"

namespace tact {

enum class RouteId : uint8_t {
  kDecide,
  kDecideBatch,
  kCheck,
  kEvents,
  kGetPerson,
  kPutPerson,
  kWhy,
  kPutAccount,
  kAccountBrief,
  kWriteHypothesis,
  kListHypotheses,
  kPutPolicy,
  kBackup,
  kMetrics,
  kHealthz,
  kReadyz,
  kWebhook,
  kUnsubscribe,
  kUnsubscribePage,
  kReputation,
  kOverview,
  kLeague,
  kHeldBack,
  kDistribution,
  kCollisions,
  kControl,
  kNames,
  kGetPolicy,
  kDashboard,
  kDashboardAsset,
  kListHeld,
  kGetHeld,
  kCancelHeld,
  kRetryHeld,
  kGetPreferences,
  kPutPreferences,
  kPreferencePage,
  kPreferenceForm,
  kPolicyVersions,
  kFindPeople,
};
inline constexpr int kRouteCount = 41;

struct Route {
  RouteId id;
  absl::string_view method;   // "GET", "PUT", "POST"
  absl::string_view pattern;  // "/v1/people/{id}/why"; {id} matches one path segment
  ScopeSet scopes;            // any one of them opens the route; empty: no token needed
  // Whether answering may change state: refused with 503 while the journal
  // takes no writes (a full disk), so nothing is decided that cannot be kept.
  bool writes = false;
};

std::span<const Route> AllRoutes();

struct RouteMatch {
  const Route* route = nullptr;  // null: no route for this method
  std::string id;                // the {id} segment, percent-decoded
  std::string allowed;           // when the path exists for other methods: "GET, PUT"
};

// Matches the path part of a request target (the query is ignored).
// Errors: InvalidArgument for an id with bad percent-encoding or that is not
// UTF-8.
absl::StatusOr<RouteMatch> MatchRoute(absl::string_view method, absl::string_view target);

}  // namespace tact
