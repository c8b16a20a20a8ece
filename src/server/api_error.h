// The one error shape every route answers with:
//   {"error": {"code": "invalid", "message": "touches[3].channel: 'fax' is not a channel; …",
//              "field": "touches[3].channel"}}
// `field` names the first field at fault (JSON path within the body, or a
// header or path parameter); it is null when the body as a whole is at fault.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace tact {

struct ApiError {
  int status = 400;
  std::string code;  // stable, machine-readable: "invalid", "bad_json", "too_large", …
  std::string message;
  std::string field;            // empty: null
  int retry_after_seconds = 0;  // > 0: answered with Retry-After (429, 503)
};

// How long a client is asked to wait (Retry-After) when the state cannot take
// changes (a full or failed disk), and when the server has no room for
// another connection or request.
inline constexpr int kStorageRetryAfterSeconds = 30;
inline constexpr int kBusyRetryAfterSeconds = 1;

// A 400 from a decoder's InvalidArgument "field: problem; field: problem",
// each field prefixed with `within` ("touches[3]" -> "touches[3].channel").
// Problems that name no field (e.g. "must be a JSON object") are prefixed
// with `within` as a whole.
ApiError InvalidFields(const absl::Status& status, absl::string_view within = "");

std::string ErrorJson(const ApiError& error);

// The 503 (Retry-After: kUnavailableRetryAfter) for a request the state
// failed (ports/store.h): Redis unreachable or slow. Nothing it would have
// acknowledged was; a retry is safe.
ApiError StateUnavailable(const absl::Status& status);

}  // namespace tact
