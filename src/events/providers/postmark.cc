// Postmark webhooks: one JSON object per request, told apart by RecordType.
// Postmark sends no event id; tact builds one from what identifies the
// report (the bounce ID, or the message, recipient and time).
// https://postmarkapp.com/developer/webhooks/webhooks-overview
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "core/address.h"
#include "events/providers/json_fields.h"
#include "events/providers/provider.h"
#include "events/providers/signatures.h"
#include "events/providers/webhook_provider.h"

namespace tact {

using namespace providers;

namespace {

EventType BounceType(absl::string_view type) {
  if (type == "HardBounce" || type == "BadEmailAddress" || type == "ManuallyDeactivated")
    return EventType::kBouncedHard;
  if (type == "SpamComplaint") return EventType::kComplained;
  if (type == "Unsubscribe") return EventType::kUnsubscribed;
  return EventType::kBouncedSoft;  // SoftBounce, Transient, DnsError, Blocked, ...
}

// A SubscriptionChange: resubscribed when sending is no longer suppressed,
// else what the suppression's reason says.
EventType SubscriptionType(bool suppress, absl::string_view reason) {
  if (!suppress) return EventType::kResubscribed;
  if (reason == "HardBounce") return EventType::kBouncedHard;
  if (reason == "SpamComplaint") return EventType::kComplained;
  return EventType::kUnsubscribed;
}

// The event with its recipient (under `address_key`), time and touch id.
ProviderItem Addressed(simdjson::dom::object object, Event event, absl::string_view address_key,
                       absl::string_view time_key) {
  const auto text = Text(object, address_key);
  const auto address = text ? NormalizeEmail(*text) : std::nullopt;
  if (!address) {
    return Problem(std::string(address_key), "must be the recipient's email address");
  }
  event.channel = Channel::kEmail;
  event.address = *address;
  if (auto when = Text(object, time_key)) event.at = Rfc3339(*when);
  if (auto metadata = Object(object, "Metadata"))
    event.touch_id = Text(*metadata, kTouchIdArgument).value_or("");
  return Mapped(std::move(event));
}

}  // namespace

absl::StatusOr<std::vector<ProviderItem>> ParsePostmark(std::string_view body) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(body.data(), body.size()).get(root) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("body: is not JSON; Postmark posts one JSON object");
  }
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("body: must be a JSON object with a RecordType");
  }
  const std::string record = Text(object, "RecordType").value_or("");
  const std::string message = Text(object, "MessageID").value_or("");
  Event event;
  absl::string_view address_key = "Recipient";
  absl::string_view time_key = "ReceivedAt";
  if (record == "Delivery") {
    event.type = EventType::kDelivered;
    time_key = "DeliveredAt";
    event.id =
        absl::StrCat("postmark:delivery:", message, ":", Text(object, "Recipient").value_or(""));
  } else if (record == "Bounce" || record == "SpamComplaint") {
    event.type = record == "SpamComplaint" ? EventType::kComplained
                                           : BounceType(Text(object, "Type").value_or(""));
    address_key = "Email";
    time_key = "BouncedAt";
    const auto bounce_id = Scalar(object, "ID");
    if (!bounce_id) return std::vector<ProviderItem>{Problem("ID", "is required")};
    // Postmark numbers a spam complaint like the bounce it may follow: the
    // record type keeps the two apart.
    event.id = absl::StrCat(record == "SpamComplaint" ? "postmark:complaint:" : "postmark:bounce:",
                            *bounce_id);
  } else if (record == "Open" || record == "Click") {
    event.type = record == "Open" ? EventType::kOpened : EventType::kClicked;
    event.id = absl::StrCat("postmark:", record, ":", message, ":",
                            Text(object, "ReceivedAt").value_or(""), ":",
                            Text(object, "OriginalLink").value_or(""));
  } else if (record == "SubscriptionChange") {
    time_key = "ChangedAt";
    const auto suppress = Bool(object, "SuppressSending");
    if (!suppress) return std::vector<ProviderItem>{Problem("SuppressSending", "is required")};
    event.type = SubscriptionType(*suppress,
                                  Text(object, "SuppressionReason").value_or("ManualSuppression"));
    event.id = absl::StrCat("postmark:subscription:", Text(object, "Recipient").value_or(""), ":",
                            Text(object, "ChangedAt").value_or(""), ":", *suppress);
  } else {
    return std::vector<ProviderItem>{Ignored(record)};
  }
  return std::vector<ProviderItem>{Addressed(object, std::move(event), address_key, time_key)};
}

namespace {

// "Basic base64(user:password)" against the configured login.
bool BasicAuthMatches(absl::string_view header, absl::string_view user,
                      absl::string_view password) {
  absl::string_view encoded = absl::StripAsciiWhitespace(header);
  if (!absl::ConsumePrefix(&encoded, "Basic ")) return false;
  std::string decoded;
  if (!absl::Base64Unescape(absl::StripAsciiWhitespace(encoded), &decoded)) return false;
  return ConstantTimeEquals(decoded, absl::StrCat(user, ":", password));
}

class PostmarkWebhook final : public WebhookProvider {
 public:
  absl::string_view name() const override { return "postmark"; }
  std::vector<SettingKey> settings() const override {
    return {{.name = "username"}, {.name = "password", .min_bytes = 16}};
  }

  absl::Status Verify(const WebhookCall& call, const ProviderSettings& settings) const override {
    if (!BasicAuthMatches(call.header("Authorization"), settings.Text("username"),
                          settings.Text("password"))) {
      return absl::UnauthenticatedError("HTTP basic auth is missing or wrong");
    }
    return absl::OkStatus();
  }

  absl::StatusOr<WebhookPayload> Parse(const WebhookCall& call) const override {
    auto items = ParsePostmark(call.body);
    if (!items.ok()) return items.status();
    return WebhookPayload{*std::move(items)};
  }
};

}  // namespace

const WebhookProvider& PostmarkWebhookProvider() {
  static const PostmarkWebhook provider;
  return provider;
}

}  // namespace tact
