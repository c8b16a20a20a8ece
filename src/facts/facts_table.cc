#include "facts/facts_table.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "codec/field_reader.h"
#include "policy/suggest.h"

namespace tact {

namespace {

struct Row {
  std::string account_id;
  Fact fact;
  std::string unit;
  std::string source;
};

std::optional<Day> DayOf(FieldReader& fields, absl::string_view name) {
  const std::optional<std::string> text = fields.Text(name, 10);
  if (!text) return kNoDay;
  const absl::StatusOr<Day> day = ParseDay(*text);
  if (!day.ok()) {
    fields.Problem(name, absl::StrCat("'", *text, "' is not a date (YYYY-MM-DD)"));
    return std::nullopt;
  }
  return *day;
}

std::optional<uint16_t> ConceptOf(FieldReader& fields) {
  const std::optional<std::string> name = fields.Text("concept", kMaxIdBytes);
  if (!name) {
    fields.Problem("concept", "is required");
    return std::nullopt;
  }
  const std::optional<uint16_t> index = FindConceptByName(*name);
  if (!index) {
    const std::string nearest = NearestWord(*name, ConceptNames());
    fields.Problem("concept", absl::StrCat("'", *name, "' is not a concept a brief reads",
                                           nearest.empty()
                                               ? " (see docs/briefs.md)"
                                               : absl::StrCat(" (did you mean '", nearest, "'?)")));
  }
  return index;
}

// The row's fact, or nullopt with its problems reported to `fields`.
std::optional<Row> ReadRow(const Record& record, absl::string_view file, FieldReader& fields) {
  fields.RejectUnknown(
      {"account_id", "concept", "start", "end", "value", "unit", "source", "filed"});
  Row row;
  row.account_id = fields.Required("account_id");
  const std::optional<uint16_t> concept_index = ConceptOf(fields);
  const std::optional<Day> start = DayOf(fields, "start");
  const std::optional<Day> end = DayOf(fields, "end");
  if (end && *end == kNoDay) fields.Problem("end", "is required");
  const std::optional<Day> filed = DayOf(fields, "filed");
  const std::optional<double> value = fields.Number("value", -1e18, 1e18);
  if (!value) fields.Problem("value", "is required (a number)");
  row.unit = fields.Required("unit");
  if (concept_index && !row.unit.empty() &&
      !UnitFits(Concepts()[*concept_index].metric, row.unit)) {
    const Metric metric = Concepts()[*concept_index].metric;
    fields.Problem("unit", absl::StrCat("'", row.unit, "' does not fit ", InfoOf(metric).label,
                                        " (it is read in ", UnitWanted(metric), ")"));
  }
  row.source = fields.Text("source", kMaxIdBytes).value_or(absl::StrCat(file, ":", record.line));
  if (!fields.Result().ok() || !concept_index || !start || !end || !filed || !value)
    return std::nullopt;
  if (*start != kNoDay && *start > *end) {
    fields.Problem("start", "is after end");
    return std::nullopt;
  }
  row.fact = Fact{.concept_index = *concept_index,
                  .start = *start,
                  .end = *end,
                  .filed = *filed,
                  .value = *value};
  return row;
}

}  // namespace

absl::StatusOr<FactsTable> ReadFactsTable(RecordReader& reader, absl::string_view file,
                                          bool strict) {
  FactsTable table;
  absl::flat_hash_map<std::string, absl::flat_hash_map<std::string, uint32_t>> source_index;
  absl::flat_hash_set<std::string> priced;  // accounts whose currency is set
  ReadResult result;
  while (reader.Next(&result)) {
    ++table.rows;
    if (!result.error.empty()) {
      table.problems.push_back(result.error);
    } else {
      FieldReader fields(result.record);
      std::optional<Row> row = ReadRow(result.record, file, fields);
      const std::string where = absl::StrCat(file, ":", result.record.line, ": ");
      if (!row) {
        std::string problem = absl::StrCat(where, fields.Result().message());
        if (const Field* account = result.record.Find("account_id");
            account && !account->text.empty()) {
          table.by_account[account->text].problems.push_back(problem);
        }
        table.problems.push_back(std::move(problem));
      } else {
        CompanyFacts& company = table.by_account[row->account_id];
        // An account's first money row sets its currency.
        if (IsCurrencyUnit(row->unit) && priced.insert(row->account_id).second) {
          company.currency = row->unit;
        }
        if (IsCurrencyUnit(row->unit) && row->unit != company.currency) {
          std::string problem = absl::StrCat(where, "unit: '", row->unit, "': account '",
                                             row->account_id, "' has facts in ", company.currency,
                                             ", and tact never mixes currencies");
          company.problems.push_back(problem);
          table.problems.push_back(std::move(problem));
        } else {
          auto [it, added] = source_index[row->account_id].try_emplace(
              row->source, static_cast<uint32_t>(company.sources.size()));
          if (added) company.sources.push_back({row->source, ""});
          row->fact.source = it->second;
          company.facts.push_back(row->fact);
        }
      }
    }
    if (strict && !table.problems.empty())
      return absl::InvalidArgumentError(table.problems.front());
  }
  for (auto& [account_id, company] : table.by_account) company.name = account_id;
  return table;
}

}  // namespace tact
