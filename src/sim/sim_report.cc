#include "sim/sim_report.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"

namespace tact::sim {
namespace {

struct Measure {
  const char* name;
  int64_t Tally::*field;
};
constexpr Measure kMeasures[] = {
    {"sent", &Tally::sent},
    {"opens", &Tally::opens},
    {"replies", &Tally::replies},
    {"meetings", &Tally::meetings},
    {"unsubscribes", &Tally::unsubscribes},
    {"complaints", &Tally::complaints},
    {"gone silent", &Tally::silenced},
};

std::string Ratio(int64_t governed, int64_t ungoverned) {
  if (ungoverned == 0) return governed == 0 ? "—" : "new";
  return absl::StrFormat("%.2f", static_cast<double>(governed) / ungoverned);
}

std::string Thousands(int64_t value) {
  std::string digits = absl::StrCat(value < 0 ? -value : value);
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(at, ",");
  return value < 0 ? "-" + digits : digits;
}

std::string Escape(const std::string& text) {
  return absl::StrReplaceAll(text,
                             {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}});
}

// The key assumptions and the values the sweep tries: half and double, or
// the ends of a plausible range.
struct Variation {
  const char* key;
  double low;
  double high;
};
constexpr Variation kSweep[] = {
    {"fatigue_per_touch", 0.5, 2.0},      {"fatigue_half_life_days", 3.5, 14},
    {"silence_threshold", 3, 12},         {"reply_base", 0.05, 0.2},
    {"unsubscribe_base", 0.0004, 0.0016}, {"complaint_base", 0.00005, 0.0002},
    {"irrelevant_weight", 0, 2},          {"open_fatigue", 0.04, 0.16},
    {"timing_weight", 0.05, 0.3},         {"bury_hours", 4, 16},
};

std::string Per100(int64_t count, int64_t sent) {
  return sent == 0 ? "—" : absl::StrFormat("%.2f", 100.0 * static_cast<double>(count) / sent);
}

std::string Lift(double lift) { return absl::StrFormat("%+.1f %%", 100 * lift); }

std::string Bars(const SimulationResult& result, const Measure& measure) {
  int64_t largest = 1;
  for (size_t team = 0; team < result.teams.size(); ++team) {
    largest = std::max({largest, result.ungoverned.by_team[team].*measure.field,
                        result.governed.by_team[team].*measure.field});
  }
  constexpr int kLabel = 150, kWidth = 300, kRow = 34;
  const int height = static_cast<int>(result.teams.size()) * kRow + 10;
  std::string svg = absl::StrFormat(
      R"(<svg class="chart" role="img" aria-label="%s per team" width="%d" height="%d">)",
      measure.name, kLabel + kWidth + 120, height);
  for (size_t team = 0; team < result.teams.size(); ++team) {
    const int64_t before = result.ungoverned.by_team[team].*measure.field;
    const int64_t after = result.governed.by_team[team].*measure.field;
    const int y = static_cast<int>(team) * kRow + 4;
    const auto width = [&](int64_t value) {
      return static_cast<int>(static_cast<double>(value) * kWidth / largest);
    };
    absl::StrAppendFormat(&svg, R"(<text x="0" y="%d" class="label">%s</text>)", y + 18,
                          Escape(result.teams[team]));
    absl::StrAppendFormat(
        &svg,
        R"(<rect class="ungoverned" x="%d" y="%d" width="%d" height="12"><title>ungoverned: %s</title></rect>)",
        kLabel, y, width(before), Thousands(before));
    absl::StrAppendFormat(
        &svg,
        R"(<rect class="governed" x="%d" y="%d" width="%d" height="12"><title>governed: %s</title></rect>)",
        kLabel, y + 14, width(after), Thousands(after));
    absl::StrAppendFormat(&svg, R"(<text x="%d" y="%d" class="value">%s → %s (%s)</text>)",
                          kLabel + std::max(width(before), width(after)) + 6, y + 18,
                          Thousands(before), Thousands(after), Ratio(after, before));
  }
  return svg + "</svg>";
}

// The seller table's cells, the heading first: a row per seller style and
// run.
std::vector<std::vector<std::string>> SellerCells(const SellerComparison& sellers) {
  std::vector<std::vector<std::string>> rows = {{"sellers", "run", "proposed", "sent", "backed",
                                                 "replies", "meetings", "replies / 100",
                                                 "meetings / 100", "unsubscribes", "complaints"}};
  const auto per_100 = [](int64_t count, int64_t sent) {
    return sent == 0 ? std::string("—") : absl::StrFormat("%.2f", 100.0 * count / sent);
  };
  constexpr const char* kStyles[] = {"researched", "scripted"};
  for (int style = 0; style < 2; ++style) {
    // The ungoverned run has no tact, so nothing it sends is judged backed.
    const struct {
      const char* name;
      const Tally* tally;
      bool governed;
    } runs[] = {{"ungoverned", &sellers.ungoverned[style], false},
                {"brief.hypothesis off", &sellers.rule_off[style], true},
                {"brief.hypothesis on", &sellers.rule_on[style], true}};
    for (const auto& [run, tally, governed] : runs) {
      rows.push_back({kStyles[style], run, Thousands(tally->proposed), Thousands(tally->sent),
                      governed ? Thousands(tally->backed) : "—", Thousands(tally->replies),
                      Thousands(tally->meetings), per_100(tally->replies, tally->sent),
                      per_100(tally->meetings, tally->sent), Thousands(tally->unsubscribes),
                      Thousands(tally->complaints)});
    }
  }
  return rows;
}

}  // namespace

