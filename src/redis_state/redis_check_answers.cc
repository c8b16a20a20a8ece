#include "redis_state/redis_check_answers.h"

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "redis_state/redis_format.h"
#include "store/byte_codec.h"

namespace tact {
namespace {

// KEYS[1]: the send's key; ARGV[1]: the lease in milliseconds. The answer
// (or "" while another node decides), or nil once this caller holds it.
constexpr char kClaim[] = R"lua(
local answer = redis.call('GET', KEYS[1])
if answer then return answer end
redis.call('SET', KEYS[1], '', 'PX', ARGV[1])
return false
)lua";

// KEYS[1]: the send's key: freed if still being decided.
constexpr char kDrop[] = R"lua(
if redis.call('GET', KEYS[1]) == '' then redis.call('DEL', KEYS[1]) end
return 1
)lua";

// Version 1: decision, defer_until, reason, reason_code, touch_id and
// person_id as texts; version 2 adds unsubscribe_url after them, version 3
// the held touch's id after that, version 4 best_at after that (each
// written only when the answer has it, so that nodes of the releases before
// read every other answer). Answers live an hour: nodes of an earlier
// release read no later version and decide again.
constexpr uint8_t kAnswerVersion = 4;

std::string Encode(const CheckAnswer& answer) {
  std::string bytes;
  ByteWriter writer(&bytes);
  const uint8_t version = !answer.best_at.empty() ? 4 : !answer.held_id.empty() ? 3 : 2;
  writer.Byte(version);
  for (const std::string* text :
       {&answer.decision, &answer.defer_until, &answer.reason, &answer.reason_code,
        &answer.touch_id, &answer.person_id, &answer.unsubscribe_url}) {
    writer.Text(*text);
  }
  if (version >= 3) writer.Text(answer.held_id);
  if (version >= 4) writer.Text(answer.best_at);
  return bytes;
}

std::optional<CheckAnswer> Decode(absl::string_view bytes) {
  ByteReader reader(bytes);
  const std::optional<uint8_t> version = reader.Byte();
  if (!version || *version == 0 || *version > kAnswerVersion) return std::nullopt;
  CheckAnswer answer;
  for (std::string* text : {&answer.decision, &answer.defer_until, &answer.reason,
                            &answer.reason_code, &answer.touch_id, &answer.person_id}) {
    *text = reader.Text().value_or("");
  }
  if (*version >= 2) answer.unsubscribe_url = reader.Text().value_or("");
  if (*version >= 3) answer.held_id = reader.Text().value_or("");
  if (*version >= 4) answer.best_at = reader.Text().value_or("");
  if (!reader.done()) return std::nullopt;
  return answer;
}

}  // namespace

RedisCheckAnswers::RedisCheckAnswers(redis::ClusterClient& client, CheckAnswersOptions options)
    : client_(client), options_(options), claim_(kClaim), drop_(kDrop) {}

absl::StatusOr<std::optional<CheckAnswer>> RedisCheckAnswers::Claim(absl::string_view person_id,
                                                                    const std::string& send,
                                                                    absl::Time) {
  const std::string key = redis_format::CheckAnswerKey(person_id, send);
  const std::string lease = absl::StrCat(absl::ToInt64Milliseconds(options_.wait));
  const absl::Time give_up = absl::Now() + options_.wait;
  for (;;) {
    absl::StatusOr<redis::Reply> reply = client_.Run(claim_.Call({key}, {lease}));
    if (!reply.ok()) return reply.status();
    if (absl::Status error = reply->ErrorStatus("claiming a check's answer"); !error.ok()) {
      return error;
    }
    if (reply->is_nil()) return std::nullopt;  // this caller decides
    if (!reply->text.empty()) {
      std::optional<CheckAnswer> answer = Decode(reply->text);
      if (!answer) {
        return absl::DataLossError(
            absl::StrCat("redis: the check answer at ", key, " does not decode"));
      }
      return answer;
    }
    // Another node decides this send: wait for its answer, or its lease.
    if (absl::Now() >= give_up) return std::nullopt;
    absl::SleepFor(absl::Milliseconds(10));
  }
}

absl::Status RedisCheckAnswers::Give(absl::string_view person_id, const std::string& send,
                                     const CheckAnswer& answer, absl::Time) {
  const std::string key = redis_format::CheckAnswerKey(person_id, send);
  absl::StatusOr<redis::Reply> reply =
      client_.Run({key,
                   {"SET", key, Encode(answer), "PX",
                    absl::StrCat(absl::ToInt64Milliseconds(options_.window))}});
  if (!reply.ok()) return reply.status();
  return reply->ErrorStatus("keeping a check's answer");
}

void RedisCheckAnswers::Drop(absl::string_view person_id, const std::string& send) {
  client_.Run(drop_.Call({redis_format::CheckAnswerKey(person_id, send)}, {})).IgnoreError();
}

}  // namespace tact
