// An account's brief: its signals with the figures and filings behind them,
// what each likely means for the account and for the person's role, the
// questions worth asking, the yearly figures for charts, and what could not
// be assessed. Built from normalised financials (brief/financials.h) and a
// playbook (brief/playbook.h).
//
// Thread safety: plain values; MakeBrief is pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "brief/financials.h"
#include "brief/playbook.h"
#include "brief/signals.h"

namespace tact {

struct BriefSignal {
  Signal signal;
  std::string means;                   // for the account (the playbook's general text)
  std::string role_means;              // for the person's role; empty when the playbook has none
  std::vector<std::string> questions;  // the role's first, then the general ones
};

// One fiscal year's figures, for charts; absent where not reported.
struct BriefYear {
  int fiscal_year = 0;
  Day end = kNoDay;
  std::optional<double> revenue;
  std::optional<double> gross_margin;      // fraction
  std::optional<double> operating_margin;  // fraction
  std::optional<double> net_income;
  std::optional<double> debt;  // at the year's end
  std::optional<double> cash;  // at the year's end
};

struct Brief {
  std::string account_id;
  std::string company;
  std::string cik;
  std::string currency;
  Day as_of = kNoDay;
  const PlaybookRole* role = nullptr;  // into the playbook; nullptr: no role matched
  std::string person_role;             // as given
  std::vector<BriefSignal> signals;
  std::optional<DistressScore> distress;
  std::vector<std::string> questions;  // the top ones (the playbook's top_questions)
  std::vector<BriefYear> years;
  std::vector<std::string> missing;
  std::vector<std::string> problems;
  int facts_read = 0;
  int duplicates_removed = 0;
  std::vector<FactSource> sources;  // what the evidence's facts cite

  // Every sentence the brief generates (signals, meanings, questions), for
  // telling a seller's own words from a copy of it.
  std::string GeneratedText() const;
};

// `playbook` must outlive the brief (it points at the matched role).
Brief MakeBrief(Financials financials, const Playbook& playbook, absl::string_view person_role,
                std::string account_id);

}  // namespace tact
