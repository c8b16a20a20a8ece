// The query of a GET /v1/reports/... request (and of `tact report`): which
// days, which sources, and for league tables the dimension and row limit.
#pragma once

#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "report/mirror.h"

namespace tact {

inline constexpr int kReportDaysMax = 400;
inline constexpr int kReportDefaultDays = 30;
inline constexpr size_t kLeagueRowsMax = 1000;

struct ReportQuery {
  MirrorFilter filter;
  Dimension by = Dimension::kCampaign;
  size_t limit = 50;
};

// Parameters: from, to (YYYY-MM-DD, UTC, inclusive); team, campaign, sender,
// tool, channel (exact names); by (a dimension) and limit (1-1000) when
// `league`. Without from/to: up to 30 days ending with the mirror's last day
// with counts (starting no earlier than its first), or the 30 days ending
// `today` when it is empty.
// Errors: InvalidArgument starting with the parameter's name.
absl::StatusOr<ReportQuery> ParseReportQuery(
    const absl::flat_hash_map<std::string, std::string>& params, const MirrorReader& mirror,
    Day today, bool league);

}  // namespace tact
