// The mirror's views as JSON, the same for GET /v1/reports/... and for the
// data `tact report` embeds in its HTML file (docs/api.md describes them).
#pragma once

#include <string>
#include <vector>

#include "codec/json_writer.h"
#include "report/held_back.h"
#include "report/mirror.h"
#include "report/report_query.h"

namespace tact {

// {"from", "to", "totals": {counts}, "days": [{"day", counts, "became_dormant"}]}
// with every day of the range, zeros included.
void WriteOverviewJson(JsonWriter& writer, const MirrorReader& mirror, const ReportQuery& query);
// {"by", "from", "to", "rows": [{"name", counts}], "more": rows left off}
void WriteLeagueJson(JsonWriter& writer, const MirrorReader& mirror, const ReportQuery& query);
// {"from", "to", "team": [names], "campaign": [...], ... "kind": [...]}: the
// names with counts in the range, sorted, for a report's filters.
void WriteNamesJson(JsonWriter& writer, const MirrorReader& mirror, const ReportQuery& query);
// {"people": [{"person_id", "at", "decision", "rule", "team", "campaign", "sender", "channel"}]}
void WriteHeldBackJson(JsonWriter& writer, const std::vector<HeldBack>& rows);

// A rate rounded to two decimals; a report's "from" and "to" fields.
void WriteRate(JsonWriter& writer, double rate);
void WriteRange(JsonWriter& writer, const ReportQuery& query);

// Counts as fields of the object being written: each measure, value_per_100,
// harm_per_1000, suppressed_by_rule and deferred_by_rule.
void WriteCountsFields(JsonWriter& writer, const MirrorCounts& counts);

}  // namespace tact
