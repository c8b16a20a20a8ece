// tact: the engagement governor's command line.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"tact: one policy for every touch a company makes; answers send, defer or suppress"};
  app.require_subcommand(1);

  tact::DecideOptions decide;
  CLI::App* decide_command = app.add_subcommand(
      "decide",
      "Decide one touch: reads {\"person\", \"account\", \"history\", \"touch\"} JSON on stdin; "
      "exit 0 send, 1 defer, 2 suppress, 3 bad input");
  decide_command->add_option("--policy", decide.policy_path,
                             "Policy TOML file (default: built in)");
  decide_command->add_option("--now", decide.now, "Decide as of this RFC 3339 time (default: now)");

  std::string policy_file;
  CLI::App* policy_command = app.add_subcommand("policy", "Work with policy files");
  policy_command->require_subcommand(1);
  CLI::App* check_command = policy_command->add_subcommand("check", "Validate a policy file");
  check_command->add_option("file", policy_file, "Policy TOML file")->required();

  tact::DemoDataOptions demo;
  CLI::App* demo_command = app.add_subcommand(
      "demo-data", "Write deterministic demo people, accounts and touches as CSV");
  demo_command->add_option("--people", demo.people, "How many people")->capture_default_str();
  demo_command->add_option("--seed", demo.seed, "Random seed")->capture_default_str();
  demo_command->add_option("--days", demo.days, "Days of proposed touches")->capture_default_str();
  demo_command->add_option("--start", demo.start,
                           "First day, RFC 3339 (default 2027-03-01T00:00:00Z)");
  demo_command->add_option("--out", demo.out_dir, "Directory to write")->capture_default_str();

  tact::PlanOptions plan;
  bool no_progress = false;
  CLI::App* plan_command = app.add_subcommand(
      "plan",
      "Replay proposed touches in time order through the policy and summarise the decisions");
  plan_command->add_option("--policy", plan.policy_path, "Policy TOML file (default: built in)");
  plan_command->add_option("--people", plan.people_path, "People, CSV or JSON Lines")->required();
  plan_command->add_option("--accounts", plan.accounts_path, "Accounts, CSV or JSON Lines");
  plan_command->add_option("--touches", plan.touches_path, "Proposed touches, CSV or JSON Lines")
      ->required();
  plan_command->add_option("--out", plan.out_path, "Write every decision to this CSV file");
  plan_command->add_flag("--strict", plan.strict,
                         "Stop at the first bad row instead of skipping it");
  plan_command
      ->add_option("--horizon", plan.horizon,
                   "How long after the last proposed touch deferred touches may still go")
      ->capture_default_str();
  plan_command->add_option("--top", plan.top, "Rows per breakdown table")->capture_default_str();
  plan_command->add_flag("--no-progress", no_progress, "Never draw the progress bar");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : tact::kExitUsage;
  }

  if (decide_command->parsed()) return tact::RunDecide(decide, std::cin, std::cout, std::cerr);
  if (check_command->parsed()) return tact::RunPolicyCheck(policy_file, std::cout, std::cerr);
  if (demo_command->parsed()) return tact::RunDemoData(demo, std::cout, std::cerr);
  if (plan_command->parsed()) {
    plan.progress = !no_progress;
    return tact::RunPlanCommand(plan, std::cout, std::cerr);
  }
  return tact::kExitUsage;
}
