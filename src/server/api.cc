#include "server/api.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace tact {

Api::Api(Service& service, Metrics& metrics, const TokenRegistry* tokens,
         std::function<std::vector<Metrics::Gauge>()> gauges, const StaticFiles* dashboard)
    : service_(service),
      metrics_(metrics),
      tokens_(tokens),
      gauges_(std::move(gauges)),
      dashboard_(dashboard) {}

ApiResult Api::Handle(const ApiRequest& request) {
  const absl::Time start = absl::Now();
  ApiResult result;
  auto match = MatchRoute(request.method, request.target);
  if (!match.ok()) {
    result.response = HttpResponse::Error(
        {400, "invalid", absl::StrCat("path: ", match.status().message()), "path"});
  } else if (match->route == nullptr && !match->allowed.empty()) {
    result.response = HttpResponse::Error(
        {405, "method_not_allowed",
         absl::StrCat(request.method, " is not allowed here; use ", match->allowed), "method"});
    result.response.allow = match->allowed;
  } else if (match->route == nullptr) {
    const absl::string_view path = request.target.substr(0, request.target.find('?'));
    result.response = HttpResponse::Error(
        {404, "not_found", absl::StrCat("no route ", path, "; see docs/api.md"), "path"});
  } else {
    result.route = match->route;
    ApiError denied;
    if (SignedByTool(*result.route, request.authorization,
                     request.header(kHubSpotSignatureHeader))) {
      if (absl::Status verified =
              service_.VerifyHubSpot(request.method, request.target, request.body, request.header);
          verified.ok()) {
        result.token = "hubspot";
      } else {
        denied = {401, "unauthorized", std::string(verified.message()), kHubSpotSignatureHeader};
        result.response = HttpResponse::Error(denied);
      }
    } else if (tokens_ != nullptr && !result.route->scopes.empty()) {
      auto token = Authorize(*tokens_, request.authorization, result.route->scopes, &denied);
      if (token.ok()) {
        result.token = *std::move(token);
      } else {
        result.response = HttpResponse::Error(denied);
      }
    }
    if (!denied.code.empty()) {
    } else if (absl::Status storage = service_.StorageHealth();
               result.route->writes && !storage.ok()) {
      // Nothing is decided or applied that could not be kept; reads go on.
      result.response = HttpResponse::Error(
          {503, "storage_unavailable",
           absl::StrCat("tact takes no changes now and nothing was recorded; retry later: ",
                        storage.message()),
           "", kStorageRetryAfterSeconds});
    } else {
      result.response = Dispatch(*result.route, match->id, request, result.token);
    }
  }
  metrics_.CountRequest(result.route, result.response.status, absl::Now() - start);
  return result;
}

bool Api::SignedByTool(const Route& route, absl::string_view authorization,
                       absl::string_view tool_signature) const {
  return route.id == RouteId::kCheck && authorization.empty() && !tool_signature.empty() &&
         service_.TakesHubSpotSignatures();
}

Api::Admission Api::Admit(absl::string_view method, absl::string_view target,
                          absl::string_view authorization, size_t max_body_bytes,
                          absl::string_view tool_signature) {
  Admission admission;
  admission.body_limit = max_body_bytes;
  auto match = MatchRoute(method, target);
  if (!match.ok() || match->route == nullptr) {
    // Answered by Handle as it is (400, 404, 405), without the body.
    admission.refused = Handle({method, target, authorization, {}});
    return admission;
  }
  const Route& route = *match->route;
  if (route.id == RouteId::kWebhook)
    admission.body_limit = std::min(max_body_bytes, kWebhookBodyBytes);
  if (route.id == RouteId::kUnsubscribe) {
    admission.body_limit = std::min(max_body_bytes, kUnsubscribeBodyBytes);
  }
  if (route.id == RouteId::kPreferenceForm) {
    admission.body_limit = std::min(max_body_bytes, kPreferenceFormBodyBytes);
  }
  if (SignedByTool(route, authorization, tool_signature)) {
    admission.body_limit = std::min(max_body_bytes, kSignedCheckBodyBytes);
    return admission;  // the signature is checked with the body (Handle)
  }
  if (tokens_ != nullptr && !route.scopes.empty()) {
    ApiError denied;
    if (!Authorize(*tokens_, authorization, route.scopes, &denied).ok()) {
      const absl::Time start = absl::Now();
      ApiResult refused;
      refused.route = &route;
      refused.response = HttpResponse::Error(denied);
      metrics_.CountRequest(refused.route, refused.response.status, absl::Now() - start);
      admission.refused = std::move(refused);
    }
  }
  return admission;
}

void Api::WhenSendable(ApiResult result, std::function<void(ApiResult)> send) {
  if (!result.response.durable_after) return send(std::move(result));
  auto pending = std::make_shared<ApiResult>(std::move(result));
  service_.WhenDurable(pending->response, [pending, send = std::move(send)](absl::Status durable) {
    if (!durable.ok()) {
      pending->response =
          HttpResponse::Error({503, "storage_unavailable",
                               absl::StrCat("the change could not be made durable and is not "
                                            "acknowledged; retry later: ",
                                            durable.message()),
                               "", kStorageRetryAfterSeconds});
    }
    send(std::move(*pending));
  });
}

