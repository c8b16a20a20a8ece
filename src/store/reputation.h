// Rolling send and spam-complaint counts per campaign and per sending domain,
// kept as touches are sent and complaints arrive (never by scanning), in
// hourly buckets over the policy's reputation window. Feeds the complaint
// guard (rules/reputation.h) and the reports.
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

namespace tact {

class ReputationTracker {
 public:
  // A send or a complaint about a touch sent at `sent_at`; empty names are
  // not counted.
  void CountSend(absl::string_view campaign, absl::string_view domain, Minute sent_at);
  void CountComplaint(absl::string_view campaign, absl::string_view domain, Minute sent_at);

  // The rates a decision at `now` reads; each absent when nothing was sent.
  // Reading drops the buckets that left the window.
  Signals SignalsFor(absl::string_view campaign, absl::string_view domain,
                     const ComplaintGuard& guard, Minute now);

  struct Row {
    std::string scope;  // "campaign" or "domain"
    std::string name;
    ComplaintRate rate;
    bool throttled = false;
  };
  // Every campaign and domain with sends in the window, most complained first.
  std::vector<Row> Report(const ComplaintGuard& guard, Minute now);

 private:
  struct Counts {
    int64_t sent = 0;
    int64_t complaints = 0;
  };
  using Buckets = std::map<int32_t, Counts>;  // by hour (minute / 60)
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
