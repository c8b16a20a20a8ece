// Reading optional members of a simdjson DOM object, for the provider parsers.
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace tact::providers {

// A string member, or nullopt when absent or not a string.
std::optional<std::string> Text(simdjson::dom::object object, absl::string_view key);
// A number member (or a string holding one) as text, e.g. SendGrid's
// asm_group_id; nullopt otherwise.
std::optional<std::string> Scalar(simdjson::dom::object object, absl::string_view key);
std::optional<double> Number(simdjson::dom::object object, absl::string_view key);
std::optional<bool> Bool(simdjson::dom::object object, absl::string_view key);
std::optional<simdjson::dom::object> Object(simdjson::dom::object object, absl::string_view key);
// RFC 3339 with any fraction and offset ("2016-04-27T16:28:50.3963933-04:00").
std::optional<absl::Time> Rfc3339(absl::string_view text);
std::optional<absl::Time> UnixSeconds(double seconds);

}  // namespace tact::providers
