#include "brief/periods.h"

#include <cstdlib>
#include <optional>

#include "absl/container/btree_map.h"

namespace tact {

namespace {

// Days a reported boundary may be off by (52/53-week calendars, a period
// reported as starting on the Sunday after a Saturday's end).
constexpr int kSlackDays = 3;

Figure Reported(const Fact& fact) {
  return Figure{.start = fact.start, .end = fact.end, .value = fact.value, .facts = {fact}};
}

bool Near(Day a, Day b) { return std::abs(a - b) <= kSlackDays; }

using QuarterMap = absl::btree_map<Day, Figure>;  // by end

const Figure* QuarterStartingAfter(const QuarterMap& quarters, Day boundary) {
  for (auto it = quarters.lower_bound(boundary + 1); it != quarters.end(); ++it) {
    if (it->second.start - boundary > kSlackDays + 1) return nullptr;
    if (Near(it->second.start, boundary + 1)) return &it->second;
  }
  return nullptr;
}

// A year-to-date fact of the year starting at `year_start` ending one quarter
// after `boundary`, or nullptr.
const Fact* YearToDateAfter(const std::vector<Fact>& facts, Day year_start, Day boundary) {
  for (const Fact& fact : facts) {
    if (!Near(fact.start, year_start) || SpanOf(boundary + 1, fact.end) != Span::kQuarter) continue;
    if (SpanOf(fact.start, fact.end) != Span::kQuarter) return &fact;
  }
  return nullptr;
}

const Fact* YearToDateAt(const std::vector<Fact>& facts, Day year_start, Day end) {
  for (const Fact& fact : facts) {
    if (Near(fact.start, year_start) && fact.end == end) return &fact;
  }
  return nullptr;
}

// Walks the four quarters of the fiscal year starting at `year_start`, adding
// those not reported on their own as year-to-date differences.
void DeriveQuarters(const std::vector<Fact>& facts, Day year_start, QuarterMap* quarters) {
  Day boundary = year_start - 1;
  double so_far = 0;
  std::vector<Fact> so_far_facts;
  for (int quarter = 0; quarter < 4; ++quarter) {
    if (const Figure* reported = QuarterStartingAfter(*quarters, boundary)) {
      boundary = reported->end;
      so_far += reported->value;
      so_far_facts.insert(so_far_facts.end(), reported->facts.begin(), reported->facts.end());
      continue;
    }
    const Fact* to_date = YearToDateAfter(facts, year_start, boundary);
    if (to_date == nullptr) return;
    Figure derived{.start = boundary + 1, .end = to_date->end, .derived = true};
    derived.facts.push_back(*to_date);
    if (const Fact* base = YearToDateAt(facts, year_start, boundary)) {
      derived.value = to_date->value - base->value;
      derived.facts.push_back(*base);
    } else {
      derived.value = to_date->value - so_far;
      derived.facts.insert(derived.facts.end(), so_far_facts.begin(), so_far_facts.end());
    }
    so_far = to_date->value;
    so_far_facts = {*to_date};
    boundary = to_date->end;
    quarters->emplace(derived.end, std::move(derived));
  }
}

// Twelve months to each quarter's end where the four quarters before it are
// contiguous; a reported year stands for the same twelve months.
std::vector<Figure> TrailingTwelveMonths(const std::vector<Figure>& quarters,
                                         const std::vector<Figure>& years) {
  absl::btree_map<Day, Figure> by_end;
  for (const Figure& year : years) by_end.emplace(year.end, year);
  for (size_t i = 3; i < quarters.size(); ++i) {
    bool contiguous = true;
    for (size_t j = i - 2; j <= i; ++j) {
      const int gap = quarters[j].start - quarters[j - 1].end;
      contiguous &= gap >= 1 && gap <= 1 + kSlackDays;
    }
    if (!contiguous) continue;
    bool reported = false;
    for (auto it = by_end.lower_bound(quarters[i].end - kSlackDays);
         it != by_end.end() && it->first <= quarters[i].end + kSlackDays; ++it) {
      reported |= !it->second.derived;
    }
    if (reported) continue;
    Figure sum{.start = quarters[i - 3].start, .end = quarters[i].end, .derived = true};
    for (size_t j = i - 3; j <= i; ++j) {
      sum.value += quarters[j].value;
      sum.facts.insert(sum.facts.end(), quarters[j].facts.begin(), quarters[j].facts.end());
    }
    by_end.emplace(sum.end, std::move(sum));
  }
  std::vector<Figure> ttm;
  ttm.reserve(by_end.size());
  for (auto& [end, figure] : by_end) ttm.push_back(std::move(figure));
  return ttm;
}

}  // namespace

MetricSeries PeriodSeries(const std::vector<Fact>& facts, bool additive) {
  MetricSeries series;
  QuarterMap quarters;
  for (const Fact& fact : facts) {
    const Span span = SpanOf(fact.start, fact.end);
    if (span == Span::kYear) series.years.push_back(Reported(fact));
    if (span == Span::kQuarter) quarters.emplace(fact.end, Reported(fact));
  }
  if (additive) {
    for (const Figure& year : series.years) DeriveQuarters(facts, year.start, &quarters);
    if (!series.years.empty()) DeriveQuarters(facts, series.years.back().end + 1, &quarters);
  }
  series.quarters.reserve(quarters.size());
  for (auto& [end, figure] : quarters) series.quarters.push_back(std::move(figure));
  if (additive) series.ttm = TrailingTwelveMonths(series.quarters, series.years);
  return series;
}

std::vector<Figure> Balances(const std::vector<Fact>& facts) {
  std::vector<Figure> balances;
  for (const Fact& fact : facts) {
    if (!balances.empty() && balances.back().end == fact.end) continue;
    Figure figure = Reported(fact);
    figure.start = kNoDay;
    balances.push_back(std::move(figure));
  }
  return balances;
}

}  // namespace tact
