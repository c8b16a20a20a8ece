// What tact needs to trust providers' webhooks and to mint unsubscribe
// links: one TOML file (`tact serve --webhooks FILE`, docs/providers.md).
//
//   public_url = "https://tact.example.com"   # as providers and recipients reach tact
//   unsubscribe_key = "…"                     # ≥ 32 bytes; else DIR/unsubscribe.key
//   replay_window = "15m"                     # signed timestamps further off are refused
//   [sendgrid]  verification_key = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE…"
//   [mailgun]   signing_key = "key-…"
//   [postmark]  username = "…"  password = "…"
//   [ses]       certificate = "/etc/tact/sns.pem"  topic_arns = ["arn:aws:sns:…"]
//   [twilio]    auth_token = "…"
//   [hubspot]   client_secret = "…"   # the app's: its workflows' signed
//                                    # calls to /v1/check (X-HubSpot-Signature-v3)
//
// Each provider's section takes the keys it declares (WebhookProvider::
// settings()); a provider without a section is not accepted (its route
// answers 404).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "events/providers/webhook_provider.h"

namespace tact {

struct WebhookConfig {
  std::string public_url;  // no trailing slash
  std::string unsubscribe_key;
  // A signature whose timestamp (SendGrid, Mailgun, SNS) is further than this
  // from the server's clock is refused: a captured request cannot be
  // replayed later. Mailgun's tokens are also remembered, and a reused one
  // refused.
  absl::Duration replay_window = absl::Minutes(15);
  // The HubSpot app's client secret ("": HubSpot's signature is not taken).
  std::string hubspot_client_secret;
  // By provider name: the settings of each configured provider.
  absl::flat_hash_map<std::string, ProviderSettings> providers;

  // The settings of `provider`, or nullptr when it is not configured.
  const ProviderSettings* Find(absl::string_view provider) const {
    const auto found = providers.find(provider);
    return found == providers.end() ? nullptr : &found->second;
  }

  // Parses the file's text; errors name the file, line and key. Relative
  // certificate paths are read relative to `base_dir`.
  static absl::StatusOr<WebhookConfig> FromString(absl::string_view text, absl::string_view source,
                                                  const std::string& base_dir);
  static absl::StatusOr<WebhookConfig> LoadFile(const std::string& path);
};

}  // namespace tact
