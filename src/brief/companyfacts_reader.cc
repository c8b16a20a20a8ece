#include "brief/companyfacts_reader.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "core/cik.h"

namespace tact {

namespace {

constexpr size_t kMaxProblemsListed = 20;

absl::string_view A(std::string_view text) { return {text.data(), text.size()}; }

struct Pending {
  Fact fact;
  absl::string_view unit;
};

// Reads one document's facts; collects every problem.
class DocumentReading {
 public:
  DocumentReading(absl::string_view source, bool strict) : source_(source), strict_(strict) {}

  void Problem(std::string message) {
    ++problem_count_;
    if (problems_.size() < kMaxProblemsListed) {
      problems_.push_back(absl::StrCat(source_, ": ", message));
    }
  }
  bool failed_strict() const { return strict_ && problem_count_ > 0; }

  void ReadConcept(uint16_t concept_index, absl::string_view path, simdjson::dom::object body) {
    simdjson::dom::object units;
    if (body["units"].get_object().get(units) != simdjson::SUCCESS) {
      Problem(absl::StrCat(path, ".units: missing or not an object"));
      return;
    }
    const Metric metric = Concepts()[concept_index].metric;
    for (auto [unit_key, facts] : units) {
      const absl::string_view unit = A(unit_key);
      const std::string unit_path = absl::StrCat(path, ".units.", unit);
      simdjson::dom::array list;
      if (facts.get_array().get(list) != simdjson::SUCCESS) {
        Problem(absl::StrCat(unit_path, ": not an array"));
        continue;
      }
      if (!UnitFits(metric, unit)) {
        Problem(absl::StrCat(unit_path, ": ", list.size(), " facts in '", unit, "' left out (",
                             InfoOf(metric).label, " is read in ", UnitWanted(metric), ")"));
        continue;
      }
      size_t i = 0;
      for (simdjson::dom::element element : list) {
        ReadFact(concept_index, unit, absl::StrCat(unit_path, "[", i++, "]"), element);
      }
    }
  }

  // The facts kept, in one currency, with their sources interned.
  CompanyFacts Finish(CompanyFacts company) {
    absl::flat_hash_map<absl::string_view, int> per_currency;
    for (const Pending& pending : pending_) {
      if (IsCurrencyUnit(pending.unit)) ++per_currency[pending.unit];
    }
    absl::string_view currency = "USD";
    if (!per_currency.contains("USD")) {
      int most = 0;
      for (const auto& [unit, count] : per_currency) {
        if (count > most || (count == most && unit < currency)) {
          most = count;
          currency = unit;
        }
      }
    }
    company.currency = std::string(currency);
    absl::flat_hash_map<absl::string_view, int> left_out;
    company.facts.reserve(pending_.size());
    for (const Pending& pending : pending_) {
      if (IsCurrencyUnit(pending.unit) && pending.unit != currency) {
        ++left_out[pending.unit];
        continue;
      }
      company.facts.push_back(pending.fact);
    }
    for (const auto& [unit, count] : left_out) {
      Problem(absl::StrCat(count, " money facts in ", unit, " left out: this company reports in ",
                           currency, ", and tact never mixes currencies"));
    }
    company.sources = std::move(sources_);
    company.problems = std::move(problems_);
    if (problem_count_ > problems_listed()) {
      company.problems.push_back(absl::StrCat(source_, ": and ", problem_count_ - problems_listed(),
                                              " more problems like these"));
    }
    return company;
  }

 private:
  size_t problems_listed() const { return std::min(problem_count_, kMaxProblemsListed); }

  std::optional<Day> DayField(simdjson::dom::object fact, std::string_view key,
                              absl::string_view path, bool required) {
    std::string_view value;
    const auto error = fact[key].get_string().get(value);
    const absl::string_view text = A(value);
    if (error == simdjson::NO_SUCH_FIELD && !required) return kNoDay;
    if (error != simdjson::SUCCESS) {
      Problem(absl::StrCat(
          path, ".", A(key),
          error == simdjson::NO_SUCH_FIELD ? ": missing" : ": must be a date as \"YYYY-MM-DD\""));
      return std::nullopt;
    }
    const absl::StatusOr<Day> day = ParseDay(text);
    if (!day.ok()) {
      Problem(absl::StrCat(path, ".", A(key), ": '", text, "' is not a date (YYYY-MM-DD)"));
      return std::nullopt;
    }
    return *day;
  }

