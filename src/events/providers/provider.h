// What a provider's webhook payload says, as tact events (the parsers behind
// each WebhookProvider, webhook_provider.h). Each parser is pure: it reads
// the body (after the provider verified the request) and returns one
// item per element, each a mapped event, a known-but-unmapped type (ignored,
// counted) or a problem with that element (reported; the rest still count).
// The mapping tables are in docs/providers.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "events/event.h"

namespace tact {

// The custom argument (SendGrid unique arg, Mailgun user variable, Postmark
// metadata, SES message tag, Twilio status-callback query parameter) that
// carries the touch id tact returned.
inline constexpr absl::string_view kTouchIdArgument = "tact_touch_id";

struct ProviderItem {
  std::optional<Event> event;  // set when the element maps to a tact event
  std::string ignored;         // the provider's type, when it maps to none
  std::string field;           // on a problem: where, e.g. "[3].event"
  std::string problem;         // on a problem: what
};

// Builders for the parsers.
ProviderItem Mapped(Event event);
ProviderItem Ignored(std::string type);
ProviderItem Problem(std::string field, std::string problem);

// A whole-body failure (not JSON, not the provider's shape) is an error
// naming the field; element problems are items.
absl::StatusOr<std::vector<ProviderItem>> ParseSendGrid(std::string_view body);

struct MailgunSignature {
  std::string timestamp, token, signature;
};
struct MailgunPayload {
  MailgunSignature signature;
  std::vector<ProviderItem> items;  // one
};
absl::StatusOr<MailgunPayload> ParseMailgun(std::string_view body);

absl::StatusOr<std::vector<ProviderItem>> ParsePostmark(std::string_view body);

// Amazon SNS message (https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html).
struct SnsMessage {
  std::string type;  // Notification, SubscriptionConfirmation, UnsubscribeConfirmation
  std::string message_id, topic_arn, subject, message, timestamp, signature_version, signature,
      signing_cert_url, subscribe_url, token;
  // The text SNS signed, per its documented field order for the type.
  std::string StringToSign() const;
};
absl::StatusOr<SnsMessage> ParseSnsMessage(std::string_view body);
// The SES events in a Notification's Message (event publishing or classic
// notifications); one item per recipient.
std::vector<ProviderItem> ParseSesMessage(std::string_view message);

// A Twilio SMS status callback or inbound message, its form parameters in
// order (events/url_form.h ParseForm). `touch_id` comes from the
// callback URL's query (kTouchIdArgument), when the sender put it there.
absl::StatusOr<std::vector<ProviderItem>> ParseTwilio(
    const std::vector<std::pair<std::string, std::string>>& params, std::string touch_id);

}  // namespace tact
