#include <chrono>
#include <fstream>
#include <ostream>

#include "absl/strings/str_format.h"
#include "cli/commands.h"
#include "cli/policy_source.h"
#include "sim/model.h"
#include "sim/sim_report.h"
#include "sim/simulation.h"
#include "sim/world.h"

namespace tact {

int RunSimulate(const SimulateOptions& options, std::ostream& out, std::ostream& err) {
  absl::StatusOr<Policy> policy = LoadPolicyOrDefault(options.policy_path);
  if (!policy.ok()) {
    err << policy.status().message() << "\n";
    return kExitBadInput;
  }
  absl::StatusOr<sim::ModelParams> params =
      options.params_path.empty() ? sim::ModelParams{} : sim::LoadModelParams(options.params_path);
  if (!params.ok()) {
    err << params.status().message() << "\n";
    return kExitBadInput;
  }
  params->valueless_team = options.valueless_team;
  const auto began = std::chrono::steady_clock::now();
  const sim::World world = sim::BuildWorld({options.people, options.days, options.seed});
  const sim::SimulationResult result = sim::Simulate(world, *policy, *params, options.seed);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  out << absl::StrFormat(
      "%d people, %d days, seed %d: %d touches proposed; %d governed decisions in %.1f s\n\n",
      options.people, options.days, options.seed, world.touches.size(), result.governed.decisions,
      seconds);
  out << sim::FormatResultTable(result);
  if (result.at_best) {
    out << "\n" << sim::FormatSendTimeTable(result.governed.total, result.at_best->total);
  }
  if (const std::vector<sim::ControlComparison> control =
          sim::CompareControlGroups(world, *policy, result.governed);
      !control.empty()) {
    out << "\n" << sim::FormatControlTable(control);
  }
  const sim::SellerComparison sellers =
      sim::CompareSellers(world, *policy, *params, options.seed, result);
  out << "\n" << sim::FormatSellerTable(sellers);
  std::vector<sim::SweepRow> sweep;
  if (options.sweep) {
    sweep = sim::Sweep(world, *policy, *params, options.seed);
    out << "\n" << sim::FormatSweepTable(sweep);
  }
  if (!options.html_path.empty()) {
    std::ofstream file(options.html_path);
    file << sim::SimulationHtml(
        result, sweep,
        {options.policy_path.empty() ? "built-in default" : options.policy_path, options.people,
         options.days, options.seed, *params, sellers});
    if (!file.flush()) {
      err << options.html_path << ": cannot write the page\n";
      return kExitFailed;
    }
    out << "\nwrote " << options.html_path << "\n";
  }
  return kExitOk;
}

}  // namespace tact
