#include <iostream>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "cli/commands.h"
#include "cli/envelope.h"
#include "cli/policy_source.h"
#include "codec/decision_json.h"
#include "core/minutes.h"
#include "engine/decide.h"

namespace tact {

int RunDecide(const DecideOptions& options, std::istream& in, std::ostream& out,
              std::ostream& err) {
  auto policy = LoadPolicyOrDefault(options.policy_path);
  if (!policy.ok()) {
    err << policy.status().message() << "\n";
    return kExitBadInput;
  }
  absl::Time now = absl::Now();
  if (!options.now.empty()) {
    auto parsed = ParseUtc(options.now);
    if (!parsed.ok()) {
      err << "--now: " << parsed.status().message() << "\n";
      return kExitUsage;
    }
    now = *parsed;
  }
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto envelope = ParseEnvelope(text, *policy);
  if (!envelope.ok()) {
    err << "tact decide: " << envelope.status().message() << "\n";
    return kExitBadInput;
  }
  const Decision decision =
      Decide(*policy, envelope->person, envelope->account ? &*envelope->account : nullptr,
             envelope->history, envelope->touch, now);
  const ExplainContext context{*policy, envelope->person,
                               envelope->account ? &*envelope->account : nullptr, envelope->touch};
  out << DecisionToJson(decision, context) << "\n";
  return static_cast<int>(decision.outcome);
}

}  // namespace tact
