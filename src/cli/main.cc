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
  plan_command->add_option("--people", plan.people_path,
                           "People, CSV or JSON Lines (optional with --state)");
  plan_command->add_option("--state", plan.state_dir,
                           "Start from a tact data directory's histories and profiles (read only; "
                           "also while a server runs)");
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

  tact::ReportOptions report;
  CLI::App* report_command = app.add_subcommand(
      "report", "Write the mirror (volume against value) as one HTML file that opens offline");
  CLI::Option* report_state = report_command->add_option(
      "--state", report.state_dir, "A tact data directory (read only; also while a server runs)");
  report_command->add_option("--plan", report.plan_path, "The decisions file of `tact plan --out`")
      ->excludes(report_state);
  report_command->add_option("--html", report.html_path, "Where to write the report")->required();
  report_command->add_option("--policy", report.policy_path,
                             "Policy TOML file shown in the report (default: built in)");
  report_command->add_option("--from", report.from, "First day, YYYY-MM-DD (UTC)");
  report_command->add_option("--to", report.to, "Last day, YYYY-MM-DD (UTC)");
  report_command->add_option("--people", report.people, "People whose why the report carries")
      ->capture_default_str();
  report_command->add_option("--web", report.web_report_dir,
                             "A directory with another build of the report page (web/dist-report); "
                             "default: the one built into tact");

  tact::SimulateOptions simulate;
  CLI::App* simulate_command = app.add_subcommand(
      "simulate",
      "Simulate people and a company's teams: the same touches ungoverned and through the policy");
  simulate_command->add_option("--policy", simulate.policy_path,
                               "Policy TOML file (default: built in)");
  simulate_command->add_option("--people", simulate.people, "Simulated people")
      ->check(CLI::Range(10, 2000000))
      ->capture_default_str();
  simulate_command->add_option("--days", simulate.days, "Simulated days")
      ->check(CLI::Range(7, 730))
      ->capture_default_str();
  simulate_command->add_option("--seed", simulate.seed, "Random seed")->capture_default_str();
  simulate_command->add_option("--params", simulate.params_path,
                               "Model parameters, TOML (docs/simulation.md)");
  simulate_command->add_option("--html", simulate.html_path, "Write the charts to this file");
  simulate_command->add_flag("--sweep", simulate.sweep,
                             "Also show how the result moves as each key assumption changes");

  tact::ServeOptions serve;
  CLI::App* serve_command = app.add_subcommand(
      "serve", "Run the decision service over HTTP until SIGTERM (SIGHUP reloads the policy)");
  serve_command->add_option("--policy", serve.policy_path, "Policy TOML file (default: built in)");
  serve_command->add_option("--data", serve.data_dir, "Directory for tact's state");
  serve_command
      ->add_option("--store", serve.store,
                   "embedded (durable, in --data) or memory (forgotten at exit; tests, benchmarks)")
      ->capture_default_str();
  serve_command
      ->add_option("--durability", serve.durability,
                   "sync: every acknowledged change is on disk first; group: opt-outs are, "
                   "sends and other events within --group-commit-ms (docs/operations.md)")
      ->capture_default_str();
  serve_command
      ->add_option("--group-commit-ms", serve.group_commit_ms,
                   "group mode: longest time a written change waits for its fsync")
      ->capture_default_str();
  serve_command
      ->add_option("--event-window-hours", serve.event_window_hours,
                   "An event id is applied once within this many hours")
      ->capture_default_str();
  serve_command
      ->add_option("--min-free-disk-mib", serve.min_free_disk_mib,
                   "Space kept free on --data's filesystem: below it tact refuses to start, or "
                   "takes no changes until space returns (0: no reserve)")
      ->capture_default_str();
  serve_command->add_option("--listen", serve.listen, "HOST:PORT to listen on (port 0: any free)")
      ->capture_default_str();
  serve_command->add_option("--tokens", serve.tokens_path, "API tokens file (TOML; docs/api.md)");
  serve_command->add_flag("--insecure-no-auth", serve.insecure_no_auth,
                          "Serve without tokens; loopback addresses only");
  serve_command->add_flag("--demo", serve.demo,
                          "Load demo people, accounts and a week of history first");
  serve_command->add_option("--web", serve.web_dir,
                            "A directory with another build of the dashboard (web/dist); default: "
                            "the one built into tact");
  serve_command->add_option("--demo-people", serve.demo_people, "People in the demo data")
      ->capture_default_str();
  serve_command->add_option("--threads", serve.threads, "Worker threads (0: one per core)")
      ->capture_default_str();
  serve_command
      ->add_option("--access-log", serve.access_log, "Access log: '-' for stdout, 'off', or a file")
      ->capture_default_str();
  serve_command->add_option("--max-body-bytes", serve.max_body_bytes, "Largest request body")
      ->capture_default_str();
  serve_command->add_option("--max-connections", serve.max_connections, "Open connections at most")
      ->capture_default_str();
  serve_command
      ->add_option("--max-inflight-body-mib", serve.max_inflight_body_mib,
                   "Request bodies being received at once, in all, at most (MiB)")
      ->capture_default_str();
  serve_command
      ->add_option("--max-batch", serve.max_batch,
                   "Touches per /v1/decide/batch and events per /v1/events at most")
      ->capture_default_str();
  serve_command
      ->add_option("--header-timeout", serve.header_timeout_s,
                   "Seconds to receive a request's header")
      ->capture_default_str();
  serve_command
      ->add_option("--body-timeout", serve.body_timeout_s,
                   "Seconds to receive a body, and to send a response")
      ->capture_default_str();
  serve_command
      ->add_option("--idle-timeout", serve.idle_timeout_s,
                   "Seconds an idle keep-alive connection stays open")
      ->capture_default_str();
  serve_command
      ->add_option("--drain-timeout", serve.drain_timeout_s,
                   "Seconds to finish requests in flight at shutdown")
      ->capture_default_str();
  serve_command->add_option("--webhooks", serve.webhooks_path,
                            "TOML file with the providers' webhook secrets, the public URL and "
                            "the unsubscribe key (docs/providers.md)");
  serve_command->add_flag("--print-routes", serve.print_routes,
                          "Print the routes (METHOD PATH SCOPE) and exit");

  tact::AdminOptions admin;
  CLI::App* admin_command = app.add_subcommand("admin", "Look after a data directory");
  admin_command->require_subcommand(1);
  CLI::App* verify_command = admin_command->add_subcommand(
      "verify", "Check every checksum and record of a data directory (also while serving)");
  verify_command->add_option("--data", admin.data_dir, "The data directory")->required();
  CLI::App* backup_command = admin_command->add_subcommand(
      "backup", "Copy a data directory consistently, also while tact serves it");
  backup_command->add_option("--data", admin.data_dir, "The data directory")->required();
  backup_command->add_option("out", admin.backup_dir, "New directory for the backup")->required();
  backup_command->add_option("--token", admin.token,
                             "An admin token, when a server holds the directory (or TACT_TOKEN)");
  CLI::App* restore_command = admin_command->add_subcommand(
      "restore", "Put a verified backup in place of a stopped server's state");
  restore_command->add_option("--data", admin.data_dir, "The data directory")->required();
  restore_command->add_option("backup", admin.backup_dir, "The backup directory")->required();
  restore_command->add_flag("--replace", admin.replace,
                            "Restore over existing state (kept aside in DIR/replaced-<time>/)");

  CLI::App* salvage_command = admin_command->add_subcommand(
      "salvage",
      "Keep what can be read of a damaged data directory (the damaged copy is kept aside)");
  salvage_command->add_option("--data", admin.data_dir, "The data directory")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : tact::kExitUsage;
  }

  if (decide_command->parsed()) return tact::RunDecide(decide, std::cin, std::cout, std::cerr);
  if (check_command->parsed()) return tact::RunPolicyCheck(policy_file, std::cout, std::cerr);
  if (serve_command->parsed()) return tact::RunServe(serve, std::cout, std::cerr);
  if (verify_command->parsed()) return tact::RunAdminVerify(admin, std::cout, std::cerr);
  if (backup_command->parsed()) return tact::RunAdminBackup(admin, std::cout, std::cerr);
  if (restore_command->parsed()) return tact::RunAdminRestore(admin, std::cout, std::cerr);
  if (salvage_command->parsed()) return tact::RunAdminSalvage(admin, std::cout, std::cerr);
  if (demo_command->parsed()) return tact::RunDemoData(demo, std::cout, std::cerr);
  if (report_command->parsed()) return tact::RunReport(report, std::cout, std::cerr);
  if (simulate_command->parsed()) return tact::RunSimulate(simulate, std::cout, std::cerr);
  if (plan_command->parsed()) {
    plan.progress = !no_progress;
    return tact::RunPlanCommand(plan, std::cout, std::cerr);
  }
  return tact::kExitUsage;
}
