#include "brief/concepts.h"

#include <algorithm>
#include <array>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace tact {

namespace {

constexpr std::array<MetricInfo, kMetricCount> kMetrics = {{
    {Metric::kRevenue, "revenue", "Revenue", MetricKind::kFlow, MetricUnit::kMoney},
    {Metric::kGrossProfit, "gross_profit", "Gross profit", MetricKind::kFlow, MetricUnit::kMoney},
    {Metric::kCostOfRevenue, "cost_of_revenue", "Cost of revenue", MetricKind::kFlow,
     MetricUnit::kMoney},
    {Metric::kOperatingIncome, "operating_income", "Operating income", MetricKind::kFlow,
     MetricUnit::kMoney},
    {Metric::kNetIncome, "net_income", "Net income", MetricKind::kFlow, MetricUnit::kMoney},
    {Metric::kOperatingCashFlow, "operating_cash_flow", "Operating cash flow", MetricKind::kFlow,
     MetricUnit::kMoney},
    {Metric::kDilutedShares, "diluted_shares", "Diluted shares", MetricKind::kAverage,
     MetricUnit::kShares},
    {Metric::kDebt, "debt", "Long-term debt", MetricKind::kInstant, MetricUnit::kMoney},
    {Metric::kCash, "cash", "Cash", MetricKind::kInstant, MetricUnit::kMoney},
    {Metric::kAssets, "assets", "Total assets", MetricKind::kInstant, MetricUnit::kMoney},
    {Metric::kLiabilities, "liabilities", "Total liabilities", MetricKind::kInstant,
     MetricUnit::kMoney},
    {Metric::kAssetsCurrent, "current_assets", "Current assets", MetricKind::kInstant,
     MetricUnit::kMoney},
    {Metric::kLiabilitiesCurrent, "current_liabilities", "Current liabilities",
     MetricKind::kInstant, MetricUnit::kMoney},
    {Metric::kRetainedEarnings, "retained_earnings", "Retained earnings", MetricKind::kInstant,
     MetricUnit::kMoney},
    {Metric::kEquity, "equity", "Shareholders' equity", MetricKind::kInstant, MetricUnit::kMoney},
    {Metric::kEmployees, "employees", "Employees", MetricKind::kInstant, MetricUnit::kPeople},
}};

// Within a metric, rank 0 first: the total before a narrower figure (a
// company that reports `Revenues` and the ASC 606 subset in one filing means
// the total by its headline).
constexpr ConceptInfo kConcepts[] = {
    {"us-gaap", "Revenues", Metric::kRevenue, 0},
    {"us-gaap", "RevenuesNetOfInterestExpense", Metric::kRevenue, 1},
    {"us-gaap", "RevenueFromContractWithCustomerExcludingAssessedTax", Metric::kRevenue, 2},
    {"us-gaap", "RevenueFromContractWithCustomerIncludingAssessedTax", Metric::kRevenue, 3},
    {"us-gaap", "SalesRevenueNet", Metric::kRevenue, 4},
    {"us-gaap", "SalesRevenueGoodsNet", Metric::kRevenue, 5},
    {"us-gaap", "SalesRevenueServicesNet", Metric::kRevenue, 6},
    {"ifrs-full", "Revenue", Metric::kRevenue, 0},
    {"us-gaap", "GrossProfit", Metric::kGrossProfit, 0},
    {"ifrs-full", "GrossProfit", Metric::kGrossProfit, 0},
    {"us-gaap", "CostOfRevenue", Metric::kCostOfRevenue, 0},
    {"us-gaap", "CostOfGoodsAndServicesSold", Metric::kCostOfRevenue, 1},
    {"us-gaap", "CostOfGoodsSold", Metric::kCostOfRevenue, 2},
    {"ifrs-full", "CostOfSales", Metric::kCostOfRevenue, 0},
    {"us-gaap", "OperatingIncomeLoss", Metric::kOperatingIncome, 0},
    {"ifrs-full", "ProfitLossFromOperatingActivities", Metric::kOperatingIncome, 0},
    {"us-gaap", "NetIncomeLoss", Metric::kNetIncome, 0},
    {"us-gaap", "ProfitLoss", Metric::kNetIncome, 1},
    {"ifrs-full", "ProfitLossAttributableToOwnersOfParent", Metric::kNetIncome, 0},
    {"ifrs-full", "ProfitLoss", Metric::kNetIncome, 1},
    {"us-gaap", "NetCashProvidedByUsedInOperatingActivities", Metric::kOperatingCashFlow, 0},
    {"us-gaap", "NetCashProvidedByUsedInOperatingActivitiesContinuingOperations",
     Metric::kOperatingCashFlow, 1},
    {"ifrs-full", "CashFlowsFromUsedInOperatingActivities", Metric::kOperatingCashFlow, 0},
    {"us-gaap", "WeightedAverageNumberOfDilutedSharesOutstanding", Metric::kDilutedShares, 0},
    {"ifrs-full", "AdjustedWeightedAverageShares", Metric::kDilutedShares, 0},
    {"us-gaap", "LongTermDebt", Metric::kDebt, 0},
    {"us-gaap", "LongTermDebtNoncurrent", Metric::kDebt, 1},
    {"ifrs-full", "Borrowings", Metric::kDebt, 0},
    {"us-gaap", "CashAndCashEquivalentsAtCarryingValue", Metric::kCash, 0},
    {"us-gaap", "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents", Metric::kCash, 1},
    {"ifrs-full", "CashAndCashEquivalents", Metric::kCash, 0},
    {"us-gaap", "Assets", Metric::kAssets, 0},
    {"ifrs-full", "Assets", Metric::kAssets, 0},
    {"us-gaap", "Liabilities", Metric::kLiabilities, 0},
    {"ifrs-full", "Liabilities", Metric::kLiabilities, 0},
    {"us-gaap", "AssetsCurrent", Metric::kAssetsCurrent, 0},
    {"ifrs-full", "CurrentAssets", Metric::kAssetsCurrent, 0},
    {"us-gaap", "LiabilitiesCurrent", Metric::kLiabilitiesCurrent, 0},
    {"ifrs-full", "CurrentLiabilities", Metric::kLiabilitiesCurrent, 0},
    {"us-gaap", "RetainedEarningsAccumulatedDeficit", Metric::kRetainedEarnings, 0},
    {"ifrs-full", "RetainedEarnings", Metric::kRetainedEarnings, 0},
    {"us-gaap", "StockholdersEquity", Metric::kEquity, 0},
    {"us-gaap", "StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest",
     Metric::kEquity, 1},
    {"ifrs-full", "EquityAttributableToOwnersOfParent", Metric::kEquity, 0},
    {"ifrs-full", "Equity", Metric::kEquity, 1},
    {"dei", "EntityNumberOfEmployees", Metric::kEmployees, 0},
};

struct Index {
  absl::flat_hash_map<std::string, uint16_t> by_full_name;  // "us-gaap:Revenues"
  absl::flat_hash_map<std::string, uint16_t> by_name;       // "Revenues", first taxonomy wins
};

const Index& ConceptIndex() {
  static const Index* const index = [] {
    auto* built = new Index;
    for (uint16_t i = 0; i < std::size(kConcepts); ++i) {
      const ConceptInfo& info = kConcepts[i];
      built->by_full_name.emplace(absl::StrCat(info.taxonomy, ":", info.name), i);
      built->by_name.emplace(std::string(info.name), i);
      if (info.rank == 0) built->by_name.emplace(std::string(InfoOf(info.metric).name), i);
    }
    return built;
  }();
  return *index;
}

}  // namespace

