// Building a metric's figures from its facts, one per period
// (brief/normalise.cc picks them): fiscal years, discrete quarters (derived
// from year-to-date figures where a quarter is not reported on its own) and
// trailing twelve months; balances per date.
//
// Thread safety: pure functions.
#pragma once

#include <vector>

#include "brief/financials.h"

namespace tact {

// Facts of one metric over periods, sorted by end then start. `additive`:
// quarters may be derived as differences and summed to twelve months.
MetricSeries PeriodSeries(const std::vector<Fact>& facts, bool additive);

// Facts of one metric at dates (at most one per date), sorted by date.
std::vector<Figure> Balances(const std::vector<Fact>& facts);

}  // namespace tact
