// What the handlers share for reading a request's JSON body.
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/string_view.h"
#include "codec/record.h"
#include "server/api_error.h"

namespace tact {

// Parses `body` with this thread's parser (an element it returns is valid
// until the thread's next parse); nullopt when it is JSON, else a 400.
std::optional<ApiError> ParseJson(std::string_view body, simdjson::dom::element* root);

// 413 for a batch of `count` `what` (the field `field`) over `limit`.
ApiError TooLarge(absl::string_view field, size_t count, size_t limit, absl::string_view what);

// A body's record with the path's id filled in (or checked against it).
std::optional<ApiError> RecordWithId(std::string_view body, const std::string& id, Record* record);

}  // namespace tact
