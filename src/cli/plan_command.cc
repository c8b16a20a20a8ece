#include <sys/resource.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <ostream>
#include <sstream>

#include "absl/cleanup/cleanup.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "cli/commands.h"
#include "cli/plan_comparison.h"
#include "cli/plan_inputs.h"
#include "cli/policy_source.h"
#include "cli/progress.h"
#include "cli/serve_state.h"
#include "codec/csv_writer.h"
#include "core/minutes.h"
#include "engine/decide.h"
#include "files/policy_file.h"
#include "plan/plan_compare.h"
#include "plan/planner.h"
#include "redis_state/redis_scan.h"
#include "rules/explain.h"
#include "store/data_dir.h"
#include "store/journal.h"
#include "store/memory_state.h"

namespace tact {
namespace {

// Reads a data directory (also while a server writes it), or the Redis
// Cluster a redis:// URL names (also while nodes serve), into the plan's
// state: its histories and profiles.
absl::Status LoadState(const std::string& dir, MemoryState& state) {
  if (absl::StartsWith(dir, "redis://")) {
    auto cluster = ClusterOptionsOf(dir);
    if (!cluster.ok()) return cluster.status();
    auto client = redis::ClusterClient::Connect(*std::move(cluster));
    if (!client.ok()) return client.status();
    return ScanInto(**client, state.histories, state.profiles).status();
  }
  if (absl::Status format = CheckFormat(dir, /*create=*/false); !format.ok()) return format;
  auto journal = Journal::OpenReadOnly(dir);
  if (!journal.ok()) return journal.status();
  return (*journal)
      ->Load(std::numeric_limits<Minute>::min(), state.histories, state.profiles)
      .status();
}

std::string Percent(int part, int whole) {
  return whole == 0 ? "0.0%" : absl::StrFormat("%.1f%%", 100.0 * part / whole);
}

void PrintTallies(std::ostream& out, absl::string_view title,
                  const absl::flat_hash_map<std::string, Tally>& tallies, int top) {
  std::vector<std::pair<std::string, Tally>> rows(tallies.begin(), tallies.end());
  std::sort(rows.begin(), rows.end(), [](const auto& left, const auto& right) {
    if (left.second.asked != right.second.asked) return left.second.asked > right.second.asked;
    return left.first < right.first;
  });
  out << absl::StrFormat("\n%-28s %9s %9s %9s %10s\n", title, "asked", "sent", "deferred",
                         "suppressed");
  int shown = 0;
  for (const auto& [name, tally] : rows) {
    if (shown++ == top) {
      out << absl::StrFormat("  … and %d more\n", rows.size() - top);
      break;
    }
    out << absl::StrFormat("  %-26s %9d %9d %9d %10d\n", name.empty() ? "(none)" : name,
                           tally.asked, tally.sent, tally.deferred, tally.suppressed);
  }
}

void PrintSummary(std::ostream& out, const PlanSummary& summary, size_t people,
                  const std::string& policy_name, int top) {
  const Tally& total = summary.total;
  out << absl::StrFormat("tact plan: %d proposed touches to %d people (policy: %s)\n\n",
                         total.asked, people, policy_name);
  out << absl::StrFormat("  sent        %9d  %6s\n", total.sent, Percent(total.sent, total.asked));
  out << absl::StrFormat("  deferred    %9d  %6s  still waiting at the horizon\n", total.deferred,
                         Percent(total.deferred, total.asked));
  out << absl::StrFormat("  suppressed  %9d  %6s\n", total.suppressed,
                         Percent(total.suppressed, total.asked));
  out << absl::StrFormat(
      "  re-asked    %9d  times a deferred touch was asked again at its not_before\n",
      summary.requeued);
  std::vector<std::pair<std::string, RuleTally>> rules(summary.by_rule.begin(),
                                                       summary.by_rule.end());
  const auto held = [](const RuleTally& tally) { return tally.deferred + tally.suppressed; };
  std::sort(rules.begin(), rules.end(), [&](const auto& left, const auto& right) {
    if (held(left.second) != held(right.second)) return held(left.second) > held(right.second);
    return left.first < right.first;
  });
  out << absl::StrFormat("\n%-28s %9s %10s\n", "By rule (touches)", "deferred", "suppressed");
  for (const auto& [rule, tally] : rules) {
    out << absl::StrFormat("  %-26s %9d %10d\n", rule, tally.deferred, tally.suppressed);
  }
  PrintTallies(out, "By team", summary.by_team, top);
  PrintTallies(out, "By campaign", summary.by_campaign, top);
  PrintTallies(out, "By sender", summary.by_sender, top);
}

bool WriteDecisions(const std::string& path, const Governor& governor,
                    const std::vector<PlannedTouch>& touches) {
  const Policy& policy = *governor.policy();
  CsvWriter out(path);
  if (!out.ok()) return false;
  out.Row({"line", "person_id", "channel", "kind", "team", "campaign", "sender", "tool", "thread",
           "step", "asked_at", "decision", "decided_at", "deferrals", "deferred_by",
           "suppressed_by", "message"});
  for (const PlannedTouch& planned : touches) {
    const Touch& touch = planned.touch;
    std::string message;
    if (planned.behind_earlier_step) {
      message = absl::StrCat("Never asked: an earlier step of thread ", touch.thread,
                             " was still deferred at the horizon.");
    } else if (planned.last_reason.get() != nullptr) {
      const absl::StatusOr<Subject> subject = governor.Find(touch.person_id);
      if (!subject.ok()) return false;
      message = Explain(*planned.last_reason.get(),
                        ExplainContext{policy, subject->person(), subject->account.get(), touch});
    }
    out.Row({absl::StrCat(planned.line), touch.person_id, std::string(ChannelName(touch.channel)),
             std::string(KindName(touch.kind)), touch.team, touch.campaign, touch.sender,
             touch.tool, touch.thread, touch.step > 0 ? absl::StrCat(touch.step) : "",
             FormatUtc(planned.proposed_at), std::string(OutcomeName(planned.outcome)),
             FormatUtc(planned.decided_at), absl::StrCat(planned.deferrals),
             absl::StrJoin(planned.deferred_by, ";"), absl::StrJoin(planned.suppressed_by, ";"),
             message});
  }
  return out.Close();
}

// A live instance's state: its histories are where the plan starts; its
// profiles fill in people and accounts the files do not give. Read only.
bool LoadStartingState(const std::string& dir, MemoryState& state, std::ostream& out,
                       std::ostream& err) {
  if (absl::Status loaded = LoadState(dir, state); !loaded.ok()) {
    err << "--state: " << loaded.message() << "\n";
    return false;
  }
  const ProfileCounts counts = state.profiles.Counts();
  out << "state: " << counts.people << " people, " << counts.accounts << " accounts and "
      << state.histories.Stats().touches << " recorded touches from "
      << (absl::StartsWith(dir, "redis://") ? RedactedUrl(*redis::ParseClusterUrl(dir)) : dir)
      << " (read only: the plan records nothing there)\n";
  return true;
}

// How long after the last proposed touch deferred touches may still go.
absl::Time Horizon(const std::vector<PlannedTouch>& touches, absl::Duration span) {
  absl::Time last = absl::InfinitePast();
  for (const PlannedTouch& planned : touches) last = std::max(last, *planned.touch.at);
  return touches.empty() ? last : last + span;
}

// How long planning took, how fast, and the memory it used.
void PrintRunStats(std::ostream& out, const PlanSummary& summary, absl::Duration plan_time,
                   const MemoryStore& store) {
  const StoreStats stats = store.Stats();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  out << absl::StrFormat(
      "\nplanned in %.2f s (%.0f decisions/s); peak memory %.0f MiB; history %.0f bytes/person\n",
      absl::ToDoubleSeconds(plan_time),
      (summary.total.asked + summary.requeued) / std::max(1e-9, absl::ToDoubleSeconds(plan_time)),
      usage.ru_maxrss / 1024.0,
      stats.people ? static_cast<double>(stats.bytes) / stats.people : 0.0);
}

// One plan of the touches under one policy: its own state in memory, which
// the Governor decides over as the service does over its own.
struct PlanRun {
  // The plan's own rows say what was held back, and no events come to
  // attribute to its sends: no held-back sample and no touch ledger to keep.
  MemoryState state{MemoryStateOptions{.keep_held_back = false, .keep_ledger = false}};
  NullObserver observer;
  std::unique_ptr<Governor> governor;
  // The touches' texts, each kept once, and what they are.
  std::unique_ptr<AnalysisMemo> texts;
  std::vector<PlannedTouch> touches;
  PlanSummary summary;
  absl::Duration time;
};

// Reads the inputs and plans them under `policy`; the exit code when it
// cannot. `out` hears of the starting state.
std::optional<int> Plan(const PlanOptions& options, Policy policy, RowErrors& errors,
                        std::ostream& out, std::ostream& err, PlanRun& run) {
  if (!options.state_dir.empty() && !LoadStartingState(options.state_dir, run.state, out, err)) {
    return kExitBadInput;
  }
  run.texts = std::make_unique<AnalysisMemo>(policy.content.analysis());
  if (!ReadPlanInputs(options, policy, errors, err, run.state, *run.texts, run.touches)) {
    return errors.count() > 0 ? kExitFailed : kExitBadInput;
  }
  if (options.state_dir.empty()) {
    // Sized for the people the touches reach, while it is still empty.
    absl::flat_hash_set<absl::string_view> reached;
    for (const PlannedTouch& planned : run.touches) reached.insert(planned.touch.person_id);
    const absl::Status sized = run.state.histories.SizeFor(reached.size());
    if (!sized.ok()) {
      err << sized.message() << "\n";
      return kExitFailed;
    }
  }
  auto horizon_span = ParseSpan(options.horizon);
  const absl::Time horizon = Horizon(run.touches, *horizon_span);
  run.governor = std::make_unique<Governor>(
      std::make_shared<const Policy>(std::move(policy)), run.state.ports(), run.observer,
      [] { return absl::Now(); }, UnsubscribeLinks{});
  const absl::Time plan_start = absl::Now();
  {
    ProgressBar bar("planning", options.progress);
    // The plan's state is in memory: deciding never fails.
    run.summary = *RunPlan(run.touches, horizon, GovernorDecider(*run.governor),
                           [&](size_t done, size_t total) { bar.Update(done, total); });
  }
  run.time = absl::Now() - plan_start;
  return std::nullopt;
}

// Plans the same touches under --compare's policy and prints what ends
// differently. Bad rows were reported by the first plan.
int Compare(const PlanOptions& options, const PlanRun& first, std::ostream& out,
            std::ostream& err) {
  auto policy = LoadPolicyFile(options.compare_path);
  if (!policy.ok()) {
    err << "--compare: " << policy.status().message() << "\n";
    return kExitBadInput;
  }
  std::ostringstream unheard;
  RowErrors errors(unheard, options.strict);
  auto second = std::make_unique<PlanRun>();
  if (auto failed = Plan(options, *std::move(policy), errors, unheard, err, *second)) {
    err << "--compare: " << unheard.str();
    return *failed;
  }
  PrintPlanComparison(out, ComparePlans(first.touches, second->touches),
                      options.policy_path.empty() ? "built-in default" : options.policy_path,
                      options.compare_path, options.top);
  return kExitOk;
}

}  // namespace

int RunPlanCommand(const PlanOptions& options, std::ostream& out, std::ostream& err) {
  auto policy = LoadPolicyOrDefault(options.policy_path);
  if (!policy.ok()) {
    err << policy.status().message() << "\n";
    return kExitBadInput;
  }
  if (auto horizon_span = ParseSpan(options.horizon); !horizon_span.ok()) {
    err << "--horizon: " << horizon_span.status().message() << "\n";
    return kExitUsage;
  }
  if (options.people_path.empty() && options.state_dir.empty()) {
    err << "give --people FILE, or --state DIR to plan for the people a tact data directory "
           "knows\n";
    return kExitUsage;
  }
  RowErrors errors(err, options.strict);
  auto run = std::make_unique<PlanRun>();
  // Kept where the process's end finds it (and a leak checker sees it
  // reachable), never destroyed.
  static std::vector<std::unique_ptr<PlanRun>>* const left_to_exit =
      new std::vector<std::unique_ptr<PlanRun>>();
  const absl::Cleanup leave = [&] {
    if (options.leave_state_to_exit) left_to_exit->push_back(std::move(run));
  };
  if (auto failed = Plan(options, *std::move(policy), errors, out, err, *run)) return *failed;
  PrintSummary(out, run->summary, run->state.profiles.Counts().people,
               options.policy_path.empty() ? "built-in default" : options.policy_path, options.top);
  if (errors.count() > 0)
    out << "\n" << errors.count() << " bad row(s) skipped (listed on stderr)\n";
  PrintRunStats(out, run->summary, run->time, run->state.histories);
  if (!options.compare_path.empty()) {
    if (const int compared = Compare(options, *run, out, err); compared != kExitOk) {
      return compared;
    }
  }
  if (options.out_path.empty()) return kExitOk;
  if (!WriteDecisions(options.out_path, *run->governor, run->touches)) {
    err << options.out_path << ": cannot write the decisions file\n";
    return kExitBadInput;
  }
  out << "\ndecisions written to " << options.out_path << "\n";
  return kExitOk;
}

}  // namespace tact
