// Calls a tool back about a touch tact held for it (server/callback_config.h):
// the body rendered from the tool's template, signed, POSTed with libcurl.
//
// Each request carries:
//   X-Tact-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
//   X-Tact-Hold-Id:   h_…   (the same on every attempt: the receiver's
//                            idempotency key, as a callback may arrive twice
//                            when tact stopped between sending it and hearing
//                            the answer)
//   X-Tact-Attempt:   1, 2, …
// and the tool's own headers.
//
// Thread safety: one CallbackSender per thread (it keeps a curl handle and
// its connections).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "core/person.h"
#include "ports/held_touches.h"
#include "server/callback_config.h"

namespace tact {

// The fields a body template sees, by name, as text (booleans "true"/"false"):
// hold_id, decision, send, touch_id, reason_code, person_id, email, phone
// (from the person's profile, "" when tact has none), channel, kind,
// sender, team, tool, campaign, list, thread, step, subject, key, hold_ref,
// held_at,
// decided_at, expires, attempt. touch_id is "" unless the touch was sent;
// expires "" when it never expires. Templates also have the sections
// {{#sent}}…{{/sent}} and {{#suppressed}}…{{/suppressed}}.
// `person` may be null (no profile).
std::vector<std::pair<std::string, std::string>> CallbackFields(const HeldTouch& held,
                                                                const Person* person);
// The body for `tool`: its template rendered, or tact's JSON of the fields.
std::string RenderCallbackBody(const ToolCallback& tool, const HeldTouch& held,
                               const Person* person = nullptr);
// The URL for `tool`: its template rendered, each value percent-encoded.
std::string RenderCallbackUrl(const ToolCallback& tool, const HeldTouch& held,
                              const Person* person = nullptr);

class CallbackSender {
 public:
  CallbackSender();
  ~CallbackSender();
  CallbackSender(const CallbackSender&) = delete;
  CallbackSender& operator=(const CallbackSender&) = delete;

  // POSTs the callback for `held` (its attempt number one more than
  // held.attempts), signed as made at `now` (the wall clock). OK on a 2xx; Unavailable saying what
  // went wrong otherwise (the HTTP status and the start of the answer, or curl's error).
  absl::Status Send(const ToolCallback& tool, const HeldTouch& held, const Person* person,
                    absl::Time now);

 private:
  void* curl_;  // CURL*
};

}  // namespace tact
