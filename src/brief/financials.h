// A company's facts normalised as an analyst would (brief/normalise.cc):
//  - a fact restated in later filings (same concept and period) is counted
//    once: the one SEC framed, else the one filed last;
//  - per period, one concept carries each metric: the one filed last for
//    that period (the company's own latest choice, so Apple's revenue runs
//    through SalesRevenueNet, Revenues and the ASC 606 concept as one
//    series), the preferred concept when one filing reports several;
//  - flows are split into fiscal years, discrete quarters (a quarter not
//    reported on its own is derived from year-to-date figures: Q4 = year −
//    nine months) and trailing twelve months (four contiguous quarters);
//  - balances are kept per date.
// Every figure keeps the reported facts it rests on, for citations.
//
// Thread safety: plain values.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "brief/facts.h"

namespace tact {

struct Figure {
  Day start = kNoDay;  // kNoDay for a balance at `end`
  Day end = kNoDay;
  double value = 0;
  bool derived = false;     // computed from other figures, not reported as such
  std::vector<Fact> facts;  // the reported facts behind it
};

struct MetricSeries {
  std::vector<Figure> years;     // fiscal years, by end (flows and averages)
  std::vector<Figure> quarters;  // discrete quarters, by end (flows and averages)
  std::vector<Figure> ttm;       // twelve months to each quarter's or year's end (flows)
  std::vector<Figure> balances;  // at each date (instants)

  bool empty() const {
    return years.empty() && quarters.empty() && ttm.empty() && balances.empty();
  }
};

struct Financials {
  std::string cik;
  std::string name;
  std::string currency;
  Day as_of = kNoDay;  // facts filed after it were not read; kNoDay: every fact
  std::array<MetricSeries, kMetricCount> series;
  std::vector<FactSource> sources;
  int facts_read = 0;          // facts of the concepts a brief reads
  int duplicates_removed = 0;  // restatements of a fact already counted
  std::vector<std::string> problems;

  const MetricSeries& Of(Metric metric) const { return series[static_cast<int>(metric)]; }
  const FactSource& SourceOf(const Fact& fact) const { return sources[fact.source]; }
};

// Normalises `company`'s facts filed on or before `as_of` (kNoDay: all).
Financials Normalise(const CompanyFacts& company, Day as_of = kNoDay);

// The fiscal year a period ending on `end` is named by: its end's year, or
// the year before for a 52/53-week year ending in the first week of January.
int FiscalYearOf(Day end);

// Lengths, in days, that count as a quarter, half year, nine months and year
// (52/53-week calendars included).
enum class Span : uint8_t { kOther, kQuarter, kHalf, kNineMonths, kYear };
Span SpanOf(Day start, Day end);

}  // namespace tact
