#include "server/metrics.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <numeric>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace tact {

struct Metrics::Shard {
  std::mutex mutex;  // taken by its own thread and by Render only
  absl::flat_hash_map<std::pair<int, int>, uint64_t> requests;  // (route slot, status)
  std::array<std::array<uint64_t, kLatencyBuckets.size() + 1>, kRouteSlots> latency{};
  std::array<double, kRouteSlots> latency_sum{};
  std::array<uint64_t, 3> outcomes{};
  absl::flat_hash_map<std::string, uint64_t> reasons;
  std::array<uint64_t, kEventTypeCount> events{};
  std::array<uint64_t, 2> reloads{};  // refused, accepted
  uint64_t groups = 0, group_touches = 0;
  uint64_t ignored_consent_changes = 0;
  absl::flat_hash_map<std::string, uint64_t> webhook_items;   // "provider\0result"
  absl::flat_hash_map<std::string, uint64_t> callbacks;       // "tool\0result"
  absl::flat_hash_map<std::string, uint64_t> state_failures;  // "stage\0code"
};

namespace {

std::atomic<uint64_t> next_metrics_id{1};

// The shards this thread counts into, by Metrics instance id (ids are never
// reused, so an entry of a destroyed instance is never looked up again).
thread_local absl::flat_hash_map<uint64_t, void*> local_shards;

std::string Escape(absl::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

void Header(std::string& out, absl::string_view name, absl::string_view type,
            absl::string_view help) {
  absl::StrAppend(&out, "# HELP ", name, " ", help, "\n# TYPE ", name, " ", type, "\n");
}

// Shortest form that reads back: bucket bounds print as written ("0.00025").
std::string Number(double value) { return absl::StrFormat("%.15g", value); }

}  // namespace

Metrics::Metrics() : id_(next_metrics_id.fetch_add(1)) {}
Metrics::~Metrics() = default;

Metrics::Shard& Metrics::Local() {
  void*& shard = local_shards[id_];
  if (shard == nullptr) {
    std::lock_guard<std::mutex> lock(shards_mutex_);
    shards_.push_back(std::make_unique<Shard>());
    shard = shards_.back().get();
  }
  return *static_cast<Shard*>(shard);
}

void Metrics::CountRequest(const Route* route, int status, absl::Duration latency) {
  const int slot = route ? static_cast<int>(route->id) : kRouteCount;
  const double seconds = absl::ToDoubleSeconds(latency);
  const size_t bucket = std::lower_bound(kLatencyBuckets.begin(), kLatencyBuckets.end(), seconds) -
                        kLatencyBuckets.begin();
  Shard& shard = Local();
  std::lock_guard<std::mutex> lock(shard.mutex);
  ++shard.requests[{slot, status}];
  ++shard.latency[slot][bucket];
  shard.latency_sum[slot] += seconds;
}

void Metrics::CountDecision(const Decision& decision) {
  Shard& shard = Local();
  std::lock_guard<std::mutex> lock(shard.mutex);
  ++shard.outcomes[static_cast<int>(decision.outcome)];
  for (const Reason& reason : decision.reasons) {
    auto found = shard.reasons.find(reason.rule);
    if (found == shard.reasons.end()) found = shard.reasons.emplace(reason.rule, 0).first;
    ++found->second;
  }
}

void Metrics::CountEvent(EventType type) {
  Shard& shard = Local();
  std::lock_guard<std::mutex> lock(shard.mutex);
  ++shard.events[static_cast<int>(type)];
}

void Metrics::CountWebhookItems(absl::string_view provider, absl::string_view result, int count) {
  if (count <= 0) return;
  Shard& shard = Local();
  std::lock_guard<std::mutex> lock(shard.mutex);
  shard.webhook_items[absl::StrCat(provider, absl::string_view("\0", 1), result)] += count;
}

void Metrics::CountCallback(absl::string_view tool, absl::string_view result) {
  Shard& shard = Local();
  std::lock_guard<std::mutex> lock(shard.mutex);
  ++shard.callbacks[absl::StrCat(tool, absl::string_view("\0", 1), result)];
}

void Metrics::CountPolicyReload(bool accepted) {
  Shard& shard = Local();
  std::lock_guard<std::mutex> lock(shard.mutex);
  ++shard.reloads[accepted ? 1 : 0];
}

void Metrics::CountDecidedTogether(size_t touches) {
  Shard& shard = Local();
  std::lock_guard<std::mutex> lock(shard.mutex);
  ++shard.groups;
  shard.group_touches += touches;
}

void Metrics::CountStateFailure(absl::string_view stage, const absl::Status& status) {
  Shard& shard = Local();
  std::lock_guard<std::mutex> lock(shard.mutex);
  ++shard.state_failures[absl::StrCat(
      stage, absl::string_view("\0", 1),
      absl::AsciiStrToLower(absl::StatusCodeToString(status.code())))];
}

void Metrics::CountIgnoredConsentChange() {
  Shard& shard = Local();
  std::lock_guard<std::mutex> lock(shard.mutex);
  ++shard.ignored_consent_changes;
}

namespace {

// The shards' counts summed (sorted maps: the output is stable for scrapers
// and diffs).
struct Totals {
  std::map<std::pair<int, int>, uint64_t> requests;
  std::array<std::array<uint64_t, Metrics::kLatencyBuckets.size() + 1>, Metrics::kRouteSlots>
      latency{};
  std::array<double, Metrics::kRouteSlots> latency_sum{};
  std::array<uint64_t, 3> outcomes{};
  std::map<std::string, uint64_t> reasons;
  std::array<uint64_t, kEventTypeCount> events{};
  std::array<uint64_t, 2> reloads{};
  uint64_t groups = 0, group_touches = 0;
  uint64_t ignored_consent_changes = 0;
  std::map<std::string, uint64_t> webhook_items;
  std::map<std::string, uint64_t> callbacks;
  std::map<std::string, uint64_t> state_failures;
};

absl::string_view RouteLabel(int slot) {
  return slot < kRouteCount ? AllRoutes()[slot].pattern : "unmatched";
}

// A counter with two labels, kept by "first\0second" (CountWebhookItems,
// CountCallback, CountStateFailure).
void RenderByTwoLabels(std::string& out, absl::string_view name, absl::string_view help,
                       absl::string_view first, absl::string_view second,
                       const std::map<std::string, uint64_t>& counts) {
  Header(out, name, "counter", help);
  for (const auto& [key, count] : counts) {
    const size_t nul = key.find('\0');
    absl::StrAppend(&out, name, "{", first, "=\"", Escape(key.substr(0, nul)), "\",", second, "=\"",
                    Escape(key.substr(nul + 1)), "\"} ", count, "\n");
  }
}

void RenderHttp(const Totals& totals, std::string& out) {
  Header(out, "tact_http_requests_total", "counter", "HTTP requests by route and status.");
  for (const auto& [key, count] : totals.requests) {
    absl::StrAppend(&out, "tact_http_requests_total{route=\"", RouteLabel(key.first),
                    "\",status=\"", key.second, "\"} ", count, "\n");
  }
  Header(out, "tact_http_request_duration_seconds", "histogram",
         "Time to handle a request once it is read, before its answer is written.");
  for (int slot = 0; slot < Metrics::kRouteSlots; ++slot) {
    const auto& buckets = totals.latency[slot];
    const uint64_t total = std::accumulate(buckets.begin(), buckets.end(), uint64_t{0});
    if (total == 0) continue;
    uint64_t cumulative = 0;
    for (size_t bucket = 0; bucket < Metrics::kLatencyBuckets.size(); ++bucket) {
      cumulative += buckets[bucket];
      absl::StrAppend(&out, "tact_http_request_duration_seconds_bucket{route=\"", RouteLabel(slot),
                      "\",le=\"", Number(Metrics::kLatencyBuckets[bucket]), "\"} ", cumulative,
                      "\n");
    }
    absl::StrAppend(&out, "tact_http_request_duration_seconds_bucket{route=\"", RouteLabel(slot),
                    "\",le=\"+Inf\"} ", total, "\n");
    absl::StrAppend(&out, "tact_http_request_duration_seconds_sum{route=\"", RouteLabel(slot),
                    "\"} ", Number(totals.latency_sum[slot]), "\n");
    absl::StrAppend(&out, "tact_http_request_duration_seconds_count{route=\"", RouteLabel(slot),
                    "\"} ", total, "\n");
  }
}

void RenderDecisionsAndEvents(const Totals& totals, std::string& out) {
  Header(out, "tact_decisions_total", "counter", "Decisions by outcome.");
  for (Outcome outcome : {Outcome::kSend, Outcome::kDefer, Outcome::kSuppress}) {
    absl::StrAppend(&out, "tact_decisions_total{outcome=\"", OutcomeName(outcome), "\"} ",
                    totals.outcomes[static_cast<int>(outcome)], "\n");
  }
  Header(out, "tact_decision_reasons_total", "counter",
         "Reasons given in decisions, by rule id (a decision may give several).");
  for (const auto& [rule, count] : totals.reasons) {
    absl::StrAppend(&out, "tact_decision_reasons_total{rule=\"", Escape(rule), "\"} ", count, "\n");
  }
  Header(out, "tact_events_total", "counter", "Events accepted, by type (duplicates excluded).");
  for (int index = 0; index < kEventTypeCount; ++index) {
    absl::StrAppend(&out, "tact_events_total{type=\"", EventTypeName(static_cast<EventType>(index)),
                    "\"} ", totals.events[index], "\n");
  }
  RenderByTwoLabels(
      out, "tact_webhook_items_total",
      "Webhook elements by provider and result: accepted, duplicate, ignored (a type tact does "
      "not map), unmatched (no touch or person found), invalid, unauthorized (whole requests).",
      "provider", "result", totals.webhook_items);
}

void RenderCallbacks(const Totals& totals, std::string& out) {
  RenderByTwoLabels(
      out, "tact_held_callbacks_total",
      "Callbacks about held touches, by tool and result: delivered, failed (to be retried), "
      "dead (failed the last attempt), skipped (an outcome the tool is not called about).",
      "tool", "result", totals.callbacks);
}

void RenderStateFailures(const Totals& totals, std::string& out) {
  RenderByTwoLabels(
      out, "tact_state_failures_total",
      "Requests the shared state failed, by stage (load, decide, event) and error (unavailable: "
      "not run; deadline_exceeded or unknown: maybe run; aborted: too many conflicts).",
      "stage", "error", totals.state_failures);
}

void RenderPolicyAndConsent(const Totals& totals, std::string& out) {
  Header(out, "tact_policy_reloads_total", "counter", "Policy reloads, accepted or refused.");
  absl::StrAppend(&out, "tact_policy_reloads_total{result=\"accepted\"} ", totals.reloads[1], "\n");
  absl::StrAppend(&out, "tact_policy_reloads_total{result=\"refused\"} ", totals.reloads[0], "\n");
  Header(out, "tact_decide_groups_total", "counter",
         "Groups of touches decided together, sharing the state's round trips.");
  absl::StrAppend(&out, "tact_decide_groups_total ", totals.groups, "\n");
  Header(out, "tact_decide_group_touches_total", "counter", "Touches decided in those groups.");
  absl::StrAppend(&out, "tact_decide_group_touches_total ", totals.group_touches, "\n");
  Header(out, "tact_consent_changes_ignored_total", "counter",
         "Consent changes (unsubscribes, resubscribes) dated before the last opposite change, "
         "arriving late; ignored.");
  absl::StrAppend(&out, "tact_consent_changes_ignored_total ", totals.ignored_consent_changes,
                  "\n");
}

}  // namespace

std::string Metrics::Render(const std::vector<Gauge>& gauges) const {
  Totals totals;
  {
    std::lock_guard<std::mutex> shards_lock(shards_mutex_);
    for (const auto& shard : shards_) {
      std::lock_guard<std::mutex> lock(shard->mutex);
      for (const auto& [key, count] : shard->requests) totals.requests[key] += count;
      for (int slot = 0; slot < kRouteSlots; ++slot) {
        for (size_t bucket = 0; bucket < totals.latency[slot].size(); ++bucket)
          totals.latency[slot][bucket] += shard->latency[slot][bucket];
        totals.latency_sum[slot] += shard->latency_sum[slot];
      }
      for (int index = 0; index < 3; ++index) totals.outcomes[index] += shard->outcomes[index];
      for (const auto& [rule, count] : shard->reasons) totals.reasons[rule] += count;
      for (int index = 0; index < kEventTypeCount; ++index)
        totals.events[index] += shard->events[index];
      for (int index = 0; index < 2; ++index) totals.reloads[index] += shard->reloads[index];
      totals.groups += shard->groups;
      totals.group_touches += shard->group_touches;
      totals.ignored_consent_changes += shard->ignored_consent_changes;
      for (const auto& [key, count] : shard->webhook_items) totals.webhook_items[key] += count;
      for (const auto& [key, count] : shard->callbacks) totals.callbacks[key] += count;
      for (const auto& [key, count] : shard->state_failures) totals.state_failures[key] += count;
    }
  }
  std::string out;
  RenderHttp(totals, out);
  RenderDecisionsAndEvents(totals, out);
  RenderPolicyAndConsent(totals, out);
  RenderStateFailures(totals, out);
  RenderCallbacks(totals, out);
  for (size_t i = 0; i < gauges.size(); ++i) {
    const Gauge& gauge = gauges[i];
    // Gauges of one name with labels come together, under one header.
    if (i == 0 || gauges[i - 1].name != gauge.name) {
      Header(out, gauge.name, gauge.counter ? "counter" : "gauge", gauge.help);
    }
    absl::StrAppend(&out, gauge.name, gauge.labels.empty() ? "" : "{", gauge.labels,
                    gauge.labels.empty() ? "" : "}", " ", Number(gauge.value), "\n");
  }
  return out;
}

}  // namespace tact
