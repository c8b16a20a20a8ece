#include <algorithm>
#include <string_view>
#include <tuple>

#include "brief/financials.h"
#include "brief/periods.h"

namespace tact {

namespace {

Metric MetricOf(const Fact& fact) { return Concepts()[fact.concept_index].metric; }
int RankOf(const Fact& fact) { return Concepts()[fact.concept_index].rank; }

// One fact per concept and period: the framed one, else the one filed last
// (then the later accession, so that the pick does not depend on order).
std::vector<Fact> WithoutRestatements(const CompanyFacts& company, Day as_of,
                                      int* duplicates_removed) {
  std::vector<Fact> facts;
  facts.reserve(company.facts.size());
  for (const Fact& fact : company.facts) {
    if (as_of == kNoDay || KnownOn(fact) <= as_of) facts.push_back(fact);
  }
  const auto preferred_first = [&](const Fact& a, const Fact& b) {
    const std::string_view a_accession = company.sources[a.source].accession;
    const std::string_view b_accession = company.sources[b.source].accession;
    return std::make_tuple(a.concept_index, a.start, a.end, !a.framed, -KnownOn(a), b_accession) <
           std::make_tuple(b.concept_index, b.start, b.end, !b.framed, -KnownOn(b), a_accession);
  };
  std::sort(facts.begin(), facts.end(), preferred_first);
  const auto same_period = [](const Fact& a, const Fact& b) {
    return a.concept_index == b.concept_index && a.start == b.start && a.end == b.end;
  };
  const auto kept_end = std::unique(facts.begin(), facts.end(), same_period);
  *duplicates_removed = static_cast<int>(facts.end() - kept_end);
  facts.erase(kept_end, facts.end());
  return facts;
}

// Per metric and period, the concept filed last (the preferred one on a
// tie): the facts each metric's figures are made of.
std::array<std::vector<Fact>, kMetricCount> OneConceptPerPeriod(std::vector<Fact> facts) {
  std::sort(facts.begin(), facts.end(), [](const Fact& a, const Fact& b) {
    return std::make_tuple(MetricOf(a), a.end, a.start, -KnownOn(a), RankOf(a)) <
           std::make_tuple(MetricOf(b), b.end, b.start, -KnownOn(b), RankOf(b));
  });
  std::array<std::vector<Fact>, kMetricCount> per_metric;
  for (size_t i = 0; i < facts.size(); ++i) {
    const Fact& fact = facts[i];
    if (i > 0 && MetricOf(facts[i - 1]) == MetricOf(fact) && facts[i - 1].end == fact.end &&
        facts[i - 1].start == fact.start) {
      continue;
    }
    per_metric[static_cast<int>(MetricOf(fact))].push_back(fact);
  }
  return per_metric;
}

}  // namespace

int FiscalYearOf(Day end) {
  const absl::CivilDay day = CivilOf(end);
  if (day.month() == 1 && day.day() <= 7) return static_cast<int>(day.year()) - 1;
  return static_cast<int>(day.year());
}

Span SpanOf(Day start, Day end) {
  if (start == kNoDay) return Span::kOther;
  const int days = end - start + 1;
  if (days >= 84 && days <= 98) return Span::kQuarter;
  if (days >= 175 && days <= 189) return Span::kHalf;
  if (days >= 266 && days <= 280) return Span::kNineMonths;
  if (days >= 357 && days <= 371) return Span::kYear;
  return Span::kOther;
}

Financials Normalise(const CompanyFacts& company, Day as_of) {
  Financials financials;
  financials.cik = company.cik;
  financials.name = company.name;
  financials.currency = company.currency;
  financials.as_of = as_of;
  financials.sources = company.sources;
  financials.problems = company.problems;
  std::vector<Fact> facts = WithoutRestatements(company, as_of, &financials.duplicates_removed);
  financials.facts_read = static_cast<int>(facts.size()) + financials.duplicates_removed;
  auto per_metric = OneConceptPerPeriod(std::move(facts));
  for (int m = 0; m < kMetricCount; ++m) {
    const MetricInfo& info = InfoOf(static_cast<Metric>(m));
    MetricSeries& series = financials.series[m];
    if (info.kind == MetricKind::kInstant) {
      series.balances = Balances(per_metric[m]);
    } else {
      series = PeriodSeries(per_metric[m], info.kind == MetricKind::kFlow);
    }
  }
  return financials;
}

}  // namespace tact
