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
//
// A provider without a section is not accepted (its route answers 404).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace tact {

struct WebhookConfig {
  std::string public_url;  // no trailing slash
  std::string unsubscribe_key;
  // A signature whose timestamp (SendGrid, Mailgun, SNS) is further than this
  // from the server's clock is refused: a captured request cannot be
  // replayed later. Mailgun's tokens are also remembered, and a reused one
  // refused.
  absl::Duration replay_window = absl::Minutes(15);
  std::optional<std::string> sendgrid_key;
  std::optional<std::string> mailgun_key;
  std::optional<std::pair<std::string, std::string>> postmark_login;  // username, password
  std::optional<std::string> ses_certificate_pem;
  std::vector<std::string> ses_topic_arns;  // empty: any topic the certificate signed for
  std::optional<std::string> twilio_token;

  // Parses the file's text; errors name the file, line and key. Relative
  // certificate paths are read relative to `base_dir`.
  static absl::StatusOr<WebhookConfig> FromString(absl::string_view text, absl::string_view source,
                                                  const std::string& base_dir);
  static absl::StatusOr<WebhookConfig> LoadFile(const std::string& path);
};

}  // namespace tact
