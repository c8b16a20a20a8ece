// The report routes: the mirror, the held-back log, the complaint guard.
#include "absl/strings/str_cat.h"
#include "codec/decision_json.h"
#include "encode/views_json.h"
#include "report/control_groups.h"
#include "report/crowding.h"
#include "report/report_json.h"
#include "rules/explain.h"
#include "server/routes.h"
#include "server/service.h"

namespace tact {
namespace {

Day Today(absl::Time now) { return DayOfMinute(ToMinute(now)); }

HttpResponse BadQuery(const absl::Status& status) {
  const absl::string_view message = status.message();
  return HttpResponse::Error(
      {400, "invalid", std::string(message), std::string(message.substr(0, message.find(':')))});
}

// A 400 for a filter a report does not take: the distribution takes the
// team alone (a person's touches span campaigns, senders, tools and
// channels), the control groups none (a group is people, not sources).
std::optional<HttpResponse> RangeOnly(const ReportQuery& query, bool team = false) {
  for (int d = 0; d < kDimensionCount; ++d) {
    const auto dimension = static_cast<Dimension>(d);
    if ((team && dimension == Dimension::kTeam) || !query.filter.equals[d]) continue;
    const std::string name(DimensionName(dimension));
    return BadQuery(absl::InvalidArgumentError(
        team ? absl::StrCat(name,
                            ": the distribution counts a person's touches across campaigns, "
                            "senders, tools and channels; filter it by team alone")
             : absl::StrCat(name,
                            ": the control groups compare people, not sources; they take "
                            "from and to alone")));
  }
  return std::nullopt;
}

}  // namespace

HttpResponse Service::MirrorReport(absl::string_view target, MirrorView view) {
  auto params = ParseQuery(target);
  if (!params.ok()) return HttpResponse::Error(InvalidFields(params.status()));
  auto query = ParseReportQuery(*params, governor_.mirror(), Today(governor_.Now()),
                                view == MirrorView::kLeague);
  if (!query.ok()) return BadQuery(query.status());
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  switch (view) {
    case MirrorView::kOverview:
      WriteOverviewJson(writer, governor_.mirror(), *query);
      break;
    case MirrorView::kLeague:
      WriteLeagueJson(writer, governor_.mirror(), *query);
      break;
    case MirrorView::kDistribution:
      if (const auto refused = RangeOnly(*query, /*team=*/true)) return *refused;
      WriteDistributionJson(writer, ReadDistribution(governor_.mirror(), *query), *query);
      break;
    case MirrorView::kCollisions:
      WriteCollisionsJson(writer, ReadCollisions(governor_.mirror(), *query), *query);
      break;
    case MirrorView::kNames:
      WriteNamesJson(writer, governor_.mirror(), *query);
      break;
    case MirrorView::kControl: {
      if (const auto refused = RangeOnly(*query)) return *refused;
      const auto people = static_cast<int64_t>(governor_.profiles().Counts().people);
      const std::vector<ControlGroupRow> rows =
          ReadControlGroups(governor_.mirror(), *query, governor_.policy()->control, people);
      WriteControlGroupsJson(writer, rows, *query, people);
      break;
    }
  }
  return HttpResponse{200, JsonText(buffer)};
}

HttpResponse Service::HeldBackReport(absl::string_view target) {
  auto params = ParseQuery(target);
  if (!params.ok()) return HttpResponse::Error(InvalidFields(params.status()));
  size_t limit = 20;
  for (const auto& [name, value] : *params) {
    if (name != "limit" || !absl::SimpleAtoi(value, &limit) || limit < 1 ||
        limit > HeldBackLog::kRecentMax) {
      return HttpResponse::Error(
          {400, "invalid",
           name == "limit" ? absl::StrCat("limit: '", value, "' is not a number from 1 to ",
                                          HeldBackLog::kRecentMax)
                           : absl::StrCat(name, ": unknown query parameter; use limit"),
           name});
    }
  }
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  absl::StatusOr<std::vector<HeldBack>> rows = governor_.RecentlyHeldBack(limit);
  if (!rows.ok()) return HttpResponse::Error(StateUnavailable(rows.status()));
  WriteHeldBackJson(writer, *rows);
  return HttpResponse{200, JsonText(buffer)};
}

HttpResponse Service::ReputationReport() {
  return HttpResponse{200, ReputationJson(governor_.Reputation())};
}

}  // namespace tact