std::vector<SweepRow> Sweep(const World& world, const Policy& policy, const ModelParams& base,
                            uint64_t seed) {
  std::vector<SweepRow> rows;
  const auto at_best = [](const SimulationResult& result) {
    return result.at_best ? std::optional<Tally>(result.at_best->total) : std::nullopt;
  };
  const SimulationResult baseline = Simulate(world, policy, base, seed);
  rows.push_back(
      {"defaults", baseline.ungoverned.total, baseline.governed.total, at_best(baseline)});
  const auto values = ParamValues(base);
  for (const Variation& variation : kSweep) {
    double current = 0;
    for (const auto& [key, value] : values) {
      if (key == variation.key) current = value;
    }
    for (double value : {variation.low, variation.high}) {
      ModelParams params = base;
      SetParam(params, variation.key, value);
      const SimulationResult varied = Simulate(world, policy, params, seed);
      rows.push_back({absl::StrFormat("%s = %g (default %g)", variation.key, value, current),
                      varied.ungoverned.total, varied.governed.total, at_best(varied)});
    }
  }
  return rows;
}

std::string FormatResultTable(const SimulationResult& result) {
  std::string out = absl::StrFormat("%-18s", "team");
  for (const Measure& measure : kMeasures) absl::StrAppendFormat(&out, " %26s", measure.name);
  out += "\n";
  const auto row = [&](const std::string& name, const Tally& before, const Tally& after) {
    absl::StrAppendFormat(&out, "%-18s", name);
    for (const Measure& measure : kMeasures) {
      absl::StrAppendFormat(
          &out, " %26s",
          absl::StrCat(Thousands(before.*measure.field), " → ", Thousands(after.*measure.field),
                       " (", Ratio(after.*measure.field, before.*measure.field), ")"));
    }
    out += "\n";
  };
  for (size_t team = 0; team < result.teams.size(); ++team) {
    row(result.teams[team], result.ungoverned.by_team[team], result.governed.by_team[team]);
  }
  row("total", result.ungoverned.total, result.governed.total);
  out += "(ungoverned → governed (governed / ungoverned))\n";
  return out;
}

double OpenLift(const Tally& governed, const Tally& at_best) {
  if (governed.sent == 0 || at_best.sent == 0 || governed.opens == 0) return 0;
  const double before = static_cast<double>(governed.opens) / governed.sent;
  const double after = static_cast<double>(at_best.opens) / at_best.sent;
  return after / before - 1;
}

std::vector<std::vector<std::string>> SendTimeCells(const Tally& governed, const Tally& at_best) {
  std::vector<std::vector<std::string>> rows = {
      {"", "sent", "opens", "opens / 100 sent", "replies", "replies / 100 sent"}};
  for (const auto& [name, tally] :
       {std::pair<const char*, const Tally&>{"as asked", governed}, {"at best_at", at_best}}) {
    rows.push_back({name, Thousands(tally.sent), Thousands(tally.opens),
                    Per100(tally.opens, tally.sent), Thousands(tally.replies),
                    Per100(tally.replies, tally.sent)});
  }
  const double reply_lift = governed.replies == 0 || at_best.sent == 0 || governed.sent == 0
                                ? 0
                                : (static_cast<double>(at_best.replies) / at_best.sent) /
                                          (static_cast<double>(governed.replies) / governed.sent) -
                                      1;
  rows.push_back({"lift", "", "", Lift(OpenLift(governed, at_best)), "", Lift(reply_lift)});
  return rows;
}

