// Mail tact held, released or removed when tact calls back: what `tact
// milter --release-listen` does with one callback. tact's releaser POSTs its
// JSON of the held touch (server/callback_sender.h, a tool without a body
// template), signed with the tool's secret; the milter checks the signature,
// then for decision "send" releases the queued message `hold_ref` (Postfix's
// queue id, given by the milter when the message was held) and for
// "suppress" deletes it from the hold queue.
//
// Answers: 200 done (also when the message had already left the hold queue:
// a callback may arrive twice); 400 a body that is not a held touch's; 401
// a bad signature; 503 a Postfix command failed (tact tries again later).
//
// Thread safety: AnswerHeldMailCallback may be called from any thread.
#pragma once

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "mail/postfix_queue.h"

namespace tact {

struct HeldMailAnswer {
  int status = 200;
  std::string text;  // one line for the log and the caller
};

// How old (or new) a callback's signature may be.
inline constexpr absl::Duration kCallbackMaxAge = absl::Minutes(5);

HeldMailAnswer AnswerHeldMailCallback(absl::string_view secret, absl::string_view signature,
                                      absl::string_view body, absl::Time now,
                                      const PostfixQueue& queue);

}  // namespace tact