HttpResponse Api::MetricsPage() const {
  HttpResponse response{200, metrics_.Render(gauges_ ? gauges_() : std::vector<Metrics::Gauge>{})};
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
  return response;
}

HttpResponse Api::Readiness() const {
  if (draining_.load()) {
    return HttpResponse::Error(
        {503, "draining", "the server is shutting down and takes no new work", ""});
  }
  if (absl::Status storage = service_.StorageHealth(); !storage.ok()) {
    return HttpResponse::Error({503, "storage_unavailable", std::string(storage.message()), "",
                                kStorageRetryAfterSeconds});
  }
  if (absl::Status state = service_.Probe(); !state.ok()) {
    return HttpResponse::Error(StateUnavailable(state));
  }
  return HttpResponse{200, "{\"status\":\"ready\"}"};
}

// Long: one case per route, each a call into the Service; splitting the
// switch would only scatter the table.
HttpResponse Api::Dispatch(const Route& route, const std::string& id, const ApiRequest& request,
                           absl::string_view token) {
  switch (route.id) {
    case RouteId::kDecide:
      return service_.Decide(request.target, request.body);
    case RouteId::kDecideBatch:
      return service_.DecideBatch(request.target, request.body);
    case RouteId::kCheck:
      return service_.Check({request.target, request.body, request.header("Content-Type")});
    case RouteId::kEvents:
      return service_.Events(request.body);
    case RouteId::kListHeld:
      return service_.ListHeld(request.target);
    case RouteId::kGetHeld:
      return service_.GetHeld(id);
    case RouteId::kCancelHeld:
      return service_.CancelHeld(id);
    case RouteId::kRetryHeld:
      return service_.RetryHeld(id);
    case RouteId::kFindPeople:
      return service_.FindPeople(request.target);
    case RouteId::kGetPerson:
      return service_.GetPerson(id);
    case RouteId::kPutPerson:
      return service_.PutPerson(id, request.body);
    case RouteId::kWhy:
      return service_.Why(id, request.target);
    case RouteId::kGetPreferences:
      return service_.GetPreferences(id);
    case RouteId::kPutPreferences:
      return service_.PutPreferences(id, request.body);
    case RouteId::kPutAccount:
      return service_.PutAccount(id, request.body);
    case RouteId::kAccountBrief:
      return service_.AccountBrief(id, request.target);
    case RouteId::kWriteHypothesis:
      return service_.WriteHypothesis(id, request.body);
    case RouteId::kListHypotheses:
      return service_.ListHypotheses(id, request.target);
    case RouteId::kPutPolicy:
      return service_.PutPolicy(request.body, token);
    case RouteId::kBackup:
      return service_.Backup(request.body);
    case RouteId::kWebhook:
      return service_.Webhook(id, WebhookRequest{request.target, request.body, request.header});
    case RouteId::kUnsubscribe:
      return service_.Unsubscribe(id, request.body);
    case RouteId::kUnsubscribePage:
      return service_.UnsubscribePage(id);
    case RouteId::kPreferencePage:
      return service_.PreferencePage(
          id, PageRequest{request.target, request.body, request.header, request.remote});
    case RouteId::kPreferenceForm:
      return service_.PreferenceForm(
          id, PageRequest{request.target, request.body, request.header, request.remote});
    case RouteId::kReputation:
      return service_.ReputationReport();
    case RouteId::kOverview:
      return service_.MirrorReport(request.target, Service::MirrorView::kOverview);
    case RouteId::kLeague:
      return service_.MirrorReport(request.target, Service::MirrorView::kLeague);
    case RouteId::kHeldBack:
      return service_.HeldBackReport(request.target);
    case RouteId::kDistribution:
      return service_.MirrorReport(request.target, Service::MirrorView::kDistribution);
    case RouteId::kCollisions:
      return service_.MirrorReport(request.target, Service::MirrorView::kCollisions);
    case RouteId::kControl:
      return service_.MirrorReport(request.target, Service::MirrorView::kControl);
    case RouteId::kNames:
      return service_.MirrorReport(request.target, Service::MirrorView::kNames);
    case RouteId::kPolicyVersions:
      return service_.PolicyVersions(request.target);
    case RouteId::kGetPolicy:
      return service_.GetPolicy();
    case RouteId::kDashboard:
      return dashboard_ ? dashboard_->Serve("index.html") : StaticFiles::NotBuilt();
    case RouteId::kDashboardAsset:
      return dashboard_ ? dashboard_->Serve(absl::StrCat("assets/", id)) : StaticFiles::NotBuilt();
    case RouteId::kMetrics:
      return MetricsPage();
    case RouteId::kHealthz:
      return HttpResponse{200, "{\"status\":\"ok\"}"};
    case RouteId::kReadyz:
      return Readiness();
  }
  return HttpResponse::Error({404, "not_found", "no such route", "path"});
}

}  // namespace tact
