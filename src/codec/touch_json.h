// A touch straight from a parsed JSON object into `Touch`, for the request
// bodies that carry thousands (POST /v1/decide/batch): the object's members
// are read once, in place, without the flattened record the general decoder
// (codec/decode.h DecodeTouch) builds. Anything that decoder would refuse,
// or that is not the plain shape (an object or list value, a repeated or
// unknown name, a value of the wrong type or out of range), goes to it, so
// that every error is its error, word for word.
#pragma once

#include <simdjson.h>

#include "absl/status/status.h"
#include "codec/record.h"
#include "core/touch.h"

namespace tact {

// Decodes `element` into `touch` as DecodeTouch(RecordFromElement(element))
// would. `scratch` is a record the general decoder may fill (a batch reuses
// one). Errors: DecodeTouch's and RecordFromElement's; `touch` is then
// unspecified.
absl::Status DecodeTouchJson(simdjson::dom::element element, Record& scratch, Touch& touch);

// The plain shape alone: true when `element` was decoded into `touch`;
// false when it needs the general decoder (`touch` is then unspecified).
// For tests, which check it against the general decoder.
bool DecodePlainTouchJson(simdjson::dom::element element, Touch& touch);

}  // namespace tact
