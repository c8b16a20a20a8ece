#include <ostream>

#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "cli/envelope.h"
#include "cli/policy_cases.h"
#include "engine/decide.h"
#include "files/policy_file.h"
#include "files/read_file.h"
#include "policy/policy_loader.h"
#include "policy/policy_meaning.h"
#include "rules/explain.h"

namespace tact {

int RunPolicyCheck(const std::string& path, std::ostream& out, std::ostream& err) {
  const absl::StatusOr<Policy> policy = LoadPolicyFile(path);
  if (!policy.ok()) {
    err << policy.status().message() << "\n";
    return kExitFailed;
  }
  out << path << ": ok (" << policy->budgets.size() << " budgets, " << policy->gaps.size()
      << " gaps, " << policy->tiers.size() << " tiers, quiet hours "
      << (policy->quiet_hours_enabled ? "on" : "off") << ", " << policy->icp.rules.size()
      << " ICP rules)\n";
  return kExitOk;
}

namespace {

// One case decided under `policy`: its differences from what it expects,
// or an error when its envelope does not fit the policy.
struct CaseRun {
  std::vector<std::string> differences;
  std::vector<std::string> reasons;  // "rule: sentence", for a failed case
};

absl::StatusOr<CaseRun> RunCase(const Policy& policy, const PolicyCase& policy_case) {
  auto envelope = ParseEnvelope(policy_case.envelope_json, policy, "case");
  if (!envelope.ok()) return envelope.status();
  const std::optional<absl::Time> now = policy_case.now ? policy_case.now : envelope->touch.at;
  if (!now) {
    return absl::InvalidArgumentError("touch.at: a case needs a time; give touch.at or now");
  }
  const Account* account = envelope->account ? &*envelope->account : nullptr;
  const Decision decision =
      Decide(policy, envelope->person, account, envelope->history, envelope->touch, *now);
  CaseRun run;
  run.differences = CaseDifferences(policy_case.expect, decision);
  if (!run.differences.empty()) {
    const ExplainContext context{policy, envelope->person, account, envelope->touch};
    for (const Reason& reason : decision.reasons) {
      run.reasons.push_back(absl::StrCat(reason.rule, ": ", Explain(reason, context)));
    }
  }
  return run;
}

}  // namespace

int RunPolicyTest(const std::string& policy_path, const std::string& cases_path, std::ostream& out,
                  std::ostream& err) {
  const absl::StatusOr<Policy> policy = LoadPolicyFile(policy_path);
  if (!policy.ok()) {
    err << policy.status().message() << "\n";
    return kExitBadInput;
  }
  const std::optional<std::string> text = ReadWholeFile(cases_path);
  if (!text) {
    err << cases_path << ": cannot read the cases file\n";
    return kExitBadInput;
  }
  auto cases = LoadPolicyCases(*text, cases_path);
  if (!cases.ok()) {
    err << cases.status().message() << "\n";
    return kExitBadInput;
  }
  int failed = 0, bad = 0;
  for (const PolicyCase& policy_case : *cases) {
    const std::string where = absl::StrCat(cases_path, ":", policy_case.line);
    auto run = RunCase(*policy, policy_case);
    if (!run.ok()) {
      ++bad;
      err << where << ": case '" << policy_case.name << "': " << run.status().message() << "\n";
      continue;
    }
    if (run->differences.empty()) {
      out << "  ok    " << policy_case.name << "\n";
      continue;
    }
    ++failed;
    out << "  FAIL  " << policy_case.name << " (" << where << ")\n";
    for (const std::string& difference : run->differences)
      out << "          " << difference << "\n";
    if (run->reasons.empty()) out << "          the decision named no rule\n";
    for (const std::string& reason : run->reasons) out << "          - " << reason << "\n";
  }
  out << cases->size() << " cases: " << cases->size() - failed - bad << " passed";
  if (failed > 0) out << ", " << failed << " failed";
  if (bad > 0) out << ", " << bad << " could not be decided (listed on stderr)";
  out << " (policy " << policy_path << ")\n";
  if (bad > 0) return kExitBadInput;
  return failed > 0 ? kExitFailed : kExitOk;
}

int RunPolicyDiff(const std::string& before_path, const std::string& after_path, std::ostream& out,
                  std::ostream& err) {
  const absl::StatusOr<Policy> before = LoadPolicyFile(before_path);
  const absl::StatusOr<Policy> after = LoadPolicyFile(after_path);
  for (const absl::StatusOr<Policy>* policy : {&before, &after}) {
    if (!policy->ok()) {
      err << policy->status().message() << "\n";
      return kExitBadInput;
    }
  }
  const std::vector<PolicyChange> changes = DiffPolicies(*before, *after);
  if (changes.empty()) {
    out << before_path << " and " << after_path << " mean the same"
        << (before->text == after->text ? ""
                                        : " (they differ only in comments, layout or spelling)")
        << "\n";
    return kExitOk;
  }
  out << changes.size() << " change" << (changes.size() == 1 ? "" : "s") << " in meaning from "
      << before_path << " to " << after_path << ":\n";
  for (const PolicyChange& change : changes) {
    switch (change.type) {
      case PolicyChange::Type::kAdded:
        out << "  + " << change.subject << ": " << change.after << "\n";
        break;
      case PolicyChange::Type::kRemoved:
        out << "  - " << change.subject << ": " << change.before << "\n";
        break;
      case PolicyChange::Type::kChanged:
        out << "  ~ " << change.subject << "\n      before: " << change.before
            << "\n      after:  " << change.after << "\n";
        break;
    }
  }
  return kExitFailed;
}

}  // namespace tact
