// What a tool that calls out at send time sends to GET or POST /v1/check
// (Braze Connected Content, Customer.io's and HubSpot's webhook actions,
// Zapier, n8n): the touch's fields as query parameters, a form, or a flat
// JSON object whose values may all be strings ("step": "2"), merged (the
// body's value wins over the query's), plus who the person is and how to
// answer. A template language cannot build typed JSON, so every value is
// read as text and checked by the touch's own decoder (codec/decode.h).
//
// The touch's `kind` is "promotional" when not given.
//   person_id   tact's id of the person; or
//   email, phone  an address tact knows the person by (ProfileStore's
//               index); one of the three is required
//   format      "json" (default) or "text"
//   on_error    "status" (default: a 4xx naming the field) or "answer" (a
//               200 whose decision is "error" and whose reason says what was
//               wrong, for tools that treat any 4xx as a failed send)
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "codec/record.h"

namespace tact {

// The header with which a HubSpot workflow signs its call (its request
// validation v3), standing for a token.
inline constexpr char kHubSpotSignatureHeader[] = "X-HubSpot-Signature-v3";

struct CheckRequest {
  Record touch;  // the touch's fields, every value as text (no person_id yet)
  std::string person_id, email, phone;  // as given ("" when absent)
  // The tool's own id of the person, and that tool (contact_tool, else the
  // touch's tool; HubSpot's objectId is "hubspot"'s).
  std::string contact_id, contact_tool;
  bool text = false;               // format=text
  bool errors_as_answers = false;  // on_error=answer
};

// The request's format and on_error only, read from the query whatever
// else is wrong, so that even a bad request is answered as asked.
CheckRequest CheckOptions(absl::string_view target);

// Errors: InvalidArgument "FIELD: problem" (a bad format or on_error, a
// body that is neither a form nor a flat JSON object, bad percent-encoding,
// no person given).
absl::StatusOr<CheckRequest> ReadCheckRequest(absl::string_view target, std::string_view body,
                                              absl::string_view content_type);

}  // namespace tact