const MetricInfo& InfoOf(Metric metric) { return kMetrics[static_cast<int>(metric)]; }

std::span<const ConceptInfo> Concepts() { return kConcepts; }

bool IsCurrencyUnit(absl::string_view unit) {
  return unit.size() == 3 && absl::ascii_isupper(unit[0]) && absl::ascii_isupper(unit[1]) &&
         absl::ascii_isupper(unit[2]);
}

bool UnitFits(Metric metric, absl::string_view unit) {
  switch (InfoOf(metric).unit) {
    case MetricUnit::kMoney:
      return IsCurrencyUnit(unit);
    case MetricUnit::kShares:
      return unit == "shares";
    case MetricUnit::kPeople:
      return !IsCurrencyUnit(unit) && !absl::StrContains(unit, '/');
  }
  return false;
}

absl::string_view UnitWanted(Metric metric) {
  switch (InfoOf(metric).unit) {
    case MetricUnit::kMoney:
      return "a currency";
    case MetricUnit::kShares:
      return "shares";
    case MetricUnit::kPeople:
      return "a count";
  }
  return "";
}

std::vector<absl::string_view> ConceptNames() {
  std::vector<absl::string_view> names;
  for (const auto& [name, index] : ConceptIndex().by_name) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<uint16_t> FindConcept(absl::string_view taxonomy, absl::string_view name) {
  const Index& index = ConceptIndex();
  const auto found = index.by_full_name.find(absl::StrCat(taxonomy, ":", name));
  if (found == index.by_full_name.end()) return std::nullopt;
  return found->second;
}

std::optional<uint16_t> FindConceptByName(absl::string_view name) {
  const Index& index = ConceptIndex();
  if (const auto found = index.by_full_name.find(name); found != index.by_full_name.end()) {
    return found->second;
  }
  if (const auto found = index.by_name.find(name); found != index.by_name.end()) {
    return found->second;
  }
  return std::nullopt;
}

}  // namespace tact