std::string FormatSendTimeTable(const Tally& governed, const Tally& at_best) {
  std::string out;
  for (const std::vector<std::string>& row : SendTimeCells(governed, at_best)) {
    absl::StrAppendFormat(&out, "%-11s", row[0]);
    for (size_t cell = 1; cell < row.size(); ++cell)
      absl::StrAppendFormat(&out, " %19s", row[cell]);
    out += "\n";
  }
  out += "(governed, every touch as asked and every touch at its best_at, in total)\n";
  return out;
}

std::string FormatControlTable(const std::vector<ControlComparison>& rows) {
  std::string out = absl::StrFormat("%-22s %9s %9s %10s %10s %26s\n", "control group", "treated",
                                    "held out", "value/100", "value/100", "lift per 100 (95 % CI)");
  for (const ControlComparison& row : rows) {
    absl::StrAppendFormat(
        &out, "%-22s %9d %9d %10.2f %10.2f %26s\n", row.team.empty() ? "company-wide" : row.team,
        row.treated_people, row.control_people, 100 * row.treated_value, 100 * row.control_value,
        absl::StrFormat("%+.2f (%+.2f to %+.2f)", 100 * row.lift, 100 * row.low, 100 * row.high));
  }
  out +=
      "(governed; replies and meetings per 100 people the group's touches were proposed to, "
      "treated and held out)\n";
  return out;
}

std::string FormatSweepTable(const std::vector<SweepRow>& rows) {
  std::string out = absl::StrFormat("%-50s", "assumption");
  for (const Measure& measure : kMeasures) absl::StrAppendFormat(&out, " %12s", measure.name);
  const bool send_time = !rows.empty() && rows.front().at_best.has_value();
  if (send_time) absl::StrAppendFormat(&out, " %14s", "best_at lift");
  out += "\n";
  for (const SweepRow& row : rows) {
    absl::StrAppendFormat(&out, "%-50s", row.assumption);
    for (const Measure& measure : kMeasures) {
      absl::StrAppendFormat(&out, " %12s",
                            Ratio(row.governed.*measure.field, row.ungoverned.*measure.field));
    }
    if (send_time && row.at_best) {
      absl::StrAppendFormat(&out, " %14s", Lift(OpenLift(row.governed, *row.at_best)));
    }
    out += "\n";
  }
  out += "(governed / ungoverned, in total, as each assumption changes alone";
  if (send_time) out += "; best_at lift: opens per touch sent at best_at against as asked";
  out += ")\n";
  return out;
}

std::string FormatSellerTable(const SellerComparison& sellers) {
  std::string out;
  for (const std::vector<std::string>& row : SellerCells(sellers)) {
    absl::StrAppendFormat(&out, "%-11s %-21s", row[0], row[1]);
    for (size_t cell = 2; cell < row.size(); ++cell)
      absl::StrAppendFormat(&out, " %14s", row[cell]);
    out += "\n";
  }
  out +=
      "(cold sequences; backed: sent with the seller's current own-words hypothesis for the "
      "account)\n";
  return out;
}

namespace {

// A table of rows of cells, the first row the header.
std::string CellsTable(const std::vector<std::vector<std::string>>& rows) {
  std::string html = "<table>";
  for (size_t row = 0; row < rows.size(); ++row) {
    html += "<tr>";
    for (const std::string& cell : rows[row]) {
      const absl::string_view tag = row == 0 ? "th" : "td";
      absl::StrAppend(&html, "<", tag, ">", Escape(cell), "</", tag, ">");
    }
    html += "</tr>";
  }
  return html + "</table>";
}

std::string SweepHtml(const std::vector<SweepRow>& sweep) {
  const bool send_time = sweep.front().at_best.has_value();
  std::string html =
      "<h2>Sensitivity: governed / ungoverned as one assumption "
      "changes</h2><table><tr><th>assumption</th>";
  for (const Measure& measure : kMeasures)
    absl::StrAppendFormat(&html, "<th>%s</th>", measure.name);
  if (send_time) html += "<th>best_at lift (opens per sent)</th>";
  html += "</tr>";
  for (const SweepRow& row : sweep) {
    absl::StrAppendFormat(&html, "<tr><td>%s</td>", Escape(row.assumption));
    for (const Measure& measure : kMeasures) {
      absl::StrAppendFormat(&html, "<td>%s</td>",
                            Ratio(row.governed.*measure.field, row.ungoverned.*measure.field));
    }
    if (send_time && row.at_best) {
      absl::StrAppendFormat(&html, "<td>%s</td>", Lift(OpenLift(row.governed, *row.at_best)));
    }
    html += "</tr>";
  }
  return html + "</table>";
}

}  // namespace

