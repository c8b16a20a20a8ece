// Counters and histograms for GET /metrics, in the Prometheus text format:
//   tact_http_requests_total{route,status}
//   tact_http_request_duration_seconds{route}   (histogram)
//   tact_decisions_total{outcome}
//   tact_decision_reasons_total{rule}           (each reason of each decision)
//   tact_events_total{type}
//   tact_policy_reloads_total{result}
//   tact_decide_groups_total, tact_decide_group_touches_total
//   tact_consent_changes_ignored_total           (older than the last change)
//   tact_webhook_items_total{provider,result}
// plus the gauges the caller passes to Render.
//
// Each thread counts into its own shard (no contention on the hot path);
// Render sums the shards.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/time/time.h"
#include "core/decision.h"
#include "events/event.h"
#include "governor/observer.h"
#include "server/routes.h"

namespace tact {

class Metrics : public GovernorObserver {
 public:
  // Upper bounds of the latency histogram's buckets, in seconds.
  static constexpr std::array<double, 14> kLatencyBuckets = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

  Metrics();
  ~Metrics() override;

  // `route` is null for requests no route matched.
  void CountRequest(const Route* route, int status, absl::Duration latency);
  void CountDecision(const Decision& decision);
  void CountEvent(EventType type);
  void CountPolicyReload(bool accepted);
  // Touches decided together (GovernorObserver::OnDecidedTogether).
  void CountDecidedTogether(size_t touches);
  // An event's consent change that arrived after a newer opposite one.
  void CountIgnoredConsentChange();
  void CountWebhookItems(absl::string_view provider, absl::string_view result, int count);
  // A callback about a held touch (server/held_releaser.h): "delivered",
  // "failed", "dead" or "skipped".
  void CountCallback(absl::string_view tool, absl::string_view result);
  // A request the shared state failed (GovernorObserver::OnStateFailure).
  void CountStateFailure(absl::string_view stage, const absl::Status& status);

  // What the Governor observes.
  void OnDecision(const Decision& decision) override { CountDecision(decision); }
  void OnEvent(EventType type) override { CountEvent(type); }
  void OnIgnoredConsentChange() override { CountIgnoredConsentChange(); }
  void OnPolicyReload(bool accepted) override { CountPolicyReload(accepted); }
  void OnDecidedTogether(size_t touches) override { CountDecidedTogether(touches); }
  void OnStateFailure(absl::string_view stage, const absl::Status& status) override {
    CountStateFailure(stage, status);
  }

  // A value read when /metrics is asked for: a gauge, or a counter kept
  // elsewhere (`counter`, its name ending in _total).
  struct Gauge {
    std::string name;  // e.g. "tact_people"
    std::string help;
    double value = 0;
    bool counter = false;
    std::string labels;  // e.g. state="held"; gauges of one name are listed together
  };
  std::string Render(const std::vector<Gauge>& gauges) const;

  // Latency is kept per route, and for requests that matched none.
  static constexpr int kRouteSlots = kRouteCount + 1;  // the last: unmatched

 private:
  struct Shard;
  Shard& Local();

  mutable std::mutex shards_mutex_;
  std::vector<std::unique_ptr<Shard>> shards_ ABSL_GUARDED_BY(shards_mutex_);
  const uint64_t id_;  // tells instances apart in thread caches
};

}  // namespace tact
