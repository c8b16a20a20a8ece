// Altman's Z'' for non-manufacturers and emerging markets (Altman 1995):
//   Z'' = 6.56·X1 + 3.26·X2 + 6.72·X3 + 1.05·X4
// X1 working capital / total assets, X2 retained earnings / total assets,
// X3 EBIT / total assets (operating income over the twelve months to the
// balance date stands for EBIT), X4 book equity / total liabilities.
// Below 1.1 is distress, 1.1 to 2.6 the grey zone (the playbook's z_distress
// and z_safe).
#include <array>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "brief/signal_reading.h"

namespace tact::brief_internal {

namespace {

// How many of the latest balance dates to try for a complete set of inputs.
constexpr int kDatesTried = 4;

constexpr std::array<Metric, 5> kBalances = {Metric::kAssetsCurrent, Metric::kLiabilitiesCurrent,
                                             Metric::kRetainedEarnings, Metric::kEquity,
                                             Metric::kLiabilities};

std::optional<DistressScore> ScoreAt(const Reading& reading, const Figure& assets,
                                     std::vector<std::string>* absent) {
  std::array<const Figure*, kBalances.size()> inputs{};
  for (size_t i = 0; i < kBalances.size(); ++i) {
    inputs[i] = EndingAt(reading.Of(kBalances[i]).balances, assets.end);
    if (inputs[i] == nullptr) absent->push_back(std::string(InfoOf(kBalances[i]).label));
  }
  const Figure* ebit = EndingAt(TwelveMonths(reading.Of(Metric::kOperatingIncome)), assets.end);
  if (ebit == nullptr) absent->push_back("Operating income (for EBIT)");
  if (!absent->empty() || assets.value <= 0 || inputs[4]->value <= 0) return std::nullopt;
  const double total = assets.value;
  const double x1 = (inputs[0]->value - inputs[1]->value) / total;
  const double x2 = inputs[2]->value / total;
  const double x3 = ebit->value / total;
  const double x4 = inputs[3]->value / inputs[4]->value;
  DistressScore score{.z = 6.56 * x1 + 3.26 * x2 + 6.72 * x3 + 1.05 * x4, .at = assets.end};
  score.inputs.push_back({Metric::kAssets, assets});
  for (size_t i = 0; i < kBalances.size(); ++i) score.inputs.push_back({kBalances[i], *inputs[i]});
  score.inputs.push_back({Metric::kOperatingIncome, *ebit});
  return score;
}

}  // namespace

void ReadDistress(Reading& reading) {
  const std::vector<Figure>& assets = reading.Of(Metric::kAssets).balances;
  std::vector<std::string> absent_at_latest;
  std::optional<DistressScore> score;
  for (int i = 0; i < kDatesTried && i < static_cast<int>(assets.size()) && !score; ++i) {
    std::vector<std::string> absent;
    score = ScoreAt(reading, assets[assets.size() - 1 - i], &absent);
    if (i == 0) absent_at_latest = std::move(absent);
  }
  if (!score) {
    reading.Missing(
        absl::StrCat("Altman Z'': not computed; missing ",
                     assets.empty() ? "Total assets" : absl::StrJoin(absent_at_latest, ", "),
                     assets.empty() ? "" : absl::StrCat(" at ", FormatDay(assets.back().end))));
    return;
  }
  const Thresholds& limits = reading.thresholds;
  if (score->z < limits.z_safe) {
    const bool distress = score->z < limits.z_distress;
    reading.Add(
        distress ? SignalId::kDistress : SignalId::kDistressGrey,
        absl::StrCat("Altman Z'' is ", absl::StrFormat("%.2f", score->z), " at ",
                     FormatDay(score->at), distress ? ": below " : ": in the grey zone (",
                     distress ? absl::StrFormat("%.1f, the distress zone", limits.z_distress)
                              : absl::StrFormat("%.1f to %.1f)", limits.z_distress, limits.z_safe)),
        score->z, score->inputs);
  }
  reading.result.distress = std::move(score);
}

}  // namespace tact::brief_internal
