#include "server/service.h"

namespace tact {

HttpResponse HttpResponse::Error(const ApiError& error) {
  HttpResponse response{error.status, ErrorJson(error)};
  response.retry_after_seconds = error.retry_after_seconds;
  return response;
}

Service::Service(Governor& governor, Metrics& metrics, ServiceLimits limits, WebhookConfig webhooks,
                 PolicyFileReader policy_files)
    : governor_(governor),
      metrics_(metrics),
      limits_(limits),
      webhooks_(std::move(webhooks)),
      policy_files_(std::move(policy_files)) {}

}  // namespace tact
