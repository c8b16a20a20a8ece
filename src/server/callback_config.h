// How tact calls tools back about the touches it held for them: one TOML
// file (`tact serve --callbacks FILE`, docs/integrations.md "Holding
// deferred touches").
//
//   [retries]
//   max_attempts = 8            # then the held touch is dead (1-100)
//   first_retry_seconds = 30    # doubled after each failure ...
//   max_retry_seconds = 3600    # ... up to this
//
//   [tool.braze]
//   url = "https://rest.iad-01.braze.com/campaigns/trigger/send"
//   secret = "…"                # signs X-Tact-Signature; at least 16 bytes
//   hold = true                 # its touches are held unless they say on_limit
//   headers = { Authorization = "Bearer …" }
//   body = '''{"campaign_id": "…", "recipients": [{"external_user_id": "{{person_id}}"}]}'''
//   content_type = "application/json"
//   timeout_seconds = 10
//   outcomes = ["send", "suppress"]   # which decisions call back
//
// The body is a Mustache template (kainjow's) over the fields CallbackFields
// lists; values are escaped for a JSON string ({{name}} inside quotes);
// {{{name}}} is the raw value. Without `body`, tact's own JSON. The URL is a
// template too, its values percent-encoded ({{email}} in a path).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "core/decision.h"
#include "core/touch.h"
#include "governor/governor.h"

namespace tact {

struct ToolCallback {
  std::string tool;
  std::string url;     // http:// or https://; a Mustache template
  std::string secret;  // the HMAC-SHA256 key of X-Tact-Signature
  bool hold = false;   // the tool's default on_limit is "hold"
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // a Mustache template; "" for tact's JSON
  std::string content_type = "application/json";
  absl::Duration timeout = absl::Seconds(10);
  bool on_send = true;
  bool on_suppress = true;
};

struct CallbackConfig {
  CallbackRetries retries;
  absl::flat_hash_map<std::string, ToolCallback> tools;

  // The tool's callback, or nullptr when it has none.
  const ToolCallback* Find(absl::string_view tool) const {
    const auto found = tools.find(tool);
    return found == tools.end() ? nullptr : &found->second;
  }

  // Parses the file's text; every mistake named with file, line and key
  // (templates are compiled to find theirs).
  static absl::StatusOr<CallbackConfig> FromString(absl::string_view text,
                                                   absl::string_view source);
  static absl::StatusOr<CallbackConfig> LoadFile(const std::string& path);
};

// The touch's on_limit as it will be decided: its own, else its tool's
// default ("hold" when the tool's callback says hold), else defer. A hold
// needs a state that holds touches and a callback for the touch's tool:
// InvalidArgument naming on_limit otherwise.
absl::Status ResolveOnLimit(const CallbackConfig& callbacks, bool state_holds, Touch& touch);

}  // namespace tact
