// What counting a decision into the mirror costs, next to what it rides on:
// a baseline hash-map increment (the least any per-source counter pays),
// the mirror with one busy source and with 8,000 sources (sellers times
// campaigns), from one thread and from two, and a league table over a month
// of 8,000 sources a day (240,000 cells, just under the mirror's limit).
// The dashboard's heaviest request — one team's month: its overview by day
// and its league table by campaign — over 10M decisions (1M people asked
// about ten times each; the mirror keeps cells, not people), against a plain
// scan of the same cells in a vector.
//
//   taskset -c 0,1 build/bench/mirror_bench --benchmark_repetitions=3
//     --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "report/mirror.h"

namespace tact {
namespace {

constexpr Day kDay = 20878;  // 2027-03-01

struct Sources {
  std::vector<std::string> teams, campaigns, senders;
  explicit Sources(int count) {
    for (int i = 0; i < count; ++i) {
      teams.push_back(absl::StrCat("team-", i % 8));
      campaigns.push_back(absl::StrCat("campaign-", i % 50));
      senders.push_back(absl::StrCat("seller-", i, "@acme.example"));
    }
  }
  MirrorSource At(size_t i) const {
    return {teams[i], campaigns[i], senders[i], "outreach", Channel::kEmail};
  }
};

Decision Deferred() {
  Decision decision;
  decision.outcome = Outcome::kDefer;
  Reason reason;
  reason.rule = "budget.all.7d";
  decision.reasons.push_back(reason);
  return decision;
}

void BM_BaselineHashMapIncrement(benchmark::State& state) {
  const Sources sources(static_cast<int>(state.range(0)));
  absl::flat_hash_map<std::string, int64_t> counts;
  size_t i = 0;
  for (auto _ : state) {
    ++counts[sources.senders[i]];
    if (++i == sources.senders.size()) i = 0;
  }
}
BENCHMARK(BM_BaselineHashMapIncrement)->Arg(1)->Arg(8000);

Mirror& Shared() {
  static Mirror* mirror = new Mirror();
  return *mirror;
}

void BM_CountDecision(benchmark::State& state) {
  const Sources sources(static_cast<int>(state.range(0)));
  const Decision sent;
  const Decision deferred = Deferred();
  Mirror& mirror = Shared();
  size_t i = state.thread_index() * 7919 % sources.senders.size();
  for (auto _ : state) {
    mirror.CountDecision(sources.At(i), kDay, (i & 3) == 0 ? deferred : sent);
    if (++i == sources.senders.size()) i = 0;
  }
}
BENCHMARK(BM_CountDecision)->Arg(1)->Arg(8000)->Threads(1)->Threads(2);

void BM_LeagueOverAMonth(benchmark::State& state) {
  const Sources sources(8000);
  Mirror mirror;
  for (Day day = kDay; day < kDay + 30; ++day) {
    for (size_t i = 0; i < sources.senders.size(); ++i) {
      mirror.CountDecision(sources.At(i), day, Decision{});
    }
  }
  MirrorFilter filter;
  for (auto _ : state) {
    benchmark::DoNotOptimize(mirror.League(Dimension::kSender, filter));
  }
  state.counters["cells"] = static_cast<double>(mirror.cells());
}
BENCHMARK(BM_LeagueOverAMonth)->Unit(benchmark::kMillisecond);

// 10M decisions over 30 days × 8,000 sources (about 42 a cell), a quarter
// of them held back; built once for both benchmarks below.
const Mirror& TenMillionDecisions() {
  static const Mirror* mirror = [] {
    const Sources sources(8000);
    const Decision sent;
    const Decision deferred = Deferred();
    auto* built = new Mirror();
    for (int64_t i = 0; i < 10'000'000; ++i) {
      const size_t source = static_cast<size_t>(i % 8000);
      built->CountDecision(sources.At(source), kDay + static_cast<Day>((i / 8000) % 30),
                           (i & 3) == 0 ? deferred : sent);
    }
    return built;
  }();
  return *mirror;
}

MirrorFilter OneTeamsMonth() {
  MirrorFilter filter;
  filter.from = kDay;
  filter.to = kDay + 29;
  filter.equals[static_cast<int>(Dimension::kTeam)] = "team-3";
  return filter;
}

void BM_DashboardOneTeamsMonth(benchmark::State& state) {
  const Mirror& mirror = TenMillionDecisions();
  const MirrorFilter filter = OneTeamsMonth();
  for (auto _ : state) {
    benchmark::DoNotOptimize(mirror.ByDay(filter));
    benchmark::DoNotOptimize(mirror.League(Dimension::kCampaign, filter));
  }
  state.counters["cells"] = static_cast<double>(mirror.cells());
}
BENCHMARK(BM_DashboardOneTeamsMonth)->Unit(benchmark::kMillisecond);

// What the range bar asks for: every filter's names over the month, in one
// pass (GET /v1/reports/names), where it asked for a league table per filter.
void BM_FilterNamesOverTheMonth(benchmark::State& state) {
  const Mirror& mirror = TenMillionDecisions();
  MirrorFilter filter;
  filter.from = kDay;
  filter.to = kDay + 29;
  for (auto _ : state) benchmark::DoNotOptimize(mirror.Names(filter));
  state.counters["cells"] = static_cast<double>(mirror.cells());
}
BENCHMARK(BM_FilterNamesOverTheMonth)->Unit(benchmark::kMillisecond);

// The baseline: the same cells copied into a vector, summed per day and per
// campaign where the team matches, with no locks, shards or rule maps.
void BM_BaselinePlainScanOneTeamsMonth(benchmark::State& state) {
  const Mirror& mirror = TenMillionDecisions();
  std::vector<Day> days;
  for (Day day = kDay; day < kDay + 30; ++day) days.push_back(day);
  std::vector<MirrorCell> cells;
  for (auto& [day, of_day] : mirror.CellsOf(days)) {
    for (MirrorCell& cell : of_day) cells.push_back(std::move(cell));
  }
  for (auto _ : state) {
    absl::flat_hash_map<Day, std::array<int64_t, kMeasureCount>> by_day;
    absl::flat_hash_map<std::string, std::array<int64_t, kMeasureCount>> by_campaign;
    for (const MirrorCell& cell : cells) {
      if (cell.team != "team-3" || cell.day < kDay || cell.day > kDay + 29) continue;
      auto& day = by_day[cell.day];
      auto& campaign = by_campaign[cell.campaign];
      for (int measure = 0; measure < kMeasureCount; ++measure) {
        day[measure] += cell.counts.measures[measure];
        campaign[measure] += cell.counts.measures[measure];
      }
    }
    benchmark::DoNotOptimize(by_day);
    benchmark::DoNotOptimize(by_campaign);
  }
  state.counters["cells"] = static_cast<double>(cells.size());
}
BENCHMARK(BM_BaselinePlainScanOneTeamsMonth)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tact

BENCHMARK_MAIN();
