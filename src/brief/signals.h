// What an account's financials say, as signals a seller can act on. Each
// signal names the figures behind it (brief/financials.h: every figure keeps
// its reported facts, with their concept, period and filing), and a sentence
// with the numbers. The thresholds come from the playbook
// (brief/playbook.h) and are documented in docs/briefs.md.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "brief/financials.h"

namespace tact {

// In the order a brief lists them: what threatens the account first.
enum class SignalId : uint8_t {
  kDistress,
  kTurnedLoss,
  kRunwayShort,
  kRevenueDeclining,
  kLossMaking,
  kLeverageHigh,
  kDebtRising,
  kGrossMarginFalling,
  kOperatingMarginFalling,
  kRevenueSlowing,
  kCashFalling,
  kDilution,
  kHeadcountShrinking,
  kDistressGrey,
  kTurnedProfit,
  kRevenueAccelerating,
  kRevenueGrowing,
  kGrossMarginRising,
  kOperatingMarginRising,
  kHeadcountGrowing,
};
inline constexpr int kSignalCount = static_cast<int>(SignalId::kHeadcountGrowing) + 1;

// "revenue.declining", as the playbook and the API name it.
absl::string_view SignalName(SignalId id);
std::optional<SignalId> SignalByName(absl::string_view name);
std::vector<absl::string_view> SignalNames();

// When a figure counts as a signal; the playbook's [thresholds].
struct Thresholds {
  double revenue_decline_pct = 0;    // growth below this (%) is a decline
  double growth_shift_pp = 5;        // growth this many points above/below a year before
  double margin_shift_pp = 2;        // a margin this many points up or down
  double debt_growth_pct = 20;       // debt up this much in a year
  double debt_to_equity = 1.5;       // debt this many times equity
  double cash_fall_pct = 25;         // cash down this much in a year
  double runway_months = 18;         // cash lasts fewer months at the current burn
  double dilution_pct = 3;           // diluted shares up this much in a year
  double headcount_shrink_pct = 5;   // employees down this much in a year
  double headcount_growth_pct = 10;  // employees up this much in a year
  double z_distress = 1.1;           // Altman Z'' below this: distress
  double z_safe = 2.6;               // Altman Z'' below this (and above distress): grey zone
};

struct Evidence {
  Metric metric;
  Figure figure;
};

struct Signal {
  SignalId id;
  std::string sentence;  // with the numbers, e.g. "Revenue fell 6.9% to $5.51B ..."
  double measure = 0;    // the number compared with its threshold (%, points, months, Z'')
  std::vector<Evidence> evidence;
};

// Altman's Z'' (non-manufacturers, 1995) with its inputs, at one balance date.
struct DistressScore {
  double z = 0;
  Day at = kNoDay;
  std::vector<Evidence> inputs;
};

struct SignalReading {
  std::vector<Signal> signals;  // sorted by SignalId
  std::optional<DistressScore> distress;
  // What could not be assessed and why, e.g. "Debt: no figures (…); leverage
  // and debt growth not assessed".
  std::vector<std::string> missing;
};

SignalReading ReadSignals(const Financials& financials, const Thresholds& thresholds);

// "$5.51B", "-$30.0M", "EUR 812K": three significant figures.
std::string Money(double value, absl::string_view currency);

}  // namespace tact
