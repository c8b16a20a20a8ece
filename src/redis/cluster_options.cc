#include "redis/cluster_options.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace tact::redis {
namespace {

absl::StatusOr<Endpoint> ParseEndpoint(absl::string_view text) {
  size_t colon = text.rfind(':');
  Endpoint endpoint;
  if (colon == absl::string_view::npos || colon == 0 ||
      !absl::SimpleAtoi(text.substr(colon + 1), &endpoint.port) || endpoint.port <= 0 ||
      endpoint.port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("redis address: '", text, "' is not host:port (e.g. 10.0.0.5:6379)"));
  }
  endpoint.host = std::string(text.substr(0, colon));
  return endpoint;
}

absl::Status ParseParameter(absl::string_view pair, ClusterOptions& options) {
  std::pair<absl::string_view, absl::string_view> name_value = absl::StrSplit(pair, '=');
  const auto& [name, value] = name_value;
  absl::Duration* target = nullptr;
  if (name == "connect_timeout_ms") target = &options.connect_timeout;
  if (name == "command_timeout_ms") target = &options.command_timeout;
  if (name == "retry_budget_ms") target = &options.retry_budget;
  if (name == "max_backoff_ms") target = &options.max_backoff;
  if (target == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "redis address: unknown parameter '", name,
        "' (known: connect_timeout_ms, command_timeout_ms, retry_budget_ms, max_backoff_ms)"));
  }
  int64_t milliseconds = 0;
  if (!absl::SimpleAtoi(value, &milliseconds) || milliseconds <= 0 || milliseconds > 600000) {
    return absl::InvalidArgumentError(
        absl::StrCat("redis address: ", name,
                     " must be a number of milliseconds in 1..600000, not '", value, "'"));
  }
  *target = absl::Milliseconds(milliseconds);
  return absl::OkStatus();
}

}  // namespace

std::string Endpoint::ToString() const { return absl::StrCat(host, ":", port); }

absl::StatusOr<ClusterOptions> ParseClusterUrl(absl::string_view url) {
  ClusterOptions options;
  absl::string_view rest = url;
  if (!absl::ConsumePrefix(&rest, "redis://")) {
    return absl::InvalidArgumentError(absl::StrCat(
        "redis address: '", url, "' must start with redis:// (e.g. redis://10.0.0.5:6379)"));
  }
  std::pair<absl::string_view, absl::string_view> nodes_query = absl::StrSplit(rest, '?');
  absl::string_view nodes = nodes_query.first;
  if (size_t at = nodes.rfind('@'); at != absl::string_view::npos) {
    absl::string_view credentials = nodes.substr(0, at);
    nodes = nodes.substr(at + 1);
    size_t colon = credentials.find(':');
    if (colon == absl::string_view::npos) {
      return absl::InvalidArgumentError(
          "redis address: credentials are user:password@ or :password@");
    }
    options.user = std::string(credentials.substr(0, colon));
    options.password = std::string(credentials.substr(colon + 1));
  }
  nodes = absl::StripSuffix(nodes, "/");
  for (absl::string_view node : absl::StrSplit(nodes, ',')) {
    absl::StatusOr<Endpoint> endpoint = ParseEndpoint(node);
    if (!endpoint.ok()) return endpoint.status();
    options.seeds.push_back(*std::move(endpoint));
  }
  if (!nodes_query.second.empty()) {
    for (absl::string_view pair : absl::StrSplit(nodes_query.second, '&')) {
      if (absl::Status status = ParseParameter(pair, options); !status.ok()) return status;
    }
  }
  return options;
}

std::string RedactedUrl(const ClusterOptions& options) {
  std::string credentials;
  if (!options.password.empty()) credentials = absl::StrCat(options.user, ":***@");
  return absl::StrCat("redis://", credentials,
                      absl::StrJoin(options.seeds, ",", [](std::string* out, const Endpoint& e) {
                        out->append(e.ToString());
                      }));
}

}  // namespace tact::redis
