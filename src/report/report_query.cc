#include "report/report_query.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "report/days.h"

namespace tact {

absl::StatusOr<ReportQuery> ParseReportQuery(
    const absl::flat_hash_map<std::string, std::string>& params, const MirrorReader& mirror,
    Day today, bool league) {
  ReportQuery query;
  std::optional<Day> from, to;
  for (const auto& [name, value] : params) {
    if (name == "from" || name == "to") {
      auto day = ParseDay(value);
      if (!day.ok())
        return absl::InvalidArgumentError(absl::StrCat(name, ": ", day.status().message()));
      (name == "from" ? from : to) = *day;
    } else if (auto dimension = ParseDimension(name)) {
      if (*dimension == Dimension::kChannel && !ParseChannel(value)) {
        return absl::InvalidArgumentError(
            absl::StrCat("channel: '", value, "' is not one of ", ChannelNamesList()));
      }
      if (*dimension == Dimension::kKind && !ParseKind(value)) {
        return absl::InvalidArgumentError(
            absl::StrCat("kind: '", value, "' is not one of ", KindNamesList()));
      }
      query.filter.equals[static_cast<int>(*dimension)] = value;
    } else if (league && name == "by") {
      auto by = ParseDimension(value);
      if (!by) {
        return absl::InvalidArgumentError(absl::StrCat(
            "by: '", value, "' is not one of team, campaign, sender, tool, channel, kind"));
      }
      query.by = *by;
    } else if (league && name == "limit") {
      size_t limit = 0;
      if (!absl::SimpleAtoi(value, &limit) || limit < 1 || limit > kLeagueRowsMax) {
        return absl::InvalidArgumentError(
            absl::StrCat("limit: '", value, "' is not a number from 1 to ", kLeagueRowsMax));
      }
      query.limit = limit;
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          name,
          ": unknown parameter; reports take from, to, team, campaign, sender, tool, channel, kind",
          league ? ", by, limit" : ""));
    }
  }
  const auto span = mirror.Span();
  if (!to) to = from ? *from + kReportDefaultDays - 1 : span ? span->second : today;
  if (!from) {
    from = *to - (kReportDefaultDays - 1);
    // No empty days before the first one with counts.
    if (span && span->first > *from && span->first <= *to) from = span->first;
  }
  if (*from > *to) {
    return absl::InvalidArgumentError(
        absl::StrCat("from: ", FormatDay(*from), " is after to (", FormatDay(*to), ")"));
  }
  if (*to - *from + 1 > kReportDaysMax) {
    return absl::InvalidArgumentError(absl::StrCat("from: the range covers ", *to - *from + 1,
                                                   " days; a report covers at most ",
                                                   kReportDaysMax));
  }
  query.filter.from = *from;
  query.filter.to = *to;
  return query;
}

}  // namespace tact
