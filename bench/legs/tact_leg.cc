// The in-process legs of the peer benchmark, one per run of this program so
// that each reports its own peak memory:
//
//   tact_leg --workload W --leg memory   [--threads N] [--batch B] [--answers A] [--policy P]
//   tact_leg --workload W --leg embedded [--threads N] [--batch B] [--answers A] [--policy P]
//            --data DIR
//   tact_leg --workload W --leg baseline
//
// memory and embedded replay the stream through DecideAndRecord, the path
// `tact serve` takes, with the service's person for someone without a
// profile. With N threads each takes the people whose id hashes to it, so
// every person's asks stay in stream order. With --batch B, B asks at a time
// go to the store together (RecordedDecision and Store::ApplyAll, as a
// batch request's do): the in-process counterpart of the peer's pipeline. baseline is the physical
// floor: the same probes into a bare hash map keyed by the same ids, bumping 16 bytes. Prints one
// JSON line (leg_result.h).
#include <deque>
#include <filesystem>
#include <iostream>
#include <thread>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "engine/decide.h"
#include "files/policy_file.h"
#include "governor/decide_and_record.h"
#include "policy/policy_loader.h"
#include "store/data_dir.h"
#include "store/embedded_store.h"
#include "store/memory_store.h"
#include "store/touch_ledger.h"
#include "workload/leg_result.h"
#include "workload/workload.h"

namespace tact::bench {
namespace {

char AnswerOf(Outcome outcome) {
  switch (outcome) {
    case Outcome::kSend:
      return 'S';
    case Outcome::kDefer:
      return 'D';
    case Outcome::kSuppress:
      break;
  }
  return 'X';
}

struct Replay {
  const Workload& workload;
  const Policy& policy;
  Store& store;
  std::vector<char>& answers;
  size_t batch = 1;  // asks handed to the store together (ApplyAll)
};

// The asks of one batch, decided together as a batch request's are: the
// decisions built first, then the store applies them all (ApplyAll: one
// write for the embedded store), then each is finished.
class BatchReplay {
 public:
  BatchReplay(const Replay& replay, int64_t& sends) : replay_(replay), sends_(sends) {
    touches_.resize(replay.batch);
    for (Touch& touch : touches_) touch.kind = Kind::kPromotional;
    unknown_.resize(replay.batch);
    asks_.reserve(replay.batch);
  }
  // The next touch to fill, for ask `index` of the stream.
  Touch& Next(size_t index) {
    asks_.push_back(index);
    return touches_[asks_.size() - 1];
  }
  bool Full() const { return asks_.size() == replay_.batch; }
  void Decide() {
    if (asks_.empty()) return;
    decisions_.clear();
    changes_.clear();
    for (size_t one = 0; one < asks_.size(); ++one) {
      const Touch& touch = touches_[one];
      unknown_[one].id = touch.person_id;  // as the service names someone without a profile
      changes_.push_back({touch.person_id,
                          decisions_.emplace_back(replay_.policy, unknown_[one], nullptr, touch,
                                                  *touch.at, nullptr, nullptr, nullptr, nullptr)});
    }
    const std::vector<absl::Status> stored = replay_.store.ApplyAll(changes_);
    for (size_t one = 0; one < asks_.size(); ++one) {
      // The memory and embedded stores never fail.
      const Outcome outcome = decisions_[one].Finish(stored[one])->outcome;
      replay_.answers[asks_[one]] = AnswerOf(outcome);
      sends_ += outcome == Outcome::kSend;
    }
    asks_.clear();
  }

