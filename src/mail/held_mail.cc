#include "mail/held_mail.h"

#include <simdjson.h>

#include "absl/strings/str_cat.h"
#include "events/callback_signature.h"

namespace tact {

HeldMailAnswer AnswerHeldMailCallback(absl::string_view secret, absl::string_view signature,
                                      absl::string_view body, absl::Time now,
                                      const PostfixQueue& queue) {
  if (absl::Status verified =
          VerifyCallbackSignature(secret, signature, body, now, kCallbackMaxAge);
      !verified.ok()) {
    return {401, std::string(verified.message())};
  }
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(body.data(), body.size()).get(root) != simdjson::SUCCESS || !root.is_object()) {
    return {400, "body: expected tact's JSON of a held touch (a tool without a body template)"};
  }
  // simdjson's views, as absl's (which are not std's here).
  const auto text = [&root](const char* key) {
    std::string_view value;
    if (root[key].get_string().get(value) != simdjson::SUCCESS) return absl::string_view();
    return absl::string_view(value.data(), value.size());
  };
  const absl::string_view hold_id = text("hold_id"), decision = text("decision"),
                          queue_id = text("hold_ref");
  if (decision != "send" && decision != "suppress") {
    return {400, "decision: expected \"send\" or \"suppress\""};
  }
  if (!IsPostfixQueueId(queue_id)) {
    return {400, "hold_ref: expected the Postfix queue id the milter held the message under"};
  }
  const bool send = decision == "send";
  absl::StatusOr<int> done = send ? queue.Release(queue_id) : queue.Remove(queue_id);
  if (!done.ok()) return {503, std::string(done.status().message())};
  const absl::string_view did = send ? "released" : "removed";
  if (*done == 0) {
    return {200, absl::StrCat(hold_id, ": ", queue_id, " is not in the hold queue (", did,
                              " before, or deleted)")};
  }
  return {200, absl::StrCat(hold_id, ": ", queue_id, " ", did)};
}

}  // namespace tact
