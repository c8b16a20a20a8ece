// decide() against the in-memory store on 1M people with random access,
// next to the physical baseline: the same random probes into a bare hash map
// of the same keys, touching one small value each. Both run on one core.
//
//   build/bench/engine_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <stdlib.h>

#include <deque>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_format.h"
#include "core/send_time.h"
#include "engine/decide.h"
#include "governor/decide_and_record.h"
#include "policy/policy_loader.h"
#include "store/data_dir.h"
#include "store/embedded_store.h"
#include "store/memory_store.h"
#include "store/touch_ledger.h"

#ifndef TACT_BENCH_PEOPLE
#define TACT_BENCH_PEOPLE 1000000
#endif

namespace tact {
namespace {

constexpr int kPeople = TACT_BENCH_PEOPLE;
constexpr int kAsks = 1 << 22;  // pre-drawn random asks, cycled

struct Workload {
  Policy policy;
  std::vector<Person> people;
  std::vector<int> person_of_ask;
  std::vector<Touch> touches;          // one per ask, at any hour
  std::vector<Touch> daytime_touches;  // the same asks moved into the person's working hours
  absl::Time start = absl::FromCivil(absl::CivilDay(2027, 3, 1), absl::UTCTimeZone());
};

const Workload& GetWorkload() {
  static const Workload* workload = [] {
    auto* built = new Workload;
    built->policy = *LoadPolicyFromString(DefaultPolicyText(), "default");
    const char* zones[] = {
        "Europe/Berlin", "America/New_York", "Asia/Tokyo",       "America/Los_Angeles",
        "Europe/London", "Asia/Kolkata",     "Australia/Sydney", "UTC"};
    std::mt19937_64 random(42);
    built->people.reserve(kPeople);
    for (int index = 0; index < kPeople; ++index) {
      Person person;
      person.id = absl::StrFormat("p-%07d", index);
      person.clock = *LocalClock::ForZone(zones[index % 8]);
      person.consent.fill(Consent::kOptedIn);
      built->people.push_back(std::move(person));
    }
    const char* senders[] = {"ana@x", "tom@x", "newsletter@x", "sdr@x"};
    for (int ask = 0; ask < kAsks; ++ask) {
      const int person = static_cast<int>(random() % kPeople);
      built->person_of_ask.push_back(person);
      Touch touch;
      touch.person_id = built->people[person].id;
      touch.channel = random() % 5 == 0 ? Channel::kSms : Channel::kEmail;
      touch.kind = random() % 3 == 0 ? Kind::kRelationship : Kind::kPromotional;
      touch.sender = senders[random() % 4];
      // Asks move through 30 days in order, at any hour.
      touch.at = built->start + absl::Minutes(static_cast<int64_t>(ask) * 30 * 24 * 60 / kAsks);
      // The same ask at a local time between 09:00 and 17:00 on a weekday.
      Touch daytime = touch;
      const LocalClock& clock = *built->people[person].clock;
      const Minute local = clock.ToLocal(ToMinute(*touch.at));
      Minute day = local - ((local % (24 * 60)) + 24 * 60) % (24 * 60);
      while (LocalClock::Weekday(day) >= 5) day += 24 * 60;
      const Minute local_at = day + 9 * 60 + static_cast<Minute>(random() % (8 * 60));
      daytime.at = FromMinute(clock.FromLocal(local_at, 0));
      built->daytime_touches.push_back(std::move(daytime));
      built->touches.push_back(std::move(touch));
    }
    return built;
  }();
  return *workload;
}

// With `profile_in_cache`, the profile of the person asked about 16 asks
// later starts loading now, so that each decision finds its profile in
// cache and waits for the store alone: what keeping the profile in the
// store's entry could save at most.
void RunDecide(benchmark::State& state, const std::vector<Touch>& touches, Store& store,
               bool profile_in_cache = false) {
  const Workload& workload = GetWorkload();
  size_t ask = 0;
  int64_t sends = 0;
  for (auto _ : state) {
    if (profile_in_cache) {
      const Person& soon = workload.people[workload.person_of_ask[(ask + 16) & (kAsks - 1)]];
      const char* bytes = reinterpret_cast<const char*>(&soon);
      for (size_t line = 0; line < sizeof(Person); line += 64) __builtin_prefetch(bytes + line);
      if (!soon.languages.empty()) __builtin_prefetch(soon.languages.data());
    }
    const Touch& touch = touches[ask];
    const Person& person = workload.people[workload.person_of_ask[ask]];
    // The stores benchmarked here never fail.
    const Decision decision =
        *DecideAndRecord(store, workload.policy, person, nullptr, touch, *touch.at);
    sends += decision.outcome == Outcome::kSend;
    ask = (ask + 1) & (kAsks - 1);
  }
  state.SetItemsProcessed(state.iterations());
  const StoreStats stats = store.Stats();
  state.counters["send_share"] = static_cast<double>(sends) / state.iterations();
  state.counters["bytes_per_person"] =
      stats.people ? static_cast<double>(stats.bytes) / stats.people : 0;
}
void RunDecideMemoryStore(benchmark::State& state, const std::vector<Touch>& touches) {
  MemoryStore store(kPeople);
  RunDecide(state, touches, store);
}
void BM_DecideMemoryStore(benchmark::State& state) {
  RunDecideMemoryStore(state, GetWorkload().touches);
}
BENCHMARK(BM_DecideMemoryStore)->Unit(benchmark::kNanosecond)->Iterations(kAsks);

// The same asks, each finding its person's profile in cache.
void BM_DecideMemoryStoreProfileInCache(benchmark::State& state) {
  MemoryStore store(kPeople);
  RunDecide(state, GetWorkload().touches, store, /*profile_in_cache=*/true);
}
BENCHMARK(BM_DecideMemoryStoreProfileInCache)->Unit(benchmark::kNanosecond)->Iterations(kAsks);

// The same asks, made during the person's working hours, as most tools
// schedule them: fewer deferrals, so mostly the send path.
void BM_DecideMemoryStoreDaytime(benchmark::State& state) {
  RunDecideMemoryStore(state, GetWorkload().daytime_touches);
}
BENCHMARK(BM_DecideMemoryStoreDaytime)->Unit(benchmark::kNanosecond)->Iterations(kAsks);

// The same asks at any hour, handed to the store in batches of 64 as a
// batch request's are (Store::ApplyAll, after the stages before it), so the
// store can prefetch a change's person while deciding the ones before.
void BM_DecideMemoryStoreBatch(benchmark::State& state) {
  constexpr size_t kBatch = 64;
  const Workload& workload = GetWorkload();
  MemoryStore store(kPeople);
  std::deque<RecordedDecision> decisions;
  std::vector<PersonChange> changes;
  size_t ask = 0;
  int64_t sends = 0;
  while (state.KeepRunningBatch(kBatch)) {
    decisions.clear();
    changes.clear();
    for (size_t index = 0; index < kBatch; ++index, ask = (ask + 1) & (kAsks - 1)) {
      const Touch& touch = workload.touches[ask];
      const Person& person = workload.people[workload.person_of_ask[ask]];
      const RecordedDecision& decision = decisions.emplace_back(
          workload.policy, person, nullptr, touch, *touch.at, nullptr, nullptr, nullptr, nullptr);
      changes.push_back({touch.person_id, decision});
    }
    const std::vector<absl::Status> stored = store.ApplyAll(changes);
    for (size_t index = 0; index < kBatch; ++index) {
      // The memory store never fails.
      sends += decisions[index].Finish(stored[index])->outcome == Outcome::kSend;
    }
  }
  state.SetItemsProcessed(state.iterations());
  const StoreStats stats = store.Stats();
  state.counters["send_share"] = static_cast<double>(sends) / state.iterations();
  state.counters["bytes_per_person"] =
      stats.people ? static_cast<double>(stats.bytes) / stats.people : 0;
}
BENCHMARK(BM_DecideMemoryStoreBatch)->Unit(benchmark::kNanosecond)->Iterations(kAsks);

// The same asks through the embedded store in group mode (the default):
// every send also goes through RocksDB's write-ahead log.
void BM_DecideEmbeddedStoreGroup(benchmark::State& state) {
  char dir[] = "/tmp/tact-bench-XXXXXX";
  if (mkdtemp(dir) == nullptr || !CheckFormat(dir, /*create=*/true).ok()) {
    state.SkipWithError("cannot create a data directory under /tmp");
    return;
  }
  {
    auto journal = Journal::Open(dir, JournalOptions{});
    if (!journal.ok()) {
      state.SkipWithError(std::string(journal.status().message()).c_str());
      return;
    }
    MemoryTouchLedger ledger;
    EmbeddedStore store(**journal, ledger, kPeople);
    RunDecide(state, GetWorkload().touches, store);
  }
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_DecideEmbeddedStoreGroup)->Unit(benchmark::kNanosecond)->Iterations(kAsks);

// The physical floor: the same random probes into a flat_hash_map with the
// same 1M string keys, reading and bumping a 16-byte value.
void BM_HashMapProbeBaseline(benchmark::State& state) {
  const Workload& workload = GetWorkload();
  struct Slot {
    int64_t count = 0;
    int64_t last = 0;
  };
  absl::flat_hash_map<std::string, Slot> map;
  map.reserve(kPeople);
  for (const Person& person : workload.people) map[person.id];
  size_t ask = 0;
  for (auto _ : state) {
    const Touch& touch = workload.touches[ask];
    Slot& slot = map.find(touch.person_id)->second;
    slot.count += 1;
    slot.last = absl::ToUnixSeconds(*touch.at);
    benchmark::DoNotOptimize(slot);
    ask = (ask + 1) & (kAsks - 1);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HashMapProbeBaseline)->Unit(benchmark::kNanosecond)->Iterations(kAsks);

// Decide alone on a typical history, without the store: the rules' cost.
void BM_DecidePure(benchmark::State& state) {
  const Workload& workload = GetWorkload();
  History history;
  for (int day = 0; day < 3; ++day) {
    history.Record(TouchRecord{ToMinute(workload.start) + day * 24 * 60, StableKeyOf("ana@x"), 0,
                               Channel::kEmail, Kind::kPromotional, true, 0});
  }
  size_t ask = 0;
  for (auto _ : state) {
    const Touch& touch = workload.touches[ask];
    benchmark::DoNotOptimize(Decide(workload.policy, workload.people[workload.person_of_ask[ask]],
                                    nullptr, history, touch, *touch.at));
    ask = (ask + 1) & (kAsks - 1);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecidePure)->Unit(benchmark::kNanosecond);

// What a person's own say costs in memory: the heap the workload's profiles
// take (glibc's count of bytes in use), without preferences, with a typical
// set (a frequency, one channel, two topics, a language, a break); and a
// history's own size and what a send-time profile (core/send_time.h) adds
// to it, for the people who engaged. One pass: the
// counters are the measurement, not the time.
size_t HeapInUse() {
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;  // small blocks, and large ones mapped alone
}

void BM_PersonBytes(benchmark::State& state) {
  const Workload& workload = GetWorkload();
  double without = 0, with = 0, send_time = 0;
  for (auto _ : state) {
    const size_t start = HeapInUse();
    std::vector<Person> people(workload.people.begin(), workload.people.end());
    const size_t plain = HeapInUse();
    for (Person& person : people) {
      Preferences chosen;
      chosen.frequency = "weekly";
      chosen.channels.Add(Channel::kEmail);
      chosen.topics = {"events", "product"};
      chosen.languages = {"de"};
      chosen.paused_until = ToMinute(workload.start) + 28 * 24 * 60;
      person.preferences = std::make_shared<const Preferences>(std::move(chosen));
    }
    const size_t chosen = HeapInUse();
    without = static_cast<double>(plain - start) / people.size();
    with = static_cast<double>(chosen - start) / people.size();
    benchmark::DoNotOptimize(people.data());
    // Histories, with one touch each, then with a send-time profile each
    // (an open and a reply counted), as the store holds them.
    std::vector<History> histories(people.size());
    for (History& history : histories) {
      history.Record(TouchRecord{ToMinute(workload.start), 0, 0, Channel::kEmail,
                                 Kind::kPromotional, true, 0});
    }
    const size_t counted = HeapInUse();
    for (History& history : histories) {
      history.CountReading(EngagementKind::kOpen, ToMinute(workload.start) + 9 * 60, 20'000);
      history.CountReading(EngagementKind::kReply, ToMinute(workload.start) + 19 * 60, 20'000);
    }
    send_time = static_cast<double>(HeapInUse() - counted) / histories.size();
    benchmark::DoNotOptimize(histories.data());
  }
  state.counters["bytes_per_person_without_preferences"] = without;
  state.counters["bytes_per_person_with_preferences"] = with;
  state.counters["preferences_bytes"] = with - without;
  state.counters["history_bytes"] = sizeof(History);
  state.counters["send_time_profile_bytes"] = send_time;
}
BENCHMARK(BM_PersonBytes)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace tact

BENCHMARK_MAIN();