 private:
  const Replay& replay_;
  int64_t& sends_;
  std::vector<Person> unknown_;  // one per ask of the batch
  std::vector<Touch> touches_;
  std::vector<size_t> asks_;
  std::deque<RecordedDecision> decisions_;
  std::vector<PersonChange> changes_;
};

// Replays the asks of the people that hash to `part` of `parts`, one at a
// time (DecideAndRecord) or in batches. A batch's latency is that of each of
// its asks.
void ReplayPart(const Replay& replay, int part, int parts, LatencySample& latency, int64_t& sends) {
  const absl::Time start = WorkloadStart();
  std::vector<std::string> senders;
  for (int index = 0; index < replay.workload.spec().senders; ++index) {
    senders.push_back(SenderId(static_cast<uint16_t>(index)));
  }
  Channel channels[std::size(kAskChannels)];
  for (size_t index = 0; index < std::size(kAskChannels); ++index) {
    channels[index] = *ParseChannel(kAskChannels[index]);
  }
  Touch single;
  single.kind = Kind::kPromotional;
  Person unknown;
  BatchReplay batch(replay, sends);
  int64_t batch_began = NowNanos();
  bool batch_timed = false;
  char id[16];
  for (size_t index = 0; index < replay.workload.size(); ++index) {
    const Ask& ask = replay.workload[index];
    if (parts > 1 && static_cast<int>(ask.person % parts) != part) continue;
    const bool timed = latency.ShouldTime(index);
    Touch& touch = replay.batch > 1 ? batch.Next(index) : single;
    const absl::string_view person_id = FormatPersonId(ask.person, id);
    touch.person_id.assign(person_id.data(), person_id.size());
    touch.channel = channels[ask.channel];
    touch.sender = senders[ask.sender];
    touch.at = start + absl::Minutes(ask.minute);
    if (replay.batch > 1) {
      batch_timed = batch_timed || timed;
      if (!batch.Full()) continue;
      batch.Decide();
      const int64_t now = NowNanos();
      if (batch_timed) latency.Add(now - batch_began);
      batch_began = now;
      batch_timed = false;
      continue;
    }
    unknown.id = touch.person_id;  // as the service names someone without a profile
    const int64_t began = timed ? NowNanos() : 0;
    // The memory and embedded stores never fail.
    const Decision decision =
        *DecideAndRecord(replay.store, replay.policy, unknown, nullptr, touch, *touch.at);
    if (timed) latency.Add(NowNanos() - began);
    replay.answers[index] = AnswerOf(decision.outcome);
    sends += decision.outcome == Outcome::kSend;
  }
  batch.Decide();
}

LegResult RunTact(const std::string& leg, const Workload& workload, const Policy& policy,
                  Store& store, int threads, size_t batch, std::vector<char>& answers) {
  const int64_t rss_before_kib = CurrentRssKib();
  std::vector<LatencySample> latencies(threads);
  std::vector<int64_t> sends(threads, 0);
  const Replay replay{workload, policy, store, answers, batch};
  const int64_t began = NowNanos();
  std::vector<std::thread> workers;
  for (int part = 0; part < threads; ++part) {
    workers.emplace_back(
        [&, part] { ReplayPart(replay, part, threads, latencies[part], sends[part]); });
  }
  for (std::thread& worker : workers) worker.join();
  const int64_t elapsed = NowNanos() - began;

  LegResult result;
  result.leg = threads == 1 ? leg : absl::StrCat(leg, ", ", threads, " threads");
  if (batch > 1) absl::StrAppend(&result.leg, ", batches of ", batch);
  result.decisions = static_cast<int64_t>(workload.size());
  result.seconds = elapsed / 1e9;
  for (size_t part = 1; part < latencies.size(); ++part) latencies[0].Merge(latencies[part]);
  result.p50_ns = latencies[0].Quantile(0.50);
  result.p99_ns = latencies[0].Quantile(0.99);
  for (int64_t part_sends : sends) result.sends += part_sends;
  const StoreStats stats = store.Stats();
  result.people = static_cast<int64_t>(stats.people);
  result.state_bytes = static_cast<int64_t>(stats.bytes);
  result.peak_rss_kib = PeakRssKib();
  result.note =
      absl::StrCat(threads, threads == 1 ? " thread" : " threads", "; process memory grew ",
                   (CurrentRssKib() - rss_before_kib) / 1024, " MiB while deciding");
  return result;
}

// The floor: each ask costs one probe of a flat_hash_map keyed by the same
// person ids (built during the loop, as the stores do) and a 16-byte update.
LegResult RunBaseline(const Workload& workload) {
  struct Slot {
    int64_t count = 0;
    int64_t last = 0;
  };
  absl::flat_hash_map<std::string, Slot> map;
  map.reserve(static_cast<size_t>(workload.spec().people));
  LatencySample latency;
  char id[16];
  const int64_t began = NowNanos();
  for (size_t index = 0; index < workload.size(); ++index) {
    const Ask& ask = workload[index];
    const bool timed = latency.ShouldTime(index);
    const int64_t call_began = timed ? NowNanos() : 0;
    Slot& slot = map[FormatPersonId(ask.person, id)];
    slot.count += 1;
    slot.last = ask.minute;
    if (timed) latency.Add(NowNanos() - call_began);
  }
  const int64_t elapsed = NowNanos() - began;
  LegResult result;
  result.leg = "baseline";
  result.decisions = static_cast<int64_t>(workload.size());
  result.seconds = elapsed / 1e9;
  result.p50_ns = latency.Quantile(0.50);
  result.p99_ns = latency.Quantile(0.99);
  result.people = static_cast<int64_t>(map.size());
  result.state_bytes =
      static_cast<int64_t>(map.capacity() * (sizeof(std::pair<std::string, Slot>) + 1));
  result.peak_rss_kib = PeakRssKib();
  int64_t total = 0;
  for (const auto& [unused, slot] : map) total += slot.count;
  result.note = absl::StrCat("1 thread; ", total, " probes counted");
  return result;
}

int Main(int argc, char** argv) {
  CLI::App app{"One in-process leg of the peer benchmark"};
  std::string workload_path, leg, answers_path, policy_path, data_dir;
  int threads = 1;
  size_t batch = 1;
  app.add_option("--workload", workload_path, "workload file (tact_workload)")->required();
  app.add_option("--leg", leg, "memory, embedded or baseline")
      ->required()
      ->check(CLI::IsMember({"memory", "embedded", "baseline"}));
  app.add_option("--threads", threads, "deciding threads")->check(CLI::Range(1, 64));
  app.add_option("--batch", batch, "asks handed to the store together (ApplyAll)")
      ->check(CLI::Range(1, 100000));
  app.add_option("--answers", answers_path, "write S/D/X per ask here");
  app.add_option("--policy", policy_path, "policy file (default: the embedded default)");
  app.add_option("--data", data_dir, "data directory for the embedded leg (created)");
  CLI11_PARSE(app, argc, argv);

  absl::StatusOr<Workload> workload = Workload::Open(workload_path);
  if (!workload.ok()) {
    std::cerr << workload.status().message() << "\n";
    return 1;
  }
  // Read the stream once so that its pages are resident before any clock starts.
  int64_t checksum = 0;
  for (size_t index = 0; index < workload->size(); ++index) checksum += (*workload)[index].minute;
  if (checksum < 0) return 1;
  if (leg == "baseline") {
    std::cout << ToJsonLine(RunBaseline(*workload)) << std::endl;
    return 0;
  }
  absl::StatusOr<Policy> policy = policy_path.empty()
                                      ? LoadPolicyFromString(DefaultPolicyText(), "default")
                                      : LoadPolicyFile(policy_path);
  if (!policy.ok()) {
    std::cerr << policy.status().message() << "\n";
    return 1;
  }
  std::vector<char> answers(workload->size(), '?');
  const size_t people = static_cast<size_t>(workload->spec().people);
  LegResult result;
  if (leg == "memory") {
    MemoryStore store(people);
    result = RunTact("tact in-process, memory store", *workload, *policy, store, threads, batch,
                     answers);
  } else {
    if (data_dir.empty()) {
      std::cerr << "--data: required for the embedded leg\n";
      return 1;
    }
    std::filesystem::create_directories(data_dir);
    if (absl::Status format = CheckFormat(data_dir, /*create=*/true); !format.ok()) {
      std::cerr << format.message() << "\n";
      return 1;
    }
    auto journal = Journal::Open(data_dir, JournalOptions{});
    if (!journal.ok()) {
      std::cerr << journal.status().message() << "\n";
      return 1;
    }
    MemoryTouchLedger ledger;
    EmbeddedStore store(**journal, ledger, people);
    result = RunTact("tact in-process, embedded store", *workload, *policy, store, threads, batch,
                     answers);
  }
  return Report(result, answers, answers_path);
}

}  // namespace
}  // namespace tact::bench

int main(int argc, char** argv) { return tact::bench::Main(argc, argv); }
