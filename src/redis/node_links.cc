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
    ++opened_.failures;
    link.backoff = std::clamp(link.backoff * 2, kFirstBackoff, options_.max_backoff);
    link.retry_at = now + link.backoff;
    link.last_error = std::string(opened.status().message());
    return opened.status();
  }
  ++opened_.connects;
  link.backoff = absl::ZeroDuration();
  link.retry_at = absl::InfinitePast();
  link.connection = *std::move(opened);
  return link.connection.get();
}

void NodeLinks::Drop(const Endpoint& node) {
  auto found = links_.find(node.ToString());
  if (found != links_.end()) found->second.connection.reset();
}

NodeLinks::Opened NodeLinks::TakeOpened() { return std::exchange(opened_, Opened{}); }

}  // namespace tact::redis
