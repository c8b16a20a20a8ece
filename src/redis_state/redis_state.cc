#include "redis_state/redis_state.h"

#include <random>
#include <utility>

#include "absl/strings/numbers.h"
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
      policy(*client_, persistence),
      check_answers(*client_, CheckAnswersOptions{}),
      held(*client_, options.held_lease),
      hypotheses(*client_) {}

absl::StatusOr<std::unique_ptr<RedisState>> RedisState::Open(RedisStateOptions options) {
  auto client = redis::ClusterClient::Connect(options.cluster);
  if (!client.ok()) return client.status();
  std::unique_ptr<RedisState> state(new RedisState(*std::move(client), options));
  if (absl::Status format = state->CheckFormat(); !format.ok()) return format;
  if (absl::Status started = state->counts.Start(); !started.ok()) return started;
  state->advice_ = state->ReadAdvice();
  return state;
}

absl::Status RedisState::CheckFormat() {
  const std::string key = redis_format::kFormatKey;
  // SET NX GET: stamps an empty cluster with this format, and answers the
  // format of one already in use.
  absl::StatusOr<redis::Reply> reply =
      client_->Run({key, {"SET", key, redis_format::kFormat, "NX", "GET"}});
  if (!reply.ok()) return reply.status();
  if (absl::Status error = reply->ErrorStatus("reading the state's format"); !error.ok()) {
    return error;
  }
  if (!reply->is_nil() && reply->text != redis_format::kFormat) {
    return absl::FailedPreconditionError(
        absl::StrCat("the cluster holds tact's state in format ", reply->text, " (", key,
                     "), and this tact reads and writes format ", redis_format::kFormat,
                     ": run the tact that wrote it, or move the state with tact admin migrate"));
  }
  return absl::OkStatus();
}

std::vector<std::string> RedisState::ReadAdvice() {
  std::vector<std::string> advice;
  auto limits = client_->RunOnEveryMaster({"CONFIG", "GET", "hash-max-listpack-value"});
  if (!limits.ok()) return advice;  // CONFIG may be renamed or denied: nothing to say
  for (const auto& [master, reply] : *limits) {
    int64_t limit = 0;
    if (reply.elements.size() != 2 || !absl::SimpleAtoi(reply.elements[1].text, &limit) ||
        limit >= kAdvisedListpackValue) {
      continue;
    }
    advice.push_back(absl::StrCat(
        "the master ", master.ToString(), " has hash-max-listpack-value ", limit,
        "; people's records longer than that cost about 100 bytes more each (set it to ",
        kAdvisedListpackValue, ", docs/operations.md)"));
  }
  return advice;
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
