// Webhook signature checks, each as its provider publishes it. Pure functions
// over the request's bytes (OpenSSL underneath); comparisons take constant
// time. Each returns false for anything malformed (bad base64, a key that
// does not parse) as for a signature that does not match.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace tact {

// SendGrid Signed Event Webhook: ECDSA P-256 / SHA-256 over timestamp + raw
// body. `public_key` is the base64 DER SubjectPublicKeyInfo SendGrid shows;
// `signature` the base64 DER of header X-Twilio-Email-Event-Webhook-Signature;
// `timestamp` header X-Twilio-Email-Event-Webhook-Timestamp.
bool VerifySendGrid(absl::string_view public_key, absl::string_view signature,
                    absl::string_view timestamp, absl::string_view raw_body);

// Mailgun: hex HMAC-SHA256, keyed with the webhook signing key, of
// timestamp + token (the body's "signature" object).
bool VerifyMailgun(absl::string_view signing_key, absl::string_view timestamp,
                   absl::string_view token, absl::string_view signature);

// Twilio (X-Twilio-Signature): base64 HMAC-SHA1, keyed with the auth token, of
// the full URL Twilio called followed by every form parameter's name and value
// sorted (repeats once). A URL with an explicit port is also tried without it,
// as Twilio's own validators do.
bool VerifyTwilio(absl::string_view auth_token, absl::string_view url,
                  std::vector<std::pair<std::string, std::string>> params,
                  absl::string_view signature);

// Amazon SNS: RSA over the message's string to sign (SnsMessage::StringToSign)
// with SHA1 (SignatureVersion "1") or SHA256 ("2"), checked against the
// configured certificate (PEM) rather than one fetched from SigningCertURL.
bool VerifySns(absl::string_view certificate_pem, absl::string_view string_to_sign,
               absl::string_view signature, absl::string_view signature_version);

// HubSpot request validation v3 (X-HubSpot-Signature-v3): base64 HMAC-SHA256,
// keyed with the app's client secret, of method + URI + body + timestamp
// (X-HubSpot-Request-Timestamp, milliseconds). The URI is the full URL
// HubSpot called; it is also tried with the characters HubSpot decodes
// before signing (%3A : %2F / %3F ? %40 @ %21 ! %24 $ %27 ' %28 ( %29 )
// %2A * %2C , %3B ;) decoded. The caller checks the timestamp's age.
bool VerifyHubSpotV3(absl::string_view client_secret, absl::string_view method,
                     absl::string_view uri, absl::string_view body, absl::string_view timestamp,
                     absl::string_view signature);

// Whether two strings are equal, in time that depends on their lengths only.
bool ConstantTimeEquals(absl::string_view left, absl::string_view right);

// Raw HMAC-SHA256 of `message` keyed with `key` (32 bytes).
std::string HmacSha256(absl::string_view key, absl::string_view message);

}  // namespace tact
