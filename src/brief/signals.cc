#include "brief/signals.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "brief/signal_reading.h"
#include "core/enum_names.h"

namespace tact {

namespace {

constexpr EnumNames<SignalId, kSignalCount> kNames({
    "distress.zone",
    "profit.turned_loss",
    "cash.runway_short",
    "revenue.declining",
    "profit.loss_making",
    "leverage.high",
    "debt.rising",
    "margin.gross_falling",
    "margin.operating_falling",
    "revenue.slowing",
    "cash.falling",
    "shares.dilution",
    "headcount.shrinking",
    "distress.grey",
    "profit.turned_profit",
    "revenue.accelerating",
    "revenue.growing",
    "margin.gross_rising",
    "margin.operating_rising",
    "headcount.growing",
});

}  // namespace

absl::string_view SignalName(SignalId id) { return kNames.Name(id); }

std::optional<SignalId> SignalByName(absl::string_view name) { return kNames.Parse(name); }

std::vector<absl::string_view> SignalNames() {
  std::vector<absl::string_view> names;
  for (int i = 0; i < kSignalCount; ++i) names.push_back(kNames.Name(static_cast<SignalId>(i)));
  return names;
}

std::string Money(double value, absl::string_view currency) {
  const double size = std::fabs(value);
  const char* sign = value < 0 ? "-" : "";
  const std::string symbol = currency == "USD" ? "$" : absl::StrCat(currency, " ");
  const auto scaled = [&](double unit, const char* suffix) {
    const double amount = size / unit;
    // Three significant figures; each format a literal (absl checks them).
    const std::string digits = amount >= 100  ? absl::StrFormat("%.0f", amount)
                               : amount >= 10 ? absl::StrFormat("%.1f", amount)
                                              : absl::StrFormat("%.2f", amount);
    return absl::StrCat(sign, symbol, digits, suffix);
  };
  if (size >= 1e12) return scaled(1e12, "T");
  if (size >= 1e9) return scaled(1e9, "B");
  if (size >= 1e6) return scaled(1e6, "M");
  if (size >= 1e3) return scaled(1e3, "K");
  return absl::StrCat(sign, symbol, absl::StrFormat("%.0f", size));
}

namespace brief_internal {

const Figure* EndingAt(const std::vector<Figure>& figures, Day end) {
  for (auto it = figures.rbegin(); it != figures.rend(); ++it) {
    if (std::abs(it->end - end) <= kDaySlack) return &*it;
    if (it->end < end - kDaySlack) break;
  }
  return nullptr;
}

const Figure* YearBefore(const std::vector<Figure>& figures, const Figure& figure) {
  // 365 days back, give or take a 52- or 53-week year.
  const Day target = figure.end - 365;
  const Figure* best = nullptr;
  int best_off = kYearSlackDays + 1;
  for (const Figure& candidate : figures) {
    const int off = std::abs(candidate.end - target);
    if (off < best_off) {
      best = &candidate;
      best_off = off;
    }
  }
  return best;
}

const std::vector<Figure>& TwelveMonths(const MetricSeries& series) {
  return series.ttm.empty() ? series.years : series.ttm;
}

std::optional<Margin> MarginAt(const Financials& financials, Metric metric, const Figure& revenue) {
  if (revenue.value <= 0) return std::nullopt;
  if (const Figure* profit = EndingAt(TwelveMonths(financials.Of(metric)), revenue.end)) {
    return Margin{profit->value / revenue.value, {{metric, *profit}, {Metric::kRevenue, revenue}}};
  }
  if (metric != Metric::kGrossProfit) return std::nullopt;
  const Figure* cost = EndingAt(TwelveMonths(financials.Of(Metric::kCostOfRevenue)), revenue.end);
  if (cost == nullptr) return std::nullopt;
  return Margin{(revenue.value - cost->value) / revenue.value,
                {{Metric::kCostOfRevenue, *cost}, {Metric::kRevenue, revenue}}};
}

std::string ConceptsOf(Metric metric) {
  std::vector<std::string> names;
  for (const ConceptInfo& info : Concepts()) {
    if (info.metric == metric && info.taxonomy != "ifrs-full") {
      names.push_back(absl::StrCat(info.taxonomy, ":", info.name));
    }
  }
  return absl::StrJoin(names, ", ");
}

std::string Percent(double fraction) { return absl::StrFormat("%.1f%%", fraction * 100); }
std::string Points(double fraction) { return absl::StrFormat("%+.1f points", fraction * 100); }

}  // namespace brief_internal

SignalReading ReadSignals(const Financials& financials, const Thresholds& thresholds) {
  brief_internal::Reading reading(financials, thresholds);
  brief_internal::ReadGrowth(reading);
  brief_internal::ReadMargins(reading);
  brief_internal::ReadProfit(reading);
  brief_internal::ReadDebtAndCash(reading);
  brief_internal::ReadDilutionAndHeadcount(reading);
  brief_internal::ReadDistress(reading);
  std::stable_sort(reading.result.signals.begin(), reading.result.signals.end(),
                   [](const Signal& a, const Signal& b) { return a.id < b.id; });
  return std::move(reading.result);
}

}  // namespace tact
