// What each leg of the peer benchmark reports: one JSON line on stdout that
// bench/report.py turns into bench/RESULTS.md, plus its answers (one byte per
// ask: S send, D defer, X suppress) for the agreement check.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/clock.h"

namespace tact::bench {

// Latencies of every `stride`-th call, in nanoseconds; the others are not
// timed, so that timing does not slow the leg it measures.
class LatencySample {
 public:
  explicit LatencySample(int stride = 16) : stride_(stride) {}
  bool ShouldTime(uint64_t call) const { return call % stride_ == 0; }
  void Add(int64_t nanoseconds) { sample_.push_back(nanoseconds); }
  void Merge(const LatencySample& other);
  // The q-quantile (0 < q < 1) of the sample; 0 when empty.
  int64_t Quantile(double q);

 private:
  int stride_;
  std::vector<int64_t> sample_;
};

struct LegResult {
  std::string leg;
  int64_t decisions = 0;
  double seconds = 0;
  int64_t p50_ns = 0;
  int64_t p99_ns = 0;
  int64_t peak_rss_kib = 0;  // of the process that holds the state
  int64_t state_bytes = 0;   // memory the state took, as the leg can count it
  int64_t people = 0;        // distinct people with state
  int64_t sends = 0;
  std::string note;
};

// One JSON object on one line.
std::string ToJsonLine(const LegResult& result);

// VmHWM of this process, KiB.
int64_t PeakRssKib();
// VmRSS of this process, KiB.
int64_t CurrentRssKib();

absl::Status WriteAnswers(const std::string& path, const std::vector<char>& answers);

// A leg's last step: writes its answers (when `answers_path` is set) and
// prints its JSON line. Returns the process's exit code.
int Report(const LegResult& result, const std::vector<char>& answers,
           const std::string& answers_path);

// Nanoseconds on a monotonic clock.
inline int64_t NowNanos() { return absl::GetCurrentTimeNanos(); }

}  // namespace tact::bench
