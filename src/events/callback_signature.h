// The signature tact puts on its callbacks to tools (server/callback_sender.h)
// and a receiver checks (the milter's release listener):
//
//   X-Tact-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
//
// Pure functions (OpenSSL underneath); the comparison takes constant time.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace tact {

// The header's value for `body` sent at `at`.
std::string CallbackSignature(absl::string_view secret, absl::Time at, absl::string_view body);

// OK when `header` is a signature of `body` with `secret` made within
// `max_age` of `now` (either side: clocks differ). Errors: Unauthenticated
// saying what is wrong (malformed, too old or too new, not matching).
absl::Status VerifyCallbackSignature(absl::string_view secret, absl::string_view header,
                                     absl::string_view body, absl::Time now,
                                     absl::Duration max_age);

}  // namespace tact
