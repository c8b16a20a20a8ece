// Dispatches a request to its route: matches method and path, checks the
// bearer token's scope, calls the Service and counts the request in Metrics.
// 404 for unknown paths, 405 (with Allow) for known paths and other methods.
//
// Thread safety: Handle may be called from any thread.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/auth.h"
#include "server/check_request.h"
#include "server/metrics.h"
#include "server/routes.h"
#include "server/service.h"
#include "server/static_files.h"

namespace tact {

// The largest bodies the routes that need no token take: providers' webhook
// batches, and a one-click unsubscribe's form.
inline constexpr size_t kWebhookBodyBytes = 4 << 20;
inline constexpr size_t kUnsubscribeBodyBytes = 4 << 10;
inline constexpr size_t kPreferenceFormBodyBytes = 16 << 10;
// The largest body of a /v1/check request signed by a tool (HubSpot's
// workflow webhook: the enrolled contact) instead of carrying a token.
inline constexpr size_t kSignedCheckBodyBytes = 256 << 10;

struct ApiRequest {
  absl::string_view method;
  absl::string_view target;  // path and query, as sent
  absl::string_view authorization;
  std::string_view body;
  // Any header's value by name (case-insensitive; "" when absent), read by
  // the webhook route.
  absl::FunctionRef<absl::string_view(absl::string_view name)> header = NoHeader;
  absl::string_view remote;  // the caller's address (for the pages' rate limits)
};

struct ApiResult {
  HttpResponse response;
  const Route* route = nullptr;  // null when no route matched
  std::string token;             // the caller's token name, when one was checked
};

class Api {
 public:
  // `tokens` null: no route needs a token (loopback demos only).
  // `dashboard` null: GET / says how to build the dashboard.
  Api(Service& service, Metrics& metrics, const TokenRegistry* tokens,
      std::function<std::vector<Metrics::Gauge>()> gauges, const StaticFiles* dashboard = nullptr);

  ApiResult Handle(const ApiRequest& request);

  // What can be decided on a request's header alone, before its body is
  // read, so that nobody without a token can make the server hold a body:
  // an unknown path or method, or a missing or wrong token, is answered
  // at once (`refused`); otherwise `body_limit` is the route's largest body
  // (routes anyone may call take small ones).
  struct Admission {
    std::optional<ApiResult> refused;
    size_t body_limit = 0;
  };
  // `tool_signature`: the request's X-HubSpot-Signature-v3, which stands
  // for a token on /v1/check (verified with the body, which is then at most
  // kSignedCheckBodyBytes).
  Admission Admit(absl::string_view method, absl::string_view target,
                  absl::string_view authorization, size_t max_body_bytes,
                  absl::string_view tool_signature = {});

  // Calls `send` when the result may be sent (after the changes it
  // acknowledges are durable), with a 503 in its place if they cannot be.
  // `send` may run on another thread.
  void WhenSendable(ApiResult result, std::function<void(ApiResult)> send);

  // After this, /readyz answers 503 so load balancers stop sending work.
  void SetDraining() { draining_.store(true); }

 private:
  // `token`: the caller's token name ("" when none was checked).
  HttpResponse Dispatch(const Route& route, const std::string& id, const ApiRequest& request,
                        absl::string_view token);
  // Whether the request stands on a tool's signature instead of a token.
  bool SignedByTool(const Route& route, absl::string_view authorization,
                    absl::string_view tool_signature) const;
  // GET /metrics: the counters and the state gauges, in Prometheus text.
  HttpResponse MetricsPage() const;
  // GET /readyz: 503 while draining or while storage takes no writes.
  HttpResponse Readiness() const;

  Service& service_;
  Metrics& metrics_;
  const TokenRegistry* tokens_;
  std::function<std::vector<Metrics::Gauge>()> gauges_;
  const StaticFiles* dashboard_;
  std::atomic<bool> draining_{false};
};

}  // namespace tact
