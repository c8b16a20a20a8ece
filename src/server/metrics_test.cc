#include "server/metrics.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace tact {
namespace {

bool Has(const std::string& text, const std::string& line) {
  return text.find(line + "\n") != std::string::npos;
}

TEST(MetricsTest, SumsEveryThreadsCounts) {
  Metrics metrics;
  const Route* decide = &AllRoutes()[static_cast<int>(RouteId::kDecide)];
  std::vector<std::thread> threads;
  for (int thread = 0; thread < 4; ++thread) {
    threads.emplace_back([&] {
      for (int index = 0; index < 100; ++index) {
        metrics.CountRequest(decide, 200, absl::Microseconds(300));
        Decision decision;
        decision.outcome = Outcome::kDefer;
        decision.reasons.push_back(Reason{.code = ReasonCode::kQuietHours, .rule = "quiet_hours"});
        metrics.CountDecision(decision);
      }
      metrics.CountEvent(EventType::kOpened);
    });
  }
  for (std::thread& thread : threads) thread.join();
  metrics.CountRequest(nullptr, 404, absl::Milliseconds(2));
  metrics.CountPolicyReload(false);

  const std::string text = metrics.Render({{"tact_people", "People with a profile.", 12}});
  EXPECT_TRUE(Has(text, "tact_http_requests_total{route=\"/v1/decide\",status=\"200\"} 400"));
  EXPECT_TRUE(Has(text, "tact_http_requests_total{route=\"unmatched\",status=\"404\"} 1"));
  // 300 µs falls in the 0.0005 bucket, not the 0.00025 one.
  EXPECT_TRUE(Has(
      text, "tact_http_request_duration_seconds_bucket{route=\"/v1/decide\",le=\"0.00025\"} 0"));
  EXPECT_TRUE(Has(
      text, "tact_http_request_duration_seconds_bucket{route=\"/v1/decide\",le=\"0.0005\"} 400"));
  EXPECT_TRUE(
      Has(text, "tact_http_request_duration_seconds_bucket{route=\"/v1/decide\",le=\"+Inf\"} 400"));
  EXPECT_TRUE(Has(text, "tact_http_request_duration_seconds_count{route=\"/v1/decide\"} 400"));
  EXPECT_TRUE(Has(text, "tact_decisions_total{outcome=\"defer\"} 400"));
  EXPECT_TRUE(Has(text, "tact_decisions_total{outcome=\"send\"} 0"));
  EXPECT_TRUE(Has(text, "tact_decision_reasons_total{rule=\"quiet_hours\"} 400"));
  EXPECT_TRUE(Has(text, "tact_events_total{type=\"opened\"} 4"));
  EXPECT_TRUE(Has(text, "tact_policy_reloads_total{result=\"refused\"} 1"));
  EXPECT_TRUE(Has(text, "# TYPE tact_people gauge"));
  EXPECT_TRUE(Has(text, "tact_people 12"));
}

TEST(MetricsTest, InstancesDoNotShareCounts) {
  Metrics first;
  Metrics second;
  first.CountEvent(EventType::kClicked);
  second.CountEvent(EventType::kReplied);
  first.CountEvent(EventType::kClicked);
  EXPECT_TRUE(Has(first.Render({}), "tact_events_total{type=\"clicked\"} 2"));
  EXPECT_TRUE(Has(first.Render({}), "tact_events_total{type=\"replied\"} 0"));
  EXPECT_TRUE(Has(second.Render({}), "tact_events_total{type=\"clicked\"} 0"));
}

}  // namespace
}  // namespace tact
