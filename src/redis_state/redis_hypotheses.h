// Sellers' hypotheses (ports/hypotheses.h) on a Redis Cluster, shared by
// every node. Keys (tag {tact:y}: one slot, so that one script keeps a
// hypothesis and its indexes together; redis_state/redis_format.h):
//
//   {tact:y}n             the last id given (INCR)
//   {tact:y}v             hash: field the id (16 hex digits), value the
//                         hypothesis as store/hypothesis_codec.h encodes it
//   {tact:y}a:<account>   sorted set: the account's ids by written (unix ms)
//   {tact:y}l             hash: field "<account id>\n<seller>", value the id
//                         of the seller's latest for the account
//   {tact:y}f             hash: field the id, value its fingerprint (16 hex
//                         digits), read whole by Near
//
// Near reads every fingerprint (about 40 bytes each): hypotheses are written
// by people, a few a day per seller, and Near runs once per write.
//
// Thread safety: every method may be called from any thread; the client
// must outlive this object.
#pragma once

#include "ports/hypotheses.h"
#include "redis/cluster_client.h"

namespace tact {

class RedisHypotheses final : public Hypotheses {
 public:
  explicit RedisHypotheses(redis::ClusterClient& client);

  absl::StatusOr<uint64_t> Add(const Hypothesis& hypothesis) override;
  absl::StatusOr<std::optional<Hypothesis>> Latest(absl::string_view account_id,
                                                   absl::string_view seller) const override;
  absl::StatusOr<std::vector<Hypothesis>> ForAccount(absl::string_view account_id,
                                                     size_t limit) const override;
  absl::StatusOr<std::optional<Hypothesis>> NearestOther(uint64_t fingerprint, int max_distance,
                                                         absl::string_view account_id,
                                                         absl::string_view seller) const override;

 private:
  // The hypotheses with these ids (fields of {tact:y}v), in their order.
  absl::StatusOr<std::vector<Hypothesis>> Read(std::vector<std::string> fields) const;

  redis::ClusterClient& client_;
  const redis::Script add_;
};

}  // namespace tact
