#include "rules/icp.h"

#include <algorithm>
#include <charconv>

#include "absl/strings/str_cat.h"

namespace tact {
namespace {

std::optional<std::string> AttributeText(const Account& account, const std::string& attribute) {
  if (attribute == "industry") return account.industry;
  if (attribute == "country") return account.country;
  if (attribute == "employees") {
    if (!account.employees) return std::nullopt;
    return absl::StrCat(*account.employees);
  }
  const auto found = account.attributes.find(attribute);
  if (found == account.attributes.end()) return std::nullopt;
  return found->second;
}

bool Matches(const IcpRule& rule, const Account& account) {
  const auto text = AttributeText(account, rule.attribute);
  if (!text || text->empty()) return false;
  if (!rule.is_between) return std::find(rule.in.begin(), rule.in.end(), *text) != rule.in.end();
  double number = 0;
  if (rule.attribute == "employees") {
    number = *account.employees;
  } else {
    auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), number);
    if (error != std::errc() || end != text->data() + text->size()) return false;
  }
  return number >= rule.low && number <= rule.high;
}

}  // namespace

double IcpScore(const Icp& icp, const Account& account) {
  double total = 0, matched = 0;
  for (const IcpRule& rule : icp.rules) {
    total += rule.weight;
    if (Matches(rule, account)) matched += rule.weight;
  }
  return total > 0 ? matched / total : 1.0;
}

std::vector<std::string> IcpMisses(const Icp& icp, const Account& account) {
  std::vector<std::string> misses;
  for (const IcpRule& rule : icp.rules) {
    if (!Matches(rule, account)) misses.push_back(rule.attribute);
  }
  return misses;
}

void CheckIcp(const RuleInput& input, Reasons* reasons) {
  const Icp& icp = input.policy.icp;
  if (!input.kind_rules.requires_icp || icp.rules.empty()) return;
  if (input.account == nullptr) {
    Reason reason{ReasonCode::kIcpUnknownAccount, "icp.fit"};
    reason.score = 0;
    reason.threshold = icp.threshold;
    reasons->push_back(reason);
    return;
  }
  const double score = IcpScore(icp, *input.account);
  if (score >= icp.threshold) return;
  Reason reason{ReasonCode::kIcpBelowThreshold, "icp.fit"};
  reason.score = score;
  reason.threshold = icp.threshold;
  reasons->push_back(reason);
}

}  // namespace tact