std::string SimulationHtml(const SimulationResult& result, const std::vector<SweepRow>& sweep,
                           const HtmlContext& context) {
  std::string html = R"(<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>tact simulate</title><style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#1d2433;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.25rem .6rem;border-bottom:1px solid #dde2ea;text-align:right}
td:first-child,th:first-child{text-align:left}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(540px,1fr));gap:1rem}
.chart .label{font-size:12px}.chart .value{font-size:11px;fill:#445}
.ungoverned{fill:#9aa5b8}.governed{fill:#1b8a7a}
.key span{display:inline-block;width:12px;height:12px;margin:0 .3rem 0 1rem;vertical-align:middle}
.note{color:#556;max-width:60rem}
</style></head><body>
<h1>Governed against ungoverned</h1>
)";
  absl::StrAppendFormat(
      &html,
      R"(<p class="note">%s people over %d days, seed %d, policy <code>%s</code>. The same proposed touches ran twice: every touch sent (ungoverned), and every touch asked of tact first (governed). This is a model, not a measurement: every assumption is listed below and in docs/simulation.md, and the sweep shows how the result moves when they change.</p>)",
      Thousands(context.people), context.days, context.seed, Escape(context.policy_source));
  html +=
      R"(<p class="key"><span class="ungoverned" style="background:#9aa5b8"></span>ungoverned<span style="background:#1b8a7a"></span>governed</p>)";
  html +=
      "<h2>In "
      "total</h2><table><tr><th>measure</th><th>ungoverned</th><th>governed</th><th>governed / "
      "ungoverned</th></tr>";
  for (const Measure& measure : kMeasures) {
    const int64_t before = result.ungoverned.total.*measure.field;
    const int64_t after = result.governed.total.*measure.field;
    absl::StrAppendFormat(&html, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
                          measure.name, Thousands(before), Thousands(after), Ratio(after, before));
  }
  html += "</table><h2>Per team</h2><div class=\"charts\">";
  for (const Measure& measure : kMeasures) {
    absl::StrAppendFormat(&html, "<figure><figcaption>%s</figcaption>%s</figure>", measure.name,
                          Bars(result, measure));
  }
  html += "</div>";
  if (!result.governed.held_back_by_rule.empty()) {
    html += "<h2>What tact held back, by rule</h2><table><tr><th>rule</th><th>decisions</th></tr>";
    std::vector<std::pair<std::string, int64_t>> rules(result.governed.held_back_by_rule.begin(),
                                                       result.governed.held_back_by_rule.end());
    std::sort(rules.begin(), rules.end(),
              [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [rule, count] : rules) {
      absl::StrAppendFormat(&html, "<tr><td>%s</td><td>%s</td></tr>", Escape(rule),
                            Thousands(count));
    }
    html += "</table>";
  }
  if (context.sellers) {
    html +=
        "<h2>Researched against scripted sellers, with brief.hypothesis off and on</h2>"
        "<p class=\"note\">Each seller writes a hypothesis for an account before the first "
        "sequence there: researched sellers in their own words, scripted sellers the same script "
        "for every account. Backed: cold touches sent with the seller's current own-words "
        "hypothesis.</p><table>";
    html += CellsTable(SellerCells(*context.sellers));
  }
  if (result.at_best) {
    html +=
        "<h2>Send time: every touch as asked, and at its best_at</h2>"
        "<p class=\"note\">People read in two sessions a day at hours of their own; a touch "
        "that waits long for the next one is buried (timing_weight, bury_hours). The same "
        "governed run again with every touch asking to go at best_at, learnt from the opens and "
        "replies tact is told of.</p>";
    html += CellsTable(SendTimeCells(result.governed.total, result.at_best->total));
  }
  if (!sweep.empty()) html += SweepHtml(sweep);
  html += "<h2>Assumptions</h2><table><tr><th>parameter</th><th>value</th></tr>";
  for (const auto& [key, value] : ParamValues(context.params)) {
    absl::StrAppendFormat(&html, "<tr><td>%s</td><td>%g</td></tr>", key, value);
  }
  html += "</table></body></html>\n";
  return html;
}

}  // namespace tact::sim
