#include "redis/node_links.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace tact::redis {
namespace {

constexpr absl::Duration kFirstBackoff = absl::Milliseconds(10);

}  // namespace

absl::StatusOr<Connection*> NodeLinks::Get(const Endpoint& node, absl::Time now) {
  Link& link = links_[node.ToString()];
  if (link.connection != nullptr && !link.connection->broken()) return link.connection.get();
  link.connection.reset();
  if (now < link.retry_at) {
    return absl::UnavailableError(
        absl::StrCat("redis: ", node.ToString(), " is backing off (", link.last_error, ")"));
  }
  absl::StatusOr<std::unique_ptr<Connection>> opened = Connection::Open(node, options_);
  if (!opened.ok()) {
    counters_.failures.fetch_add(1);
    link.backoff = std::clamp(link.backoff * 2, kFirstBackoff, options_.max_backoff);
    link.retry_at = now + link.backoff;
    link.last_error = std::string(opened.status().message());
    return opened.status();
  }
  counters_.connects.fetch_add(1);
  link.backoff = absl::ZeroDuration();
  link.retry_at = absl::InfinitePast();
  link.connection = *std::move(opened);
  return link.connection.get();
}

}  // namespace tact::redis
