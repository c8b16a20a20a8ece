// What counting a decision into the mirror costs, next to what it rides on:
// a baseline hash-map increment (the least any per-source counter pays),
// the mirror with one busy source and with 8,000 sources (sellers times
// campaigns), from one thread and from two, and a league table over a month
// of 8,000 sources a day (240,000 cells, just under the mirror's limit).
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

}  // namespace
}  // namespace tact

BENCHMARK_MAIN();
