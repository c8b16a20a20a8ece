// Mailgun webhooks: {"signature": {timestamp, token, signature},
// "event-data": {...}}, one event per request.
// https://documentation.mailgun.com/docs/mailgun/user-manual/tracking-messages/
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/address.h"
#include "events/providers/json_fields.h"
#include "events/providers/provider.h"
#include "events/providers/signatures.h"
#include "events/providers/webhook_provider.h"

namespace tact {

using namespace providers;

namespace {

// Sets the event's type (and whether a machine opened it) from Mailgun's
// event name; false for an event tact does not map.
bool MailgunType(const std::string& name, simdjson::dom::object data, Event& event) {
  if (name == "delivered") {
    event.type = EventType::kDelivered;
  } else if (name == "opened" || name == "clicked") {
    event.type = name == "opened" ? EventType::kOpened : EventType::kClicked;
    // Mailgun names the bot (e.g. "apple" for Mail Privacy Protection).
    if (auto client = Object(data, "client-info"))
      event.machine = !Text(*client, "bot").value_or("").empty();
  } else if (name == "unsubscribed") {
    event.type = EventType::kUnsubscribed;
  } else if (name == "complained") {
    event.type = EventType::kComplained;
  } else if (name == "failed") {
    // Permanent failures are bounces; temporary ones are retried by Mailgun.
    event.type = Text(data, "severity").value_or("") == "permanent"
                     ? EventType::kBouncedHard
                     : EventType::kDeferredByProvider;
  } else {
    return false;
  }
  return true;
}

// Mailgun's event id; without it, what identifies the event stands in for
// it: its kind, message, recipient and time (a retry repeats all four).
// Empty when neither is there.
std::string MailgunEventKey(simdjson::dom::object data, const std::string& name,
                            const std::optional<std::string>& id,
                            const std::optional<std::string>& recipient) {
  if (id && !id->empty()) return *id;
  const auto timestamp = Number(data, "timestamp");
  if (!timestamp || !recipient) return "";
  std::string message_id;
  if (auto message = Object(data, "message")) {
    if (auto headers = Object(*message, "headers"))
      message_id = Text(*headers, "message-id").value_or("");
  }
  return absl::StrCat(name, ":", message_id, ":", *recipient, ":",
                      absl::StrFormat("%.6f", *timestamp));
}

}  // namespace

absl::StatusOr<MailgunPayload> ParseMailgun(std::string_view body) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(body.data(), body.size()).get(root) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError(
        "body: is not JSON; Mailgun posts {\"signature\": {...}, \"event-data\": {...}}");
  }
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("body: must be an object");
  }
  MailgunPayload payload;
  const auto signature = Object(object, "signature");
  if (!signature) return absl::InvalidArgumentError("signature: is required");
  payload.signature.timestamp = Scalar(*signature, "timestamp").value_or("");
  payload.signature.token = Text(*signature, "token").value_or("");
  payload.signature.signature = Text(*signature, "signature").value_or("");
  const auto data = Object(object, "event-data");
  if (!data) return absl::InvalidArgumentError("event-data: is required");

  const std::string name = Text(*data, "event").value_or("");
  Event event;
  if (!MailgunType(name, *data, event)) {
    payload.items.push_back(Ignored(name));  // accepted, rejected, stored, ...
    return payload;
  }
  const auto id = Text(*data, "id");
  const auto recipient = Text(*data, "recipient");
  const auto address = recipient ? NormalizeEmail(*recipient) : std::nullopt;
  const std::string key = MailgunEventKey(*data, name, id, recipient);
  if (key.empty()) {
    payload.items.push_back(
        Problem("event-data.id", "is required (or event-data.timestamp and recipient)"));
  } else if (!address) {
    payload.items.push_back(
        Problem("event-data.recipient", "must be the recipient's email address"));
  } else {
    event.id = absl::StrCat("mailgun:", key);
    event.channel = Channel::kEmail;
    event.address = *address;
    if (auto timestamp = Number(*data, "timestamp")) event.at = UnixSeconds(*timestamp);
    if (auto variables = Object(*data, "user-variables"))
      event.touch_id = Text(*variables, kTouchIdArgument).value_or("");
    payload.items.push_back(Mapped(std::move(event)));
  }
  return payload;
}

namespace {

class MailgunWebhook final : public WebhookProvider {
 public:
  absl::string_view name() const override { return "mailgun"; }
  std::vector<SettingKey> settings() const override { return {{.name = "signing_key"}}; }

  absl::Status Verify(const WebhookCall& call, const ProviderSettings& settings) const override {
    auto parsed = ParseMailgun(call.body);
    if (!parsed.ok()) return parsed.status();
    const MailgunSignature& signature = parsed->signature;
    if (signature.signature.empty() ||
        !VerifyMailgun(settings.Text("signing_key"), signature.timestamp, signature.token,
                       signature.signature)) {
      return absl::UnauthenticatedError("signature.signature does not match timestamp and token");
    }
    if (absl::Status fresh =
            CheckFresh("signature.timestamp", UnixSeconds(signature.timestamp), call);
        !fresh.ok()) {
      return fresh;
    }
    // Mailgun signs only timestamp and token: a token seen before is a
    // captured signature sent with another body.
    const absl::StatusOr<bool> first =
        call.first_use(absl::StrCat("mailgun-token:", signature.token));
    if (!first.ok()) return first.status();
    if (!*first) {
      return absl::UnauthenticatedError("signature.token was used before: a replayed request");
    }
    return absl::OkStatus();
  }

  absl::StatusOr<WebhookPayload> Parse(const WebhookCall& call) const override {
    auto parsed = ParseMailgun(call.body);
    if (!parsed.ok()) return parsed.status();
    return WebhookPayload{std::move(parsed->items)};
  }
};

}  // namespace

const WebhookProvider& MailgunWebhookProvider() {
  static const MailgunWebhook provider;
  return provider;
}

}  // namespace tact
