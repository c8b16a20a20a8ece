#include "redis_state/redis_hypotheses.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "content/fingerprint.h"
#include "store/hypothesis_codec.h"

namespace tact {
namespace {

constexpr char kLastId[] = "{tact:y}n";
constexpr char kValues[] = "{tact:y}v";
constexpr char kAccountPrefix[] = "{tact:y}a:";
constexpr char kLatest[] = "{tact:y}l";
constexpr char kFingerprints[] = "{tact:y}f";

// KEYS: values, the account's set, latest, fingerprints. ARGV: id field,
// bytes, written ms, latest field, fingerprint. The seller's latest moves
// to this one unless theirs was written later (ids only grow, so a tie goes
// to the new one).
constexpr char kAdd[] = R"lua(
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
redis.call('HSET', KEYS[4], ARGV[1], ARGV[5])
local latest = redis.call('HGET', KEYS[3], ARGV[4])
if latest then
  local score = redis.call('ZSCORE', KEYS[2], latest)
  if score and tonumber(score) > tonumber(ARGV[3]) then return 0 end
end
redis.call('HSET', KEYS[3], ARGV[4], ARGV[1])
return 1
)lua";

std::string Field(uint64_t id) { return absl::StrCat(absl::Hex(id, absl::kZeroPad16)); }

std::string LatestField(absl::string_view account_id, absl::string_view seller) {
  return absl::StrCat(account_id, "\n", seller);
}

}  // namespace

RedisHypotheses::RedisHypotheses(redis::ClusterClient& client) : client_(client), add_(kAdd) {}

absl::StatusOr<uint64_t> RedisHypotheses::Add(const Hypothesis& hypothesis) {
  absl::StatusOr<redis::Reply> id = client_.Run({kLastId, {"INCR", kLastId}});
  if (!id.ok()) return id.status();
  if (absl::Status error = id->ErrorStatus("numbering a hypothesis"); !error.ok()) return error;
  Hypothesis kept = hypothesis;
  kept.id = static_cast<uint64_t>(id->integer);
  absl::StatusOr<redis::Reply> reply = client_.Run(add_.Call(
      {kValues, absl::StrCat(kAccountPrefix, kept.account_id), kLatest, kFingerprints},
      {Field(kept.id), EncodeHypothesis(kept), absl::StrCat(absl::ToUnixMillis(kept.written)),
       LatestField(kept.account_id, kept.seller), Field(kept.fingerprint)}));
  if (!reply.ok()) return reply.status();
  if (absl::Status error = reply->ErrorStatus("keeping a hypothesis"); !error.ok()) return error;
  return kept.id;
}

absl::StatusOr<std::vector<Hypothesis>> RedisHypotheses::Read(
    std::vector<std::string> fields) const {
  std::vector<Hypothesis> found;
  if (fields.empty()) return found;
  fields.insert(fields.begin(), {"HMGET", kValues});
  absl::StatusOr<redis::Reply> values = client_.Run({kValues, std::move(fields)});
  if (!values.ok()) return values.status();
  if (absl::Status error = values->ErrorStatus("reading hypotheses"); !error.ok()) return error;
  for (const redis::Reply& value : values->elements) {
    if (value.is_nil()) continue;
    absl::StatusOr<Hypothesis> hypothesis = DecodeHypothesis(value.text);
    if (!hypothesis.ok()) {
      return absl::DataLossError(absl::StrCat("redis: a hypothesis in ", kValues,
                                              " does not decode: ", hypothesis.status().message()));
    }
    found.push_back(*std::move(hypothesis));
  }
  return found;
}

absl::StatusOr<std::optional<Hypothesis>> RedisHypotheses::Latest(absl::string_view account_id,
                                                                  absl::string_view seller) const {
  absl::StatusOr<redis::Reply> id =
      client_.Run({kLatest, {"HGET", kLatest, LatestField(account_id, seller)}});
  if (!id.ok()) return id.status();
  if (absl::Status error = id->ErrorStatus("finding a hypothesis"); !error.ok()) return error;
  if (id->is_nil()) return std::nullopt;
  absl::StatusOr<std::vector<Hypothesis>> found = Read({id->text});
  if (!found.ok()) return found.status();
  if (found->empty()) return std::nullopt;
  return std::move(found->front());
}

absl::StatusOr<std::vector<Hypothesis>> RedisHypotheses::ForAccount(absl::string_view account_id,
                                                                    size_t limit) const {
  if (limit == 0) return std::vector<Hypothesis>{};
  const std::string key = absl::StrCat(kAccountPrefix, account_id);
  // By score, then by member (the ids' hex, so by id), both descending.
  absl::StatusOr<redis::Reply> ids =
      client_.Run({key, {"ZRANGE", key, "0", absl::StrCat(limit - 1), "REV"}});
  if (!ids.ok()) return ids.status();
  if (absl::Status error = ids->ErrorStatus("listing hypotheses"); !error.ok()) return error;
  std::vector<std::string> fields;
  for (const redis::Reply& id : ids->elements) fields.push_back(id.text);
  return Read(std::move(fields));
}

absl::StatusOr<std::optional<Hypothesis>> RedisHypotheses::NearestOther(
    uint64_t fingerprint, int max_distance, absl::string_view account_id,
    absl::string_view seller) const {
  absl::StatusOr<redis::Reply> all = client_.Run({kFingerprints, {"HGETALL", kFingerprints}});
  if (!all.ok()) return all.status();
  if (absl::Status error = all->ErrorStatus("reading fingerprints"); !error.ok()) return error;
  // (distance, field): fields are the ids' zero-padded hex, so they sort by id.
  std::vector<std::pair<int, std::string>> near;
  for (size_t i = 0; i + 1 < all->elements.size(); i += 2) {
    uint64_t theirs = 0;
    if (absl::SimpleHexAtoi(all->elements[i + 1].text, &theirs) &&
        SameText(theirs, fingerprint, max_distance)) {
      near.emplace_back(HammingDistance(theirs, fingerprint), all->elements[i].text);
    }
  }
  std::sort(near.begin(), near.end());
  // Nearest first, a few at a time: the seller's own for the account are
  // rarely many.
  constexpr size_t kBatch = 16;
  for (size_t from = 0; from < near.size(); from += kBatch) {
    std::vector<std::string> fields;
    for (size_t i = from; i < std::min(near.size(), from + kBatch); ++i) {
      fields.push_back(near[i].second);
    }
    absl::StatusOr<std::vector<Hypothesis>> read = Read(std::move(fields));
    if (!read.ok()) return read.status();
    for (Hypothesis& one : *read) {
      if (one.account_id != account_id || one.seller != seller) return std::move(one);
    }
  }
  return std::nullopt;
}

}  // namespace tact
