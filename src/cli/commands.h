// The `tact` subcommands. Each returns the process exit code and writes only
// to the streams it is given, so tests can run them in-process as well as
// through the binary.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

namespace tact {

// Exit codes shared by the commands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // policy check found errors, plan had bad rows with --strict
inline constexpr int kExitBadInput = 3;  // input could not be read or decoded
inline constexpr int kExitUsage = 64;    // command line errors (EX_USAGE)

struct DecideOptions {
  std::string policy_path;  // empty: the built-in default policy
  std::string now;          // RFC 3339; empty: the system clock
};
// Reads an envelope {"person", "account"?, "history"?, "last_reply"?, "touch"}
// from `in`, prints the decision JSON. Exit 0 send, 1 defer, 2 suppress,
// 3 bad input.
int RunDecide(const DecideOptions& options, std::istream& in, std::ostream& out, std::ostream& err);

// Validates a policy file; prints a one-line summary or every error.
int RunPolicyCheck(const std::string& path, std::ostream& out, std::ostream& err);

// Decides every case of a cases file (cli/policy_cases.h) under a policy and
// prints each, with what differs for those that fail. Exit 0 all pass,
// 1 some fail, 3 an unreadable policy or cases file, or a case that cannot
// be decided.
int RunPolicyTest(const std::string& policy_path, const std::string& cases_path, std::ostream& out,
                  std::ostream& err);

// Lists what changes in meaning from one policy file to another
// (policy/policy_meaning.h), rule by rule. Exit 0 the same meaning, 1 some
// change (as diff(1)), 3 a file that cannot be read or is not a policy.
int RunPolicyDiff(const std::string& before_path, const std::string& after_path, std::ostream& out,
                  std::ostream& err);

struct DemoDataOptions {
  int people = 1000;
  uint64_t seed = 1;
  int days = 14;
  std::string start;  // RFC 3339; empty: 2027-03-01T00:00:00Z
  std::string out_dir = "demo";
};
int RunDemoData(const DemoDataOptions& options, std::ostream& out, std::ostream& err);

struct PlanOptions {
  std::string policy_path;    // empty: the built-in default policy
  std::string people_path;    // optional with state_dir
  std::string accounts_path;  // optional
  std::string state_dir;      // a data directory whose histories and profiles the plan starts from
  std::string touches_path;
  std::string out_path;  // decisions CSV; empty: none
  bool strict = false;
  std::string horizon = "30d";  // how long after the last proposed touch deferred ones may wait
  bool progress = true;         // shown only when stderr is a terminal
  int top = 10;                 // rows per breakdown table
  bool at_best = false;         // every touch asks to go at its best_at ([send_time])
  std::string compare_path;     // also plan under this policy and show what ends differently
  // The plan's state (every history, profile and touch) is left for the
  // process's end to take back rather than freed piece by piece, which takes
  // a second at a million people: for a process that exits after the plan.
  bool leave_state_to_exit = false;
};
int RunPlanCommand(const PlanOptions& options, std::ostream& out, std::ostream& err);

struct ReportOptions {
  std::string state_dir;       // a data directory (read only, also while a server runs)
  std::string plan_path;       // or the decisions file of `tact plan --out`
  std::string html_path;       // where the report goes
  std::string policy_path;     // shown in the report; with --state, the "why" views use it
  std::string from, to;        // YYYY-MM-DD; empty: as GET /v1/reports/overview
  size_t people = 20;          // people whose "why" the report carries
  std::string web_report_dir;  // the report page's directory; empty: the one built in
};
int RunReport(const ReportOptions& options, std::ostream& out, std::ostream& err);

struct BriefOptions {
  std::string facts_path;      // a companyfacts document, a facts table, or a directory of them
  std::string account;         // an account_id of a facts table (or a CIK)
  std::string cik;             // the account's SEC filer
  std::string role;            // the person's role, free text ("VP Finance")
  std::string as_of;           // YYYY-MM-DD: only facts filed by then
  std::string playbook_path;   // empty: the built-in default playbook
  bool json = false;           // the API's JSON instead of text
  bool strict = false;         // a malformed fact or row fails the command
  std::string html_path;       // also write the brief as a page (the dashboard's Account view)
  std::string web_report_dir;  // the report page's directory; empty: the one built in
};
// Prints an account's brief. Exit 0 printed, 1 no facts for the account,
// 3 unreadable facts or playbook, 64 usage.
int RunBrief(const BriefOptions& options, std::ostream& out, std::ostream& err);

struct SimulateOptions {
  std::string policy_path;  // empty: the built-in default policy
  int people = 20000;
  int days = 90;
  uint64_t seed = 1;
  std::string params_path;     // model parameters (TOML); empty: the defaults
  std::string html_path;       // empty: no page
  bool sweep = false;          // also run the sensitivity sweep
  std::string valueless_team;  // this team's touches bring no replies or meetings
};
// Runs the same proposed touches ungoverned and through the policy over
// simulated people and prints what each team sent and got back.
int RunSimulate(const SimulateOptions& options, std::ostream& out, std::ostream& err);

struct ServeOptions {
  std::string policy_path;         // empty: the built-in default policy
  std::string data_dir;            // where state lives; created if missing
  std::string store = "embedded";  // or "memory": nothing kept across restarts
  // redis://…: the state is on a Redis Cluster that several nodes share.
  std::string state_url;
  int redis_wait_replicas = 1;  // opt-outs wait for this many replicas
  int redis_wait_ms = 1200;
  std::string durability = "group";
  int group_commit_ms = 5;
  int event_window_hours = 24 * 7;
  int min_free_disk_mib = 64;  // space kept free on --data's filesystem
  std::string listen = "127.0.0.1:8080";
  std::string tokens_path;
  bool insecure_no_auth = false;  // loopback only
  bool demo = false;
  int demo_people = 2000;
  std::string web_dir;  // the dashboard's built files; empty: the ones built in
  int threads = 0;      // 0: one per core
  std::string access_log = "-";
  size_t max_body_bytes = 16 << 20;
  size_t max_connections = 10000;
  size_t max_inflight_body_mib = 256;
  size_t max_batch = 10000;
  int header_timeout_s = 10;
  int body_timeout_s = 30;
  int idle_timeout_s = 60;
  int drain_timeout_s = 30;
  bool print_routes = false;
  std::string webhooks_path;    // providers' secrets, public URL, unsubscribe key
  std::string callbacks_path;   // the tools' callbacks for held touches
  std::string facts_path;       // accounts' facts for briefs: companyfacts, facts tables
  std::string playbook_path;    // the briefs' playbook; empty: the one built in
  int release_every_ms = 1000;  // how often due held touches are decided again
  // On a Redis Cluster: how long a node's lease on the due held touches it
  // releases keeps other nodes off them when it stops mid-release.
  int held_lease_ms = 300'000;
  std::string clock_file;  // rehearsals and tests: tact's now, read from this file
};
// Runs the HTTP service until SIGTERM or SIGINT (then drains and exits 0);
// SIGHUP reloads the policy file.
int RunServe(const ServeOptions& options, std::ostream& out, std::ostream& err);

// `tact admin`: the data directory's maintenance.
struct AdminOptions {
  std::string data_dir;
  std::string backup_dir;   // backup: where to write; restore: where from
  bool replace = false;     // restore over existing state (kept aside)
  std::string token;        // backup of a running server: an admin token
  std::string from, to;     // migrate: a data directory and a redis:// address
  std::string policy_path;  // migrate: for the retention (default policy without)
};
// Checks every checksum and record; works while a server runs. Exit 0 sound,
// 1 corrupt, 3 unreadable.
int RunAdminVerify(const AdminOptions& options, std::ostream& out, std::ostream& err);
// A consistent copy, also while serving (then the server makes it, asked over
// HTTP at the address it recorded in DIR/LOCK).
int RunAdminBackup(const AdminOptions& options, std::ostream& out, std::ostream& err);
// Replaces a stopped server's state with a verified backup.
int RunAdminRestore(const AdminOptions& options, std::ostream& out, std::ostream& err);
// Keeps what can be read of a damaged data directory (a copy of it is kept
// aside), says how much acknowledged state is missing, and verifies the rest.
int RunAdminSalvage(const AdminOptions& options, std::ostream& out, std::ostream& err);
// Moves a data directory's people, accounts, histories, sent touches and
// unsubscribe key into a Redis Cluster, or a cluster's into a data
// directory, then reads the destination back to check it. Idempotent: run
// again, it writes the same. Exit 0 verified, 1 not, 2 usage, 3 unreadable
// or unwritable.
int RunAdminMigrate(const AdminOptions& options, std::ostream& out, std::ostream& err);

// `tact milter`: the mail server's gate (mail/milter.h), asking a tact
// server over HTTP.
struct MilterCommandOptions {
  std::string listen;                 // libmilter socket: inet:PORT@HOST or unix:/path
  std::string tact_url;               // http://HOST:PORT of a tact server
  std::string token;                  // decide scope; TACT_TOKEN when not given
  std::string senders_path;           // the senders file (mail/sender_map.h)
  std::string on_error = "tempfail";  // or "accept"
  int timeout_ms = 10'000;            // per request to tact
  int max_message_kib = 256;          // of each message, read for its text
  // Held mail (a sender's on_defer = "hold"): where tact calls back, with
  // the tool's secret (a file, or TACT_RELEASE_SECRET), and Postfix's
  // configuration directory for postsuper/postqueue -c ("" its default).
  std::string release_listen;  // HOST:PORT; "" does not listen
  std::string release_secret_file;
  std::string postfix_config;
};
// Serves until SIGTERM or SIGINT. Exit 0 stopped, 3 a bad senders file,
// 64 usage (a socket that cannot be opened).
int RunMilterCommand(const MilterCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace tact
