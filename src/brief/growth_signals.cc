// Revenue growth and its direction, margins, and turns to a loss or a profit:
// each compares the latest twelve months with the twelve months a year
// before.
#include <cmath>

#include "absl/strings/str_cat.h"
#include "brief/signal_reading.h"

namespace tact::brief_internal {

namespace {

// "fiscal 2024 (to 2024-02-03)" for a reported year, else "the twelve
// months to 2024-05-04".
std::string PeriodText(const Figure& figure) {
  if (!figure.derived) {
    return absl::StrCat("fiscal ", FiscalYearOf(figure.end), " (to ", FormatDay(figure.end), ")");
  }
  return absl::StrCat("the twelve months to ", FormatDay(figure.end));
}

double Growth(const Figure& now, const Figure& before) { return now.value / before.value - 1; }

void ReadMargin(Reading& reading, Metric metric, SignalId falling, SignalId rising,
                absl::string_view name) {
  const std::vector<Figure>& revenue = TwelveMonths(reading.Of(Metric::kRevenue));
  if (revenue.empty()) return;  // said once by ReadGrowth
  const Figure& latest = revenue.back();
  const Figure* before = YearBefore(revenue, latest);
  const std::optional<Margin> now = MarginAt(reading.financials, metric, latest);
  const std::optional<Margin> then =
      before ? MarginAt(reading.financials, metric, *before) : std::nullopt;
  if (!now || !then) {
    reading.Missing(absl::StrCat(name, " margin: no ", InfoOf(metric).label,
                                 " for the same twelve months as revenue (", ConceptsOf(metric),
                                 "); its trend is not assessed"));
    return;
  }
  const double shift = now->value - then->value;
  if (std::fabs(shift) * 100 < reading.thresholds.margin_shift_pp) return;
  std::vector<Evidence> evidence = now->evidence;
  evidence.insert(evidence.end(), then->evidence.begin(), then->evidence.end());
  reading.Add(shift < 0 ? falling : rising,
              absl::StrCat(name, " margin ", shift < 0 ? "fell" : "rose", " to ",
                           Percent(now->value), " in ", PeriodText(latest), " from ",
                           Percent(then->value), " a year before (", Points(shift), ")"),
              shift * 100, std::move(evidence));
}

}  // namespace

void ReadGrowth(Reading& reading) {
  const std::vector<Figure>& revenue = TwelveMonths(reading.Of(Metric::kRevenue));
  if (revenue.empty()) {
    reading.Missing(absl::StrCat("Revenue: no figures (", ConceptsOf(Metric::kRevenue),
                                 "); growth and margins are not assessed"));
    return;
  }
  const Figure& latest = revenue.back();
  const Figure* before = YearBefore(revenue, latest);
  if (before == nullptr || before->value <= 0) {
    reading.Missing(absl::StrCat("Revenue: nothing for the year before ", PeriodText(latest),
                                 "; growth is not assessed"));
    return;
  }
  const double growth = Growth(latest, *before);
  std::vector<Evidence> evidence = {{Metric::kRevenue, latest}, {Metric::kRevenue, *before}};
  const std::string change =
      absl::StrCat(growth < 0 ? "fell " : "grew ", Percent(std::fabs(growth)), " to ",
                   reading.Money(latest.value), " in ", PeriodText(latest), " from ",
                   reading.Money(before->value));
  if (growth * 100 < reading.thresholds.revenue_decline_pct) {
    reading.Add(SignalId::kRevenueDeclining, absl::StrCat("Revenue ", change), growth * 100,
                std::move(evidence));
    return;
  }
  const Figure* two_before = YearBefore(revenue, *before);
  if (two_before == nullptr || two_before->value <= 0) {
    reading.Add(SignalId::kRevenueGrowing, absl::StrCat("Revenue ", change), growth * 100,
                std::move(evidence));
    return;
  }
  const double growth_before = Growth(*before, *two_before);
  evidence.push_back({Metric::kRevenue, *two_before});
  const double shift = (growth - growth_before) * 100;
  const SignalId id = shift <= -reading.thresholds.growth_shift_pp  ? SignalId::kRevenueSlowing
                      : shift >= reading.thresholds.growth_shift_pp ? SignalId::kRevenueAccelerating
                                                                    : SignalId::kRevenueGrowing;
  reading.Add(id,
              absl::StrCat("Revenue ", change, "; a year before it grew ", Percent(growth_before)),
              id == SignalId::kRevenueGrowing ? growth * 100 : shift, std::move(evidence));
}

void ReadMargins(Reading& reading) {
  ReadMargin(reading, Metric::kGrossProfit, SignalId::kGrossMarginFalling,
             SignalId::kGrossMarginRising, "Gross");
  ReadMargin(reading, Metric::kOperatingIncome, SignalId::kOperatingMarginFalling,
             SignalId::kOperatingMarginRising, "Operating");
}

void ReadProfit(Reading& reading) {
  const std::vector<Figure>& income = TwelveMonths(reading.Of(Metric::kNetIncome));
  if (income.empty()) {
    reading.Missing(absl::StrCat("Net income: no figures (", ConceptsOf(Metric::kNetIncome),
                                 "); profit and loss are not assessed"));
    return;
  }
  const Figure& latest = income.back();
  const Figure* before = YearBefore(income, latest);
  if (before == nullptr) {
    reading.Missing(absl::StrCat("Net income: nothing for the year before ", PeriodText(latest),
                                 "; a turn to a loss or a profit is not assessed"));
    return;
  }
  std::vector<Evidence> evidence = {{Metric::kNetIncome, latest}, {Metric::kNetIncome, *before}};
  // Losses are said as amounts lost: "a net loss of $30.0M".
  const std::string now = reading.Money(std::fabs(latest.value));
  const std::string then = reading.Money(std::fabs(before->value));
  if (latest.value < 0 && before->value >= 0) {
    reading.Add(SignalId::kTurnedLoss,
                absl::StrCat("Turned to a net loss of ", now, " in ", PeriodText(latest),
                             " from a net income of ", then, " a year before"),
                latest.value, std::move(evidence));
  } else if (latest.value >= 0 && before->value < 0) {
    reading.Add(SignalId::kTurnedProfit,
                absl::StrCat("Back to a net income of ", now, " in ", PeriodText(latest),
                             " from a net loss of ", then, " a year before"),
                latest.value, std::move(evidence));
  } else if (latest.value < 0) {
    reading.Add(SignalId::kLossMaking,
                absl::StrCat("Net loss of ", now, " in ", PeriodText(latest),
                             ", after a net loss of ", then, " the year before"),
                latest.value, std::move(evidence));
  }
}

}  // namespace tact::brief_internal
