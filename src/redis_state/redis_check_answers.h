// The first answers to checks (ports/check_answers.h) on a Redis Cluster,
// shared by every node: a message rendered several times is decided once
// whichever nodes its renders reach. A send's answer is one key in the
// slot of its person ({T}k:<send>, redis_state/redis_format.h): "" while a
// node decides it (a lease of `wait`, so a node that dies deciding frees
// it), then the answer, expiring after `window`.
//
// Thread safety: every method may be called from any thread; the client
// must outlive this object.
#pragma once

#include "ports/check_answers.h"
#include "redis/cluster_client.h"

namespace tact {

class RedisCheckAnswers final : public CheckAnswers {
 public:
  RedisCheckAnswers(redis::ClusterClient& client, CheckAnswersOptions options);

  absl::StatusOr<std::optional<CheckAnswer>> Claim(absl::string_view person_id,
                                                   const std::string& send,
                                                   absl::Time now) override;
  absl::Status Give(absl::string_view person_id, const std::string& send, const CheckAnswer& answer,
                    absl::Time now) override;
  void Drop(absl::string_view person_id, const std::string& send) override;

 private:
  redis::ClusterClient& client_;
  const CheckAnswersOptions options_;
  const redis::Script claim_, drop_;
};

}  // namespace tact
