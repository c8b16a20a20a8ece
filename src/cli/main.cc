// tact: the engagement governor's command line. Each command adds itself to
// the app, bound to the options it fills, and says how it runs once parsed.
#include <CLI/CLI.hpp>
#include <functional>
#include <iostream>
#include <memory>
#include <vector>

#include "cli/commands.h"
#include "cli/serve_settings.h"

namespace {

// A subcommand and what running it means, once it is the one parsed.
struct Command {
  CLI::App* app;
  std::function<int()> run;
};
using Commands = std::vector<Command>;

void AddDecide(CLI::App& app, Commands& commands) {
  auto options = std::make_shared<tact::DecideOptions>();
  CLI::App* command = app.add_subcommand(
      "decide",
      "Decide one touch: reads {\"person\", \"account\", \"history\", \"touch\"} JSON on stdin; "
      "exit 0 send, 1 defer, 2 suppress, 3 bad input");
  command->add_option("--policy", options->policy_path, "Policy TOML file (default: built in)");
  command->add_option("--now", options->now, "Decide as of this RFC 3339 time (default: now)");
  commands.push_back(
      {command, [options] { return tact::RunDecide(*options, std::cin, std::cout, std::cerr); }});
}

void AddPolicy(CLI::App& app, Commands& commands) {
  auto file = std::make_shared<std::string>();
  CLI::App* policy = app.add_subcommand("policy", "Work with policy files");
  policy->require_subcommand(1);
  CLI::App* check = policy->add_subcommand("check", "Validate a policy file");
  check->add_option("file", *file, "Policy TOML file")->required();
  commands.push_back({check, [file] { return tact::RunPolicyCheck(*file, std::cout, std::cerr); }});
  auto cases = std::make_shared<std::string>();
  CLI::App* test = policy->add_subcommand(
      "test", "Decide a cases file's touches under a policy and check each expected answer");
  test->add_option("file", *file, "Policy TOML file")->required();
  test->add_option("cases", *cases, "Cases TOML file ([[case]] tables)")->required();
  commands.push_back(
      {test, [file, cases] { return tact::RunPolicyTest(*file, *cases, std::cout, std::cerr); }});
  auto after = std::make_shared<std::string>();
  CLI::App* diff =
      policy->add_subcommand("diff", "List what changes in meaning from one policy to another");
  diff->add_option("before", *file, "The policy now")->required();
  diff->add_option("after", *after, "The policy to compare")->required();
  commands.push_back(
      {diff, [file, after] { return tact::RunPolicyDiff(*file, *after, std::cout, std::cerr); }});
}

void AddDemoData(CLI::App& app, Commands& commands) {
  auto options = std::make_shared<tact::DemoDataOptions>();
  CLI::App* command = app.add_subcommand(
      "demo-data", "Write deterministic demo people, accounts and touches as CSV");
  command->add_option("--people", options->people, "How many people")->capture_default_str();
  command->add_option("--seed", options->seed, "Random seed")->capture_default_str();
  command->add_option("--days", options->days, "Days of proposed touches")->capture_default_str();
  command->add_option("--start", options->start,
                      "First day, RFC 3339 (default 2027-03-01T00:00:00Z)");
  command->add_option("--out", options->out_dir, "Directory to write")->capture_default_str();
  commands.push_back(
      {command, [options] { return tact::RunDemoData(*options, std::cout, std::cerr); }});
}

void AddPlan(CLI::App& app, Commands& commands) {
  auto options = std::make_shared<tact::PlanOptions>();
  auto no_progress = std::make_shared<bool>(false);
  CLI::App* command = app.add_subcommand(
      "plan",
      "Replay proposed touches in time order through the policy and summarise the decisions");
  command->add_option("--policy", options->policy_path, "Policy TOML file (default: built in)");
  command->add_option("--people", options->people_path,
                      "People, CSV or JSON Lines (optional with --state)");
  command->add_option("--state", options->state_dir,
                      "Start from the histories and profiles of a tact data directory, or of "
                      "the Redis Cluster a redis://HOST:PORT[,...] URL names (read only; also "
                      "while servers run)");
  command->add_option("--accounts", options->accounts_path, "Accounts, CSV or JSON Lines");
  command->add_option("--touches", options->touches_path, "Proposed touches, CSV or JSON Lines")
      ->required();
  command->add_option("--out", options->out_path, "Write every decision to this CSV file");
  command->add_flag("--strict", options->strict,
                    "Stop at the first bad row instead of skipping it");
  command
      ->add_option("--horizon", options->horizon,
                   "How long after the last proposed touch deferred touches may still go")
      ->capture_default_str();
  command->add_option("--top", options->top, "Rows per breakdown table")->capture_default_str();
  command->add_option("--compare", options->compare_path,
                      "Also plan the same touches under this policy and show, per team and "
                      "campaign, what would be sent, deferred and suppressed differently");
  command->add_flag("--at-best", options->at_best,
                    "Every touch asks to go when its person most likely reads (at_best; the "
                    "policy's [send_time])");
  command->add_flag("--no-progress", *no_progress, "Never draw the progress bar");
  commands.push_back({command, [options, no_progress] {
                        options->progress = !*no_progress;
                        options->leave_state_to_exit = true;  // the process ends after it
                        return tact::RunPlanCommand(*options, std::cout, std::cerr);
                      }});
}

void AddReport(CLI::App& app, Commands& commands) {
  auto options = std::make_shared<tact::ReportOptions>();
  CLI::App* command = app.add_subcommand(
      "report", "Write the mirror (volume against value) as one HTML file that opens offline");
  CLI::Option* state = command->add_option(
      "--state", options->state_dir, "A tact data directory (read only; also while a server runs)");
  command->add_option("--plan", options->plan_path, "The decisions file of `tact plan --out`")
      ->excludes(state);
  command->add_option("--html", options->html_path, "Where to write the report")->required();
  command->add_option("--policy", options->policy_path,
                      "Policy TOML file shown in the report (default: built in)");
  command->add_option("--from", options->from, "First day, YYYY-MM-DD (UTC)");
  command->add_option("--to", options->to, "Last day, YYYY-MM-DD (UTC)");
  command->add_option("--people", options->people, "People whose why the report carries")
      ->capture_default_str();
  command->add_option("--web", options->web_report_dir,
                      "A directory with another build of the report page (web/dist-report); "
                      "default: the one built into tact");
  commands.push_back(
      {command, [options] { return tact::RunReport(*options, std::cout, std::cerr); }});
}

void AddBrief(CLI::App& app, Commands& commands) {
  auto options = std::make_shared<tact::BriefOptions>();
  CLI::App* command = app.add_subcommand(
      "brief",
      "An account's brief: signals from its reported figures, each citing its filings, what they "
      "mean for the person's role, and the questions to ask");
  command
      ->add_option("--facts", options->facts_path,
                   "SEC companyfacts .json, a facts table (.csv/.jsonl), or a directory of them")
      ->required();
  command->add_option("--account", options->account,
                      "The account: an account_id of a facts table, or a CIK");
  command->add_option("--cik", options->cik, "The account's SEC CIK (CIK0000320193 or 320193)");
  command->add_option("--role", options->role, "The person's role, e.g. \"VP Finance\"");
  command->add_option("--as-of", options->as_of, "YYYY-MM-DD: read only facts filed by then");
  command->add_option("--playbook", options->playbook_path,
                      "Playbook TOML file (default: built in)");
  command->add_flag("--json", options->json, "Print the brief as JSON (as the API serves it)");
  command->add_option("--html", options->html_path,
                      "Also write the brief as one page that opens offline (charts, signals, "
                      "sources, questions)");
  command->add_option("--web", options->web_report_dir,
                      "A directory with another build of the report page (web/dist-report); "
                      "default: the one built into tact");
  command->add_flag("--strict", options->strict, "Fail on the first malformed fact or row");
  commands.push_back(
      {command, [options] { return tact::RunBrief(*options, std::cout, std::cerr); }});
}

void AddSimulate(CLI::App& app, Commands& commands) {
  auto options = std::make_shared<tact::SimulateOptions>();
  CLI::App* command = app.add_subcommand(
      "simulate",
      "Simulate people and a company's teams: the same touches ungoverned and through the policy");
  command->add_option("--policy", options->policy_path, "Policy TOML file (default: built in)");
  command->add_option("--people", options->people, "Simulated people")
      ->check(CLI::Range(10, 2000000))
      ->capture_default_str();
  command->add_option("--days", options->days, "Simulated days")
      ->check(CLI::Range(7, 730))
      ->capture_default_str();
  command->add_option("--seed", options->seed, "Random seed")->capture_default_str();
  command->add_option("--params", options->params_path,
                      "Model parameters, TOML (docs/simulation.md)");
  command->add_option("--html", options->html_path, "Write the charts to this file");
  command->add_option("--valueless-team", options->valueless_team,
                      "A team whose touches bring no replies or meetings in the model (what a "
                      "control group held out of it should show)");
  command->add_flag("--sweep", options->sweep,
                    "Also show how the result moves as each key assumption changes");
  commands.push_back(
      {command, [options] { return tact::RunSimulate(*options, std::cout, std::cerr); }});
}

void AddServe(CLI::App& app, Commands& commands) {
  auto options = std::make_shared<tact::ServeOptions>();
  CLI::App* command = app.add_subcommand(
      "serve", "Run the decision service over HTTP until SIGTERM (SIGHUP reloads the policy)");
  tact::AddServeSettings(*command, *options);
  commands.push_back(
      {command, [options] { return tact::RunServe(*options, std::cout, std::cerr); }});
}

void AddAdmin(CLI::App& app, Commands& commands) {
  auto options = std::make_shared<tact::AdminOptions>();
  CLI::App* admin = app.add_subcommand("admin", "Look after a data directory");
  admin->require_subcommand(1);
  const auto add = [&](const char* name, const char* description,
                       int (*run)(const tact::AdminOptions&, std::ostream&, std::ostream&)) {
    CLI::App* command = admin->add_subcommand(name, description);
    command->add_option("--data", options->data_dir, "The data directory")->required();
    commands.push_back({command, [options, run] { return run(*options, std::cout, std::cerr); }});
    return command;
  };
  add("verify", "Check every checksum and record of a data directory (also while serving)",
      tact::RunAdminVerify);
  CLI::App* backup = add("backup", "Copy a data directory consistently, also while tact serves it",
                         tact::RunAdminBackup);
  backup->add_option("out", options->backup_dir, "New directory for the backup")->required();
  backup->add_option("--token", options->token,
                     "An admin token, when a server holds the directory (or TACT_TOKEN)");
  CLI::App* restore = add("restore", "Put a verified backup in place of a stopped server's state",
                          tact::RunAdminRestore);
  restore->add_option("backup", options->backup_dir, "The backup directory")->required();
  restore->add_flag("--replace", options->replace,
                    "Restore over existing state (kept aside in DIR/replaced-<time>/)");
  add("salvage",
      "Keep what can be read of a damaged data directory (the damaged copy is kept aside)",
      tact::RunAdminSalvage);
  CLI::App* migrate = admin->add_subcommand(
      "migrate", "Move a data directory's state into a Redis Cluster, or a cluster's into one");
  migrate->add_option("--from", options->from, "A data directory, or redis://HOST:PORT[,...]")
      ->required();
  migrate->add_option("--to", options->to, "redis://HOST:PORT[,...], or a data directory")
      ->required();
  migrate->add_option("--policy", options->policy_path,
                      "The policy file, for what is kept how long (default: the default policy)");
  commands.push_back(
      {migrate, [options] { return tact::RunAdminMigrate(*options, std::cout, std::cerr); }});
}

void AddMilter(CLI::App& app, Commands& commands) {
  auto options = std::make_shared<tact::MilterCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "milter", "Gate the mail a Postfix server relays: a milter that asks tact per recipient");
  command->add_option("--listen", options->listen, "Milter socket: inet:PORT@HOST or unix:/path")
      ->required();
  command->add_option("--tact", options->tact_url, "The tact server: http://HOST:PORT")->required();
  command
      ->add_option("--senders", options->senders_path,
                   "The senders file: who sends, as which sender, team, tool and kind")
      ->required();
  command->add_option("--token", options->token, "A token with the decide scope (or TACT_TOKEN)");
  command
      ->add_option("--on-error", options->on_error,
                   "When tact cannot answer: tempfail (451, the default) or accept")
      ->check(CLI::IsMember({"tempfail", "accept"}));
  command->add_option("--timeout-ms", options->timeout_ms, "Per request to tact (default 10000)")
      ->check(CLI::Range(100, 120'000));
  command
      ->add_option("--max-message-kib", options->max_message_kib,
                   "Of each message, the KiB read for its text (default 256)")
      ->check(CLI::Range(16, 16 * 1024));
  command->add_option("--release-listen", options->release_listen,
                      "HOST:PORT where tact calls back to release or remove held mail");
  command->add_option("--release-secret-file", options->release_secret_file,
                      "The mail tool's callback secret (or TACT_RELEASE_SECRET)");
  command->add_option("--postfix-config", options->postfix_config,
                      "Postfix's configuration directory, for postsuper -c (default Postfix's)");
  commands.push_back(
      {command, [options] { return tact::RunMilterCommand(*options, std::cout, std::cerr); }});
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"tact: one policy for every touch a company makes; answers send, defer or suppress"};
  app.require_subcommand(1);
  Commands commands;
  for (auto add : {AddDecide, AddPolicy, AddDemoData, AddPlan, AddReport, AddBrief, AddSimulate,
                   AddServe, AddAdmin, AddMilter}) {
    add(app, commands);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : tact::kExitUsage;
  }
  for (const Command& command : commands) {
    if (command.app->parsed()) return command.run();
  }
  return tact::kExitUsage;
}
