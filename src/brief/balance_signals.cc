// Debt, leverage, cash and runway, dilution, headcount and Altman's Z'':
// balances at the latest date compared with a year before.
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "brief/signal_reading.h"

namespace tact::brief_internal {

namespace {

std::string At(const Figure& figure) { return FormatDay(figure.end); }

// The latest balance and the one a year before it, or says what is missing.
struct YearOnYear {
  const Figure* now = nullptr;
  const Figure* before = nullptr;
};

YearOnYear LatestTwo(Reading& reading, Metric metric, absl::string_view not_assessed) {
  const std::vector<Figure>& balances = reading.Of(metric).balances;
  if (balances.empty()) {
    reading.Missing(absl::StrCat(InfoOf(metric).label, ": no figures (", ConceptsOf(metric), "); ",
                                 not_assessed, " not assessed"));
    return {};
  }
  return {&balances.back(), YearBefore(balances, balances.back())};
}

void ReadLeverage(Reading& reading, const Figure& debt) {
  const Figure* equity = EndingAt(reading.Of(Metric::kEquity).balances, debt.end);
  if (equity == nullptr) {
    reading.Missing(
        absl::StrCat("Shareholders' equity: none at ", At(debt), "; leverage is not assessed"));
    return;
  }
  const double ratio = equity->value > 0 ? debt.value / equity->value : INFINITY;
  if (debt.value <= 0 || ratio < reading.thresholds.debt_to_equity) return;
  reading.Add(SignalId::kLeverageHigh,
              equity->value > 0
                  ? absl::StrCat("Debt of ", reading.Money(debt.value), " is ",
                                 absl::StrFormat("%.1f", ratio), " times shareholders' equity of ",
                                 reading.Money(equity->value), " at ", At(debt))
                  : absl::StrCat("Debt of ", reading.Money(debt.value),
                                 " against negative shareholders' equity of ",
                                 reading.Money(equity->value), " at ", At(debt)),
              std::isfinite(ratio) ? ratio : 0,
              {{Metric::kDebt, debt}, {Metric::kEquity, *equity}});
}

void ReadRunway(Reading& reading, const Figure& cash) {
  const std::vector<Figure>& flows = TwelveMonths(reading.Of(Metric::kOperatingCashFlow));
  if (flows.empty()) {
    reading.Missing(absl::StrCat("Operating cash flow: no figures (",
                                 ConceptsOf(Metric::kOperatingCashFlow),
                                 "); runway is not assessed"));
    return;
  }
  const Figure& flow = flows.back();
  if (flow.value >= 0) return;
  const double months = cash.value / (-flow.value / 12);
  if (months >= reading.thresholds.runway_months) return;
  reading.Add(SignalId::kRunwayShort,
              absl::StrCat("Operating cash flow was ", reading.Money(flow.value),
                           " in the twelve months to ", At(flow), "; cash of ",
                           reading.Money(cash.value), " at ", At(cash), " lasts about ",
                           absl::StrFormat("%.0f", months), " months at that rate"),
              months, {{Metric::kOperatingCashFlow, flow}, {Metric::kCash, cash}});
}

}  // namespace

void ReadDebtAndCash(Reading& reading) {
  const YearOnYear debt = LatestTwo(reading, Metric::kDebt, "leverage and debt growth are");
  if (debt.now != nullptr) {
    ReadLeverage(reading, *debt.now);
    if (debt.before != nullptr && debt.before->value > 0) {
      const double growth = debt.now->value / debt.before->value - 1;
      if (growth * 100 >= reading.thresholds.debt_growth_pct) {
        reading.Add(SignalId::kDebtRising,
                    absl::StrCat("Debt rose ", Percent(growth), " in a year to ",
                                 reading.Money(debt.now->value), " at ", At(*debt.now), " from ",
                                 reading.Money(debt.before->value)),
                    growth * 100, {{Metric::kDebt, *debt.now}, {Metric::kDebt, *debt.before}});
      }
    }
  }
  const YearOnYear cash = LatestTwo(reading, Metric::kCash, "cash and runway are");
  if (cash.now == nullptr) return;
  ReadRunway(reading, *cash.now);
  if (cash.before == nullptr || cash.before->value <= 0) return;
  const double change = cash.now->value / cash.before->value - 1;
  if (-change * 100 < reading.thresholds.cash_fall_pct) return;
  reading.Add(
      SignalId::kCashFalling,
      absl::StrCat("Cash fell ", Percent(-change), " in a year to ", reading.Money(cash.now->value),
                   " at ", At(*cash.now), " from ", reading.Money(cash.before->value)),
      change * 100, {{Metric::kCash, *cash.now}, {Metric::kCash, *cash.before}});
}

void ReadDilutionAndHeadcount(Reading& reading) {
  const MetricSeries& shares = reading.Of(Metric::kDilutedShares);
  const std::vector<Figure>& periods = shares.quarters.empty() ? shares.years : shares.quarters;
  if (periods.empty()) {
    reading.Missing(absl::StrCat("Diluted shares: no figures (", ConceptsOf(Metric::kDilutedShares),
                                 "); dilution is not assessed"));
  } else if (const Figure* before = YearBefore(periods, periods.back());
             before != nullptr && before->value > 0) {
    const Figure& now = periods.back();
    const double growth = now.value / before->value - 1;
    if (growth * 100 >= reading.thresholds.dilution_pct) {
      reading.Add(SignalId::kDilution,
                  absl::StrCat("Diluted shares rose ", Percent(growth), " in a year, to ",
                               absl::StrFormat("%.0f", now.value), " for the period to ", At(now)),
                  growth * 100, {{Metric::kDilutedShares, now}, {Metric::kDilutedShares, *before}});
    }
  }
  const std::vector<Figure>& staff = reading.Of(Metric::kEmployees).balances;
  if (staff.empty()) {
    reading.Missing(
        "Employees: no figures (dei:EntityNumberOfEmployees, or an `employees` row "
        "in a facts table); headcount is not assessed");
    return;
  }
  const Figure* before = YearBefore(staff, staff.back());
  if (before == nullptr || before->value <= 0) return;
  const Figure& now = staff.back();
  const double change = now.value / before->value - 1;
  const bool shrinking = -change * 100 >= reading.thresholds.headcount_shrink_pct;
  if (!shrinking && change * 100 < reading.thresholds.headcount_growth_pct) return;
  reading.Add(shrinking ? SignalId::kHeadcountShrinking : SignalId::kHeadcountGrowing,
              absl::StrCat("Employees ", shrinking ? "fell " : "rose ", Percent(std::fabs(change)),
                           " in a year to ", absl::StrFormat("%.0f", now.value), " at ", At(now)),
              change * 100, {{Metric::kEmployees, now}, {Metric::kEmployees, *before}});
}

}  // namespace tact::brief_internal
