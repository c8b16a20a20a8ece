// Shared by the signal readers (brief/signals.cc, growth_signals.cc,
// balance_signals.cc): finding the figure a year before another, and
// collecting signals and what is missing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "brief/signals.h"

namespace tact::brief_internal {

// Days a "year before" may be off by (52/53-week years).
inline constexpr int kYearSlackDays = 12;
// Days two figures' ends may differ by and still be of the same date.
inline constexpr int kDaySlack = 3;

// The figure in `figures` (sorted by end) ending about a year before
// `figure`, or nullptr.
const Figure* YearBefore(const std::vector<Figure>& figures, const Figure& figure);
// The figure in `figures` ending within kDaySlack days of `end`, or nullptr.
const Figure* EndingAt(const std::vector<Figure>& figures, Day end);

// A flow's twelve-month figures: trailing twelve months, else fiscal years.
const std::vector<Figure>& TwelveMonths(const MetricSeries& series);

// A margin over the same twelve months as `revenue` (a fiscal year's end
// finds the reported year), from `metric`'s figure or, for the gross margin,
// revenue less the cost of revenue; nullopt when neither was reported.
struct Margin {
  double value = 0;
  std::vector<Evidence> evidence;
};
std::optional<Margin> MarginAt(const Financials& financials, Metric metric, const Figure& revenue);

// "us-gaap:LongTermDebt or us-gaap:LongTermDebtNoncurrent", for a sentence
// saying what was looked for.
std::string ConceptsOf(Metric metric);

// "12.3%" with one decimal; "+2.1 points".
std::string Percent(double fraction);
std::string Points(double fraction);

class Reading {
 public:
  Reading(const Financials& financials, const Thresholds& thresholds)
      : financials(financials), thresholds(thresholds) {}

  void Add(SignalId id, std::string sentence, double measure, std::vector<Evidence> evidence) {
    result.signals.push_back({id, std::move(sentence), measure, std::move(evidence)});
  }
  void Missing(std::string what) { result.missing.push_back(std::move(what)); }
  std::string Money(double value) const { return tact::Money(value, financials.currency); }
  const MetricSeries& Of(Metric metric) const { return financials.Of(metric); }

  const Financials& financials;
  const Thresholds& thresholds;
  SignalReading result;
};

void ReadGrowth(Reading& reading);
void ReadMargins(Reading& reading);
void ReadProfit(Reading& reading);
void ReadDebtAndCash(Reading& reading);
void ReadDilutionAndHeadcount(Reading& reading);
void ReadDistress(Reading& reading);

}  // namespace tact::brief_internal
