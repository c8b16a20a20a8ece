// `tact report`: the mirror of a data directory (--state) or of a campaign
// plan's decisions (--plan) as one self-contained HTML file.
#include <algorithm>
#include <ostream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "cli/commands.h"
#include "cli/policy_source.h"
#include "cli/report_page.h"
#include "codec/decision_json.h"
#include "codec/json_writer.h"
#include "codec/record_reader.h"
#include "encode/views_json.h"
#include "governor/governor.h"
#include "report/crowding.h"
#include "report/days.h"
#include "report/held_back.h"
#include "report/mirror.h"
#include "report/report_json.h"
#include "store/data_dir.h"
#include "store/embedded_state.h"

namespace tact {
namespace {

std::string Json(absl::FunctionRef<void(JsonWriter&)> write) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  write(writer);
  return JsonText(buffer);
}

// --from/--to as given; with neither, every day that has counts (at most the
// last kReportDaysMax of them): a file is read whole, unlike the API's default.
absl::flat_hash_map<std::string, std::string> RangeParams(const ReportOptions& options,
                                                          const MirrorReader& mirror) {
  absl::flat_hash_map<std::string, std::string> params;
  if (!options.from.empty()) params["from"] = options.from;
  if (!options.to.empty()) params["to"] = options.to;
  const auto span = mirror.Span();
  if (params.empty() && span) {
    params["from"] = FormatDay(std::max(span->first, span->second - (kReportDaysMax - 1)));
    params["to"] = FormatDay(span->second);
  }
  return params;
}

// The overview and a league table per dimension, from `mirror`.
absl::Status AddMirrorViews(ReportData& data, const MirrorReader& mirror,
                            const ReportOptions& options) {
  const Day today = DayOfMinute(ToMinute(absl::Now()));
  auto query = ParseReportQuery(RangeParams(options, mirror), mirror, today, /*league=*/false);
  if (!query.ok()) return query.status();
  data.Raw("overview", Json([&](JsonWriter& w) { WriteOverviewJson(w, mirror, *query); }));
  data.writer().Key("league");
  data.writer().StartObject();
  for (int i = 0; i < kDimensionCount; ++i) {
    ReportQuery league = *query;
    league.by = static_cast<Dimension>(i);
    league.limit = 100;
    const absl::string_view name = DimensionName(league.by);
    data.Raw(name, Json([&](JsonWriter& w) { WriteLeagueJson(w, mirror, league); }));
  }
  data.writer().EndObject();
  const Distribution distribution = ReadDistribution(mirror, *query);
  data.Raw("distribution",
           Json([&](JsonWriter& w) { WriteDistributionJson(w, distribution, *query); }));
  const std::vector<CollisionRow> collisions = ReadCollisions(mirror, *query);
  data.Raw("collisions", Json([&](JsonWriter& w) { WriteCollisionsJson(w, collisions, *query); }));
  return absl::OkStatus();
}

int ReportFromState(const ReportOptions& options, const Policy& policy, std::ostream& out,
                    std::ostream& err) {
  if (absl::Status format = CheckFormat(options.state_dir, /*create=*/false); !format.ok()) {
    err << "--state: " << format.message() << "\n";
    return kExitBadInput;
  }
  auto state = EmbeddedState::OpenReadOnly(options.state_dir, policy);
  if (!state.ok()) {
    err << "--state: " << state.status().message() << "\n";
    return kExitBadInput;
  }
  NullObserver observer;
  Governor governor(
      std::make_shared<const Policy>(policy), (*state)->ports(), observer,
      [] { return absl::Now(); }, UnsubscribeLinks{});
  ReportData data(absl::StrCat("data directory ", options.state_dir));
  if (absl::Status status = AddMirrorViews(data, governor.mirror(), options); !status.ok()) {
    err << status.message() << "\n";
    return kExitUsage;
  }
  data.Raw("reputation", ReputationJson(governor.Reputation()));
  data.Raw("policy", PolicyJson(policy));
  // The people (with a profile) with the most recorded touches, with their "why".
  std::vector<std::pair<size_t, std::string>> busiest;
  (*state)->profiles.people.ForEach([&](const std::string& id, const Person&) {
    // The embedded state reads from memory: it never fails.
    const std::optional<History> history = (*state)->histories->Get(id).value_or(std::nullopt);
    if (history) busiest.emplace_back(history->touches().size(), id);
  });
  const size_t shown = std::min<size_t>(busiest.size(), options.people);
  std::partial_sort(busiest.begin(), busiest.begin() + shown, busiest.end(),
                    [](const auto& a, const auto& b) {
                      return a.first != b.first ? a.first > b.first : a.second < b.second;
                    });
  data.writer().Key("people");
  data.writer().StartObject();
  for (size_t i = 0; i < shown; ++i) {
    const absl::StatusOr<WhyView> why =
        governor.Why(busiest[i].second, Kind::kPromotional, governor.Now());
    if (!why.ok()) {
      err << why.status().message() << "\n";
      return kExitFailed;
    }
    data.Raw(busiest[i].second, WhyJson(*why));
  }
  data.writer().EndObject();
  return WriteReportPage(options.html_path, options.web_report_dir, data.Finish(), out, err);
}

// One row of `tact plan --out`, as read.
struct PlanRow {
  std::string person_id, team, campaign, sender, tool, kind, deferred_by, suppressed_by, message;
  Channel channel = Channel::kEmail;
  Outcome outcome = Outcome::kSend;
  absl::Time asked, decided;
};

// Reads a row; an error names the column.
absl::StatusOr<PlanRow> ReadPlanRow(const Record& record) {
  const auto text = [&](absl::string_view name) {
    const Field* field = record.Find(name);
    return field ? field->text : std::string();
  };
  PlanRow plan{text("person_id"),   text("team"),          text("campaign"),
               text("sender"),      text("tool"),          text("kind"),
               text("deferred_by"), text("suppressed_by"), text("message")};
  const std::optional<Channel> channel = ParseChannel(text("channel"));
  if (!channel) {
    return absl::InvalidArgumentError(
        absl::StrCat("channel: '", text("channel"), "' is not one of ", ChannelNamesList()));
  }
  plan.channel = *channel;
  const std::optional<Outcome> outcome = ParseOutcome(text("decision"));
  if (!outcome) {
    return absl::InvalidArgumentError(
        absl::StrCat("decision: '", text("decision"), "' is not send, defer or suppress"));
  }
  plan.outcome = *outcome;
  for (auto [name, into] : {std::pair{"asked_at", &plan.asked}, {"decided_at", &plan.decided}}) {
    auto time = ParseUtc(text(name));
    if (!time.ok())
      return absl::InvalidArgumentError(absl::StrCat(name, ": ", time.status().message()));
    *into = *time;
  }
  return plan;
}

// Each proposed touch counts once, by what finally became of it, as the
// terminal summary of `tact plan` counts it: on the day it was sent or
// suppressed, or the day it was proposed if still deferred at the horizon.
void CountPlanRow(const PlanRow& plan, Mirror& mirror) {
  const auto rules = [](const std::string& list) -> std::vector<absl::string_view> {
    return absl::StrSplit(list, ';', absl::SkipEmpty());
  };
  const MirrorSource source{plan.team, plan.campaign, plan.sender,
                            plan.tool, plan.channel,  ParseKind(plan.kind)};
  const absl::Time day = plan.outcome == Outcome::kDefer ? plan.asked : plan.decided;
  mirror.CountPlannedTouch(source, DayOfMinute(ToMinute(day)), plan.outcome,
                           rules(plan.deferred_by), rules(plan.suppressed_by));
}

// The rule a held-back row is known by: what suppressed it, else what
// deferred it first.
std::string FirstRule(const PlanRow& plan) {
  const std::string& rules = plan.suppressed_by.empty() ? plan.deferred_by : plan.suppressed_by;
  return rules.substr(0, rules.find(';'));
}

int ReportFromPlan(const ReportOptions& options, const Policy& policy, std::ostream& out,
                   std::ostream& err) {
  auto reader = OpenRecordFile(options.plan_path);
  if (!reader.ok()) {
    err << "--plan: " << reader.status().message() << "\n";
    return kExitBadInput;
  }
  Mirror mirror;
  std::vector<PlanRow> rows;
  ReadResult row;
  while ((*reader)->Next(&row)) {
    absl::StatusOr<PlanRow> plan =
        row.error.empty() ? ReadPlanRow(row.record) : absl::InvalidArgumentError(row.error);
    if (!plan.ok()) {
      err << options.plan_path << ":" << row.record.line << ": " << plan.status().message()
          << " (--plan reads the decisions file `tact plan --out` writes)\n";
      return kExitBadInput;
    }
    CountPlanRow(*plan, mirror);
    rows.push_back(*std::move(plan));
  }
  ReportData data(absl::StrCat("plan ", options.plan_path));
  if (absl::Status status = AddMirrorViews(data, mirror, options); !status.ok()) {
    err << status.message() << "\n";
    return kExitUsage;
  }
  data.Raw("policy", PolicyJson(policy));
  // The people held back last in the plan, each with all of their rows.
  std::vector<HeldBack> held_back;
  absl::flat_hash_map<std::string, std::vector<const PlanRow*>> by_person;
  for (const PlanRow& plan : rows) by_person[plan.person_id].push_back(&plan);
  for (auto it = rows.rbegin(); it != rows.rend() && held_back.size() < options.people; ++it) {
    if (it->outcome == Outcome::kSend) continue;
    if (std::any_of(held_back.begin(), held_back.end(),
                    [&](const HeldBack& h) { return h.person_id == it->person_id; }))
      continue;
    HeldBack& held = held_back.emplace_back(HeldBack{it->person_id, ToMinute(it->asked),
                                                     it->outcome, FirstRule(*it), it->team,
                                                     it->campaign, it->sender, it->channel});
    held.kind = ParseKind(it->kind).value_or(Kind::kPromotional);
    // A plan's file names the rules; the sentences are in its `message`.
    const std::string& rules = it->suppressed_by.empty() ? it->deferred_by : it->suppressed_by;
    for (absl::string_view rule : absl::StrSplit(rules, ';', absl::SkipEmpty())) {
      held.explained.push_back({std::string(rule), ""});
    }
  }
  data.Raw("held_back", Json([&](JsonWriter& w) { WriteHeldBackJson(w, held_back); }));
  data.writer().Key("people");
  data.writer().StartObject();
  for (const HeldBack& person : held_back) {
    data.writer().Key(person.person_id.c_str());
    JsonWriter& w = data.writer();
    w.StartObject();
    w.Key("person_id");
    WriteString(w, person.person_id);
    w.Key("plan");
    w.StartArray();
    for (const PlanRow* plan : by_person[person.person_id]) {
      w.StartObject();
      const std::string asked = FormatUtc(plan->asked);
      const std::string rules = absl::StrCat(
          plan->deferred_by, plan->deferred_by.empty() || plan->suppressed_by.empty() ? "" : ";",
          plan->suppressed_by);
      for (const auto& [key, value] : {std::pair<const char*, absl::string_view>{"asked_at", asked},
                                       {"channel", ChannelName(plan->channel)},
                                       {"kind", plan->kind},
                                       {"team", plan->team},
                                       {"campaign", plan->campaign},
                                       {"decision", OutcomeName(plan->outcome)},
                                       {"rules", rules},
                                       {"message", plan->message}}) {
        w.Key(key);
        WriteString(w, value);
      }
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  data.writer().EndObject();
  out << "plan: " << rows.size() << " decisions from " << options.plan_path << "\n";
  return WriteReportPage(options.html_path, options.web_report_dir, data.Finish(), out, err);
}

}  // namespace

int RunReport(const ReportOptions& options, std::ostream& out, std::ostream& err) {
  if (options.state_dir.empty() == options.plan_path.empty()) {
    err << "give one of --state DIR (a data directory) or --plan FILE (tact plan --out)\n";
    return kExitUsage;
  }
  auto policy = LoadPolicyOrDefault(options.policy_path);
  if (!policy.ok()) {
    err << policy.status().message() << "\n";
    return kExitBadInput;
  }
  return options.state_dir.empty() ? ReportFromPlan(options, *policy, out, err)
                                   : ReportFromState(options, *policy, out, err);
}

}  // namespace tact
