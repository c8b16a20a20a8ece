// The reputation counts (ports/reputation_counts.h) in memory, in hourly
// buckets over the policy's complaint window; the embedded state rebuilds
// them from the touch ledger at start.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "core/minutes.h"
#include "core/signals.h"
#include "policy/policy.h"
#include "ports/reputation_counts.h"

namespace tact {

class ReputationTracker final : public ReputationCounts {
 public:
  // A send or a complaint about a touch sent at `sent_at`; empty names are
  // not counted.
  void CountSend(absl::string_view campaign, absl::string_view domain, Minute sent_at) override;
  void CountComplaint(absl::string_view campaign, absl::string_view domain,
                      Minute sent_at) override;

  // Counts another node made in `hour` (minute / 60) for a campaign (or a
  // domain, when `campaign` is false); empty names are not counted.
  void AddHour(bool campaign, absl::string_view name, int32_t hour, int64_t sent,
               int64_t complaints);

  // The rates a decision at `now` reads; each absent when nothing was sent.
  // Reading drops the buckets that left the window.
  Signals SignalsFor(absl::string_view campaign, absl::string_view domain,
                     const ComplaintGuard& guard, Minute now) override;
  // Every campaign and domain with sends in the window, most complained first.
  std::vector<ReputationRow> Report(const ComplaintGuard& guard, Minute now) override;

 private:
  struct Counts {
    int64_t sent = 0;
    int64_t complaints = 0;
  };
  // Counts by hour (minute / 60), and their sum: a decision reads the sum
  // (less any hour after it) instead of adding up the window's hours.
  struct Buckets {
    std::map<int32_t, Counts> by_hour;
    Counts total;
  };
  struct Table {
    std::mutex mutex;
    absl::flat_hash_map<std::string, Buckets> keys ABSL_GUARDED_BY(mutex);
  };
  static void Count(Table& table, absl::string_view name, Minute at, bool complaint);
  static std::optional<ComplaintRate> RateOf(Table& table, absl::string_view name,
                                             const ComplaintGuard& guard, Minute now);
  static ComplaintRate Assess(Buckets& buckets, const ComplaintGuard& guard, Minute now);

  Table campaigns_;
  Table domains_;
};

}  // namespace tact
