// A provider's webhook, behind one interface: which settings its section of
// the --webhooks file takes, how a request is checked to come from it
// (Verify), and what its payload says as tact events (Parse). The server's
// one webhook route finds the provider by name in the registry
// (WebhookProviders()) and knows nothing else of it.
//
// Adding a provider: one file in events/providers/ with a class that
// implements WebhookProvider and a function returning its instance, plus
// its line in registry.cc; its mapping table goes in docs/providers.md.
//
// Thread safety: providers are immutable; every method may be called from
// any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "events/providers/provider.h"

namespace tact {

// A key of a provider's section in the --webhooks file.
struct SettingKey {
  enum class Type {
    kText,  // a string of at least min_bytes
    kFile,  // a path (relative to the file's directory) whose contents are kept
    kList,  // a list of strings
  };
  absl::string_view name;
  Type type = Type::kText;
  bool required = true;
  size_t min_bytes = 1;
  absl::string_view file_contains;  // kFile: text the file must contain
  absl::string_view file_what;      // kFile: what the file is, for errors ("a PEM certificate")
};

// A provider's section as read: each text key's value (a file key's
// contents), each list key's strings.
struct ProviderSettings {
  absl::flat_hash_map<std::string, std::string> text;
  absl::flat_hash_map<std::string, std::vector<std::string>> lists;

  // "" / empty when the key was not given.
  absl::string_view Text(absl::string_view key) const;
  const std::vector<std::string>& List(absl::string_view key) const;
};

// One webhook request, as the transport received it.
struct WebhookCall {
  absl::string_view target;  // path and query, as sent
  absl::string_view url;     // the public URL followed by the target (Twilio signs it)
  // A header's value by name (case-insensitive); "" when absent.
  absl::FunctionRef<absl::string_view(absl::string_view name)> header;
  std::string_view body;
  absl::Time now;
  // A signature whose timestamp is further than this from `now` is a replay.
  absl::Duration replay_window;
  // True the first time `key` is seen within the event window (one-time
  // tokens that the signature covers but the body does not); the state's
  // error when it could not tell (Verify returns it).
  absl::FunctionRef<absl::StatusOr<bool>(const std::string& key)> first_use;
};

// What a verified payload says.
struct WebhookPayload {
  std::vector<ProviderItem> items;
  std::string subscribe_url;  // SNS: the URL that confirms a subscription
};

class WebhookProvider {
 public:
  virtual ~WebhookProvider() = default;

  // The route's {provider} and the section's name: "sendgrid".
  virtual absl::string_view name() const = 0;
  // The keys its section takes.
  virtual std::vector<SettingKey> settings() const = 0;
  // Whether it needs public_url in the --webhooks file (it signs the URL).
  virtual bool needs_public_url() const { return false; }

  // OK when the request comes from the provider and is not a replay;
  // otherwise Unauthenticated (answered 401) or PermissionDenied (403)
  // saying why, or InvalidArgument ("field: problem", 400) when the body is
  // not the provider's shape so that it cannot be checked.
  virtual absl::Status Verify(const WebhookCall& call, const ProviderSettings& settings) const = 0;
  // The payload of a verified request. A whole-body failure is an
  // InvalidArgument naming the field; element problems are items.
  virtual absl::StatusOr<WebhookPayload> Parse(const WebhookCall& call) const = 0;
};

// Every provider tact takes, in the order docs/providers.md lists them.
const std::vector<const WebhookProvider*>& WebhookProviders();
// The provider named `name`, or nullptr.
const WebhookProvider* FindWebhookProvider(absl::string_view name);
// "sendgrid, mailgun, postmark, ses and twilio".
std::string WebhookProviderNames();

// Unauthenticated when `signed_at` (what the request says it was signed at,
// named `what`) is not a time or is further from `now` than the window.
absl::Status CheckFresh(absl::string_view what, std::optional<absl::Time> signed_at,
                        const WebhookCall& call);
// Unix seconds as a time; nullopt when `text` is not a number.
std::optional<absl::Time> UnixSeconds(absl::string_view text);

}  // namespace tact
