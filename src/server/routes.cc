#include "server/routes.h"

#include <array>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "codec/record_reader.h"
#include "events/url_form.h"

namespace tact {
namespace {

// Who reads the mirror: a `reports` token sees everything and changes
// nothing; `admin` sees what `reports` sees.
constexpr ScopeSet kReaders = TokenScope::kReports | TokenScope::kAdmin;
// What tools read about one person or account, and the dashboard shows.
constexpr ScopeSet kToolsAndReaders = kReaders | TokenScope::kDecide;

constexpr std::array<Route, kRouteCount> kRoutes = {{
    {RouteId::kDecide, "POST", "/v1/decide", TokenScope::kDecide, true},
    {RouteId::kDecideBatch, "POST", "/v1/decide/batch", TokenScope::kDecide, true},
    // Tools that call out at send time; a GET records a send too, as such
    // tools can only GET (Braze's Connected Content by default).
    {RouteId::kCheck, "GET", "/v1/check", TokenScope::kDecide, true},
    {RouteId::kCheck, "POST", "/v1/check", TokenScope::kDecide, true},
    {RouteId::kEvents, "POST", "/v1/events", TokenScope::kEvents, true},
    // Touches held for tools that cannot ask again (on_limit = "hold").
    {RouteId::kListHeld, "GET", "/v1/held", kToolsAndReaders},
    {RouteId::kGetHeld, "GET", "/v1/held/{id}", kToolsAndReaders},
    {RouteId::kCancelHeld, "DELETE", "/v1/held/{id}", TokenScope::kDecide, true},
    {RouteId::kRetryHeld, "POST", "/v1/held/{id}/retry", TokenScope::kAdmin, true},
    {RouteId::kFindPeople, "GET", "/v1/people", kToolsAndReaders},
    {RouteId::kGetPerson, "GET", "/v1/people/{id}", kReaders},
    {RouteId::kPutPerson, "PUT", "/v1/people/{id}", TokenScope::kAdmin, true},
    {RouteId::kWhy, "GET", "/v1/people/{id}/why", kToolsAndReaders},
    // The person's own say, for tools with a preference centre of their own.
    {RouteId::kGetPreferences, "GET", "/v1/people/{id}/preferences", kToolsAndReaders},
    {RouteId::kPutPreferences, "PUT", "/v1/people/{id}/preferences", TokenScope::kDecide, true},
    {RouteId::kPutAccount, "PUT", "/v1/accounts/{id}", TokenScope::kAdmin, true},
    {RouteId::kAccountBrief, "GET", "/v1/accounts/{id}/brief", kToolsAndReaders},
    // Sellers' own hypotheses, written from the tools they work in.
    {RouteId::kWriteHypothesis, "POST", "/v1/accounts/{id}/hypotheses", TokenScope::kDecide, true},
    {RouteId::kListHypotheses, "GET", "/v1/accounts/{id}/hypotheses", kToolsAndReaders},
    {RouteId::kPutPolicy, "PUT", "/v1/policy", TokenScope::kAdmin, true},
    {RouteId::kBackup, "POST", "/v1/admin/backup", TokenScope::kAdmin},
    {RouteId::kMetrics, "GET", "/metrics", TokenScope::kNone},
    {RouteId::kHealthz, "GET", "/healthz", TokenScope::kNone},
    {RouteId::kReadyz, "GET", "/readyz", TokenScope::kNone},
    // Providers and recipients carry no tact token: signatures and signed
    // tokens authenticate them.
    {RouteId::kWebhook, "POST", "/v1/webhooks/{id}", TokenScope::kNone, true},
    {RouteId::kUnsubscribe, "POST", "/v1/unsubscribe/{id}", TokenScope::kNone, true},
    {RouteId::kUnsubscribePage, "GET", "/v1/unsubscribe/{id}", TokenScope::kNone},
    // The person's preference page, behind the signed link every email
    // send carries (preferences_url).
    {RouteId::kPreferencePage, "GET", "/v1/preferences/{id}", TokenScope::kNone},
    {RouteId::kPreferenceForm, "POST", "/v1/preferences/{id}", TokenScope::kNone, true},
    {RouteId::kReputation, "GET", "/v1/reports/reputation", kReaders},
    {RouteId::kOverview, "GET", "/v1/reports/overview", kReaders},
    {RouteId::kLeague, "GET", "/v1/reports/league", kReaders},
    {RouteId::kHeldBack, "GET", "/v1/reports/held-back", kReaders},
    {RouteId::kDistribution, "GET", "/v1/reports/distribution", kReaders},
    {RouteId::kCollisions, "GET", "/v1/reports/collisions", kReaders},
    {RouteId::kControl, "GET", "/v1/reports/control", kReaders},
    {RouteId::kNames, "GET", "/v1/reports/names", kReaders},
    {RouteId::kGetPolicy, "GET", "/v1/policy", kReaders},
    {RouteId::kPolicyVersions, "GET", "/v1/policy/versions", kReaders},
    // The dashboard's files (web/); its data comes from the routes above.
    {RouteId::kDashboard, "GET", "/", TokenScope::kNone},
    {RouteId::kDashboardAsset, "GET", "/assets/{id}", TokenScope::kNone},
}};

// Whether `path` fits `pattern`; fills `id` with the raw {id} segment.
bool Fits(absl::string_view pattern, absl::string_view path, absl::string_view* id) {
  const std::vector<absl::string_view> want = absl::StrSplit(pattern, '/');
  const std::vector<absl::string_view> got = absl::StrSplit(path, '/');
  if (want.size() != got.size()) return false;
  for (size_t index = 0; index < want.size(); ++index) {
    if (want[index] == "{id}") {
      if (got[index].empty()) return false;
      *id = got[index];
    } else if (want[index] != got[index]) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::span<const Route> AllRoutes() { return kRoutes; }

absl::StatusOr<RouteMatch> MatchRoute(absl::string_view method, absl::string_view target) {
  const absl::string_view path = target.substr(0, target.find('?'));
  RouteMatch match;
  std::vector<absl::string_view> allowed;
  for (const Route& route : kRoutes) {
    absl::string_view id;
    if (!Fits(route.pattern, path, &id)) continue;
    if (route.method != method) {
      allowed.push_back(route.method);
      continue;
    }
    match.route = &route;
    if (!id.empty()) {
      auto decoded = PercentDecode(id, /*plus_is_space=*/false);
      if (!decoded.ok()) return absl::InvalidArgumentError(decoded.status().message());
      if (!IsValidUtf8(*decoded)) return absl::InvalidArgumentError("the id is not valid UTF-8");
      match.id = *std::move(decoded);
    }
    return match;
  }
  match.allowed = absl::StrJoin(allowed, ", ");
  return match;
}

}  // namespace tact
