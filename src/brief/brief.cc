#include "brief/brief.h"

#include "absl/strings/str_join.h"
#include "brief/signal_reading.h"

namespace tact {

namespace {

std::optional<double> ValueAt(const std::vector<Figure>& figures, Day end) {
  const Figure* figure = brief_internal::EndingAt(figures, end);
  return figure ? std::optional<double>(figure->value) : std::nullopt;
}

std::vector<BriefYear> Years(const Financials& financials) {
  const std::vector<Figure>& revenue = financials.Of(Metric::kRevenue).years;
  const std::vector<Figure>& income = financials.Of(Metric::kNetIncome).years;
  const std::vector<Figure>& spine = revenue.empty() ? income : revenue;
  std::vector<BriefYear> years;
  for (const Figure& year : spine) {
    BriefYear row{.fiscal_year = FiscalYearOf(year.end), .end = year.end};
    row.net_income = ValueAt(income, year.end);
    if (const Figure* sales = brief_internal::EndingAt(revenue, year.end)) {
      row.revenue = sales->value;
      const auto margin = [&](Metric metric) -> std::optional<double> {
        const auto found = brief_internal::MarginAt(financials, metric, *sales);
        return found ? std::optional<double>(found->value) : std::nullopt;
      };
      row.gross_margin = margin(Metric::kGrossProfit);
      row.operating_margin = margin(Metric::kOperatingIncome);
    }
    row.debt = ValueAt(financials.Of(Metric::kDebt).balances, year.end);
    row.cash = ValueAt(financials.Of(Metric::kCash).balances, year.end);
    years.push_back(row);
  }
  return years;
}

// The first `count` questions, in the signals' order, each once.
std::vector<std::string> TopQuestions(const std::vector<BriefSignal>& signals, int count) {
  std::vector<std::string> top;
  for (const BriefSignal& signal : signals) {
    for (const std::string& question : signal.questions) {
      if (static_cast<int>(top.size()) >= count) return top;
      if (std::find(top.begin(), top.end(), question) == top.end()) top.push_back(question);
    }
  }
  return top;
}

}  // namespace

std::string Brief::GeneratedText() const {
  std::vector<absl::string_view> parts;
  for (const BriefSignal& signal : signals) {
    parts.push_back(signal.signal.sentence);
    parts.push_back(signal.means);
    parts.push_back(signal.role_means);
    for (const std::string& question : signal.questions) parts.push_back(question);
  }
  return absl::StrJoin(parts, "\n");
}

Brief MakeBrief(Financials financials, const Playbook& playbook, absl::string_view person_role,
                std::string account_id) {
  SignalReading reading = ReadSignals(financials, playbook.thresholds);
  Brief brief{.account_id = std::move(account_id),
              .company = financials.name,
              .cik = financials.cik,
              .currency = financials.currency,
              .as_of = financials.as_of,
              .role = playbook.RoleFor(person_role),
              .person_role = std::string(person_role)};
  for (Signal& signal : reading.signals) {
    const SignalAdvice& advice = playbook.AdviceFor(signal.id);
    BriefSignal item{.signal = std::move(signal), .means = advice.general.means};
    if (brief.role != nullptr) {
      if (const auto found = advice.by_role.find(brief.role->id); found != advice.by_role.end()) {
        item.role_means = found->second.means;
        item.questions = found->second.questions;
      }
    }
    for (const std::string& question : advice.general.questions) item.questions.push_back(question);
    brief.signals.push_back(std::move(item));
  }
  brief.questions = TopQuestions(brief.signals, playbook.top_questions);
  brief.distress = std::move(reading.distress);
  brief.years = Years(financials);
  brief.missing = std::move(reading.missing);
  brief.problems = std::move(financials.problems);
  brief.facts_read = financials.facts_read;
  brief.duplicates_removed = financials.duplicates_removed;
  brief.sources = std::move(financials.sources);
  return brief;
}

}  // namespace tact