  void ReadFact(uint16_t concept_index, absl::string_view unit, const std::string& path,
                simdjson::dom::element element) {
    simdjson::dom::object fact;
    if (element.get_object().get(fact) != simdjson::SUCCESS) {
      Problem(absl::StrCat(path, ": not an object"));
      return;
    }
    const std::optional<Day> start = DayField(fact, "start", path, false);
    const std::optional<Day> end = DayField(fact, "end", path, true);
    const std::optional<Day> filed = DayField(fact, "filed", path, true);
    double value = 0;
    if (fact["val"].get_double().get(value) != simdjson::SUCCESS) {
      Problem(absl::StrCat(path, ".val: missing or not a number"));
      return;
    }
    std::string_view accession;
    if (fact["accn"].get_string().get(accession) != simdjson::SUCCESS || accession.empty()) {
      Problem(absl::StrCat(path, ".accn: missing or not a string"));
      return;
    }
    if (!start || !end || !filed) return;
    if (*start != kNoDay && *start > *end) {
      Problem(absl::StrCat(path, ": start ", FormatDay(*start), " is after end ", FormatDay(*end)));
      return;
    }
    std::string_view form;
    if (fact["form"].get_string().get(form) != simdjson::SUCCESS) form = {};
    std::string_view frame;
    if (fact["frame"].get_string().get(frame) != simdjson::SUCCESS) frame = {};
    pending_.push_back({Fact{.concept_index = concept_index,
                             .framed = !frame.empty(),
                             .start = *start,
                             .end = *end,
                             .filed = *filed,
                             .value = value,
                             .source = Intern(A(accession), A(form))},
                        unit});
  }

  uint32_t Intern(absl::string_view accession, absl::string_view form) {
    const auto [it, added] =
        source_index_.try_emplace(std::string(accession), static_cast<uint32_t>(sources_.size()));
    if (added) sources_.push_back({std::string(accession), std::string(form)});
    return it->second;
  }

  std::string source_;
  bool strict_;
  std::vector<Pending> pending_;
  std::vector<FactSource> sources_;
  absl::flat_hash_map<std::string, uint32_t> source_index_;
  std::vector<std::string> problems_;
  size_t problem_count_ = 0;
};

std::string CikText(simdjson::dom::element cik) {
  uint64_t number = 0;
  if (cik.get_uint64().get(number) == simdjson::SUCCESS) return absl::StrCat(number);
  std::string_view text;
  if (cik.get_string().get(text) != simdjson::SUCCESS) return "";
  return NormalizeCik(A(text));
}

}  // namespace

absl::StatusOr<CompanyFacts> CompanyFactsReader::Read(absl::string_view json,
                                                      absl::string_view source, bool strict) {
  // One copy into the parser's padded buffer; parsing a file's padded
  // buffer in place measured no faster (bench/brief_bench).
  simdjson::dom::element root;
  if (const auto error = parser_.parse(json.data(), json.size()).get(root)) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": not a companyfacts document: ", simdjson::error_message(error)));
  }
  simdjson::dom::object taxonomies;
  if (root["facts"].get_object().get(taxonomies) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError(
        absl::StrCat(source,
                     ": facts: missing or not an object (is this a companyfacts document "
                     "from data.sec.gov/api/xbrl/companyfacts/?)"));
  }
  CompanyFacts company;
  simdjson::dom::element cik;
  if (root["cik"].get(cik) == simdjson::SUCCESS) company.cik = CikText(cik);
  std::string_view name;
  if (root["entityName"].get_string().get(name) == simdjson::SUCCESS) company.name = name;
  DocumentReading reading(source, strict);
  if (company.cik.empty()) reading.Problem("cik: missing or not a number");
  for (auto [taxonomy, concepts] : taxonomies) {
    simdjson::dom::object concept_table;
    if (concepts.get_object().get(concept_table) != simdjson::SUCCESS) continue;
    for (auto [name_of_concept, body] : concept_table) {
      const std::optional<uint16_t> index = FindConcept(A(taxonomy), A(name_of_concept));
      if (!index) continue;
      simdjson::dom::object concept_body;
      const std::string path = absl::StrCat("facts.", A(taxonomy), ".", A(name_of_concept));
      if (body.get_object().get(concept_body) != simdjson::SUCCESS) {
        reading.Problem(absl::StrCat(path, ": not an object"));
        continue;
      }
      reading.ReadConcept(*index, path, concept_body);
    }
  }
  if (reading.failed_strict()) {
    CompanyFacts failed = reading.Finish(std::move(company));
    return absl::InvalidArgumentError(failed.problems.front());
  }
  return reading.Finish(std::move(company));
}

}  // namespace tact
