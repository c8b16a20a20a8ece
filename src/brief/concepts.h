// The financial figures a brief reads (`Metric`) and the reported concepts
// that carry each of them: XBRL concepts of the us-gaap, ifrs-full and dei
// taxonomies, in the order tact prefers them when one filing reports several
// for the same period. A facts table (CSV/JSON Lines) names the same
// concepts, with or without their taxonomy.
//
// Thread safety: the catalogue is immutable.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "absl/strings/string_view.h"

namespace tact {

enum class Metric : uint8_t {
  kRevenue,
  kGrossProfit,
  kCostOfRevenue,
  kOperatingIncome,
  kNetIncome,
  kOperatingCashFlow,
  kDilutedShares,
  kDebt,
  kCash,
  kAssets,
  kLiabilities,
  kAssetsCurrent,
  kLiabilitiesCurrent,
  kRetainedEarnings,
  kEquity,
  kEmployees,
};
inline constexpr int kMetricCount = static_cast<int>(Metric::kEmployees) + 1;

// How a metric's figures add up over time.
enum class MetricKind : uint8_t {
  kFlow,     // over a period, additive: quarters sum to a year (revenue)
  kAverage,  // over a period, not additive (weighted average shares)
  kInstant,  // at a date (cash, debt, headcount)
};

// What a metric's values are counted in.
enum class MetricUnit : uint8_t { kMoney, kShares, kPeople };

struct MetricInfo {
  Metric metric;
  absl::string_view name;   // "revenue", as the brief's JSON names it
  absl::string_view label;  // "Revenue", as a sentence names it
  MetricKind kind;
  MetricUnit unit;
};

const MetricInfo& InfoOf(Metric metric);

struct ConceptInfo {
  absl::string_view taxonomy;  // "us-gaap", "ifrs-full", "dei"
  absl::string_view name;      // "RevenueFromContractWithCustomerExcludingAssessedTax"
  Metric metric;
  uint8_t rank;  // 0 is preferred when one filing reports several
};

// Whether a fact in `unit` (as SEC names units: "USD", "shares", "pure")
// can be a figure of `metric`: money in a currency (three upper-case
// letters), shares in "shares", people in any unit that is neither.
bool IsCurrencyUnit(absl::string_view unit);
bool UnitFits(Metric metric, absl::string_view unit);
// "a currency", "shares" or "a count", for messages.
absl::string_view UnitWanted(Metric metric);

// The concepts tact reads, every one; their index is stable within a build.
std::span<const ConceptInfo> Concepts();

// The concept named `taxonomy`:`name`, or nullopt when a brief does not read
// it.
std::optional<uint16_t> FindConcept(absl::string_view taxonomy, absl::string_view name);
// The concept named "us-gaap:Revenues" or plain "Revenues" (us-gaap, then
// ifrs-full, then dei), or a metric's name ("revenue", "employees": its
// preferred concept), or nullopt.
std::optional<uint16_t> FindConceptByName(absl::string_view name);
// Every name FindConceptByName knows, for suggestions.
std::vector<absl::string_view> ConceptNames();

}  // namespace tact
