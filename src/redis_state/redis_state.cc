#include "redis_state/redis_state.h"

#include <random>
#include <utility>

#include "absl/strings/str_cat.h"
#include "redis_state/redis_format.h"

namespace tact {

RedisState::RedisState(std::unique_ptr<redis::ClusterClient> client,
                       const RedisStateOptions& options)
    : client_(std::move(client)),
      records(*client_, options.records),
      histories(records),
      profiles(*client_, records),
      ledger(*client_),
      event_ids(*client_, options.event_window),
      counts(*client_, options.counts),
      persistence(*client_, options.wait_replicas, options.wait_timeout),
      policy(*client_, persistence) {}

absl::StatusOr<std::unique_ptr<RedisState>> RedisState::Open(RedisStateOptions options) {
  auto client = redis::ClusterClient::Connect(options.cluster);
  if (!client.ok()) return client.status();
  std::unique_ptr<RedisState> state(new RedisState(*std::move(client), options));
  if (absl::Status started = state->counts.Start(); !started.ok()) return started;
  return state;
}

absl::StatusOr<std::string> RedisState::GetOrCreateSecret(const std::string& name,
                                                          std::optional<std::string> proposed) {
  const std::string key = redis_format::SecretKey(name);
  std::string secret = proposed.value_or(std::string(32, '\0'));
  if (!proposed) {
    std::random_device random;
    for (char& byte : secret) byte = static_cast<char>(random());
  }
  // SET NX GET: stores ours only when there is none, and answers the one kept.
  absl::StatusOr<redis::Reply> reply = client_->Run({key, {"SET", key, secret, "NX", "GET"}});
  if (!reply.ok()) return reply.status();
  if (absl::Status error = reply->ErrorStatus("reading a shared secret"); !error.ok()) {
    return error;
  }
  return reply->is_nil() ? secret : std::move(reply->text);
}

}  // namespace tact
