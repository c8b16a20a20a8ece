// SendGrid Event Webhook: a JSON array of events, each with `event`,
// `email`, `timestamp` (Unix seconds), `sg_event_id` and the message's
// custom arguments as top-level members.
// https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event
#include "absl/strings/str_cat.h"
#include "core/address.h"
#include "events/providers/json_fields.h"
#include "events/providers/provider.h"
#include "events/providers/signatures.h"
#include "events/providers/webhook_provider.h"

namespace tact {

using namespace providers;

namespace {

// One element of SendGrid's array; `at` names it in problems ("[3]").
ProviderItem SendGridItem(simdjson::dom::object object, const std::string& at) {
  const std::string name = Text(object, "event").value_or("");
  Event event;
  if (name == "delivered") {
    event.type = EventType::kDelivered;
  } else if (name == "open") {
    event.type = EventType::kOpened;
    event.machine = Bool(object, "sg_machine_open").value_or(false);
  } else if (name == "click") {
    event.type = EventType::kClicked;
  } else if (name == "bounce") {
    // "blocked" is a temporary refusal by the receiving server.
    event.type = Text(object, "type").value_or("bounce") == "blocked" ? EventType::kBouncedSoft
                                                                      : EventType::kBouncedHard;
  } else if (name == "dropped") {
    event.type = EventType::kBouncedSoft;
  } else if (name == "deferred") {
    event.type = EventType::kDeferredByProvider;
  } else if (name == "spamreport") {
    event.type = EventType::kComplained;
  } else if (name == "unsubscribe") {
    event.type = EventType::kUnsubscribed;
  } else if (name == "group_unsubscribe" || name == "group_resubscribe") {
    event.type = name == "group_unsubscribe" ? EventType::kUnsubscribed : EventType::kResubscribed;
    const auto group = Scalar(object, "asm_group_id");
    if (!group) {
      return Problem(absl::StrCat(at, ".asm_group_id"), "is required for a group (un)subscribe");
    }
    event.list = *group;
  } else {
    return Ignored(name);  // processed, and types added later
  }
  const auto id = Text(object, "sg_event_id");
  if (!id || id->empty()) {
    return Problem(absl::StrCat(at, ".sg_event_id"), "is required");
  }
  const auto email = Text(object, "email");
  const auto address = email ? NormalizeEmail(*email) : std::nullopt;
  if (!address) {
    return Problem(absl::StrCat(at, ".email"), "must be the recipient's address");
  }
  event.id = absl::StrCat("sendgrid:", *id);
  event.channel = Channel::kEmail;
  event.address = *address;
  if (auto timestamp = Number(object, "timestamp")) event.at = UnixSeconds(*timestamp);
  event.touch_id = Text(object, kTouchIdArgument).value_or("");
  return Mapped(std::move(event));
}

}  // namespace

absl::StatusOr<std::vector<ProviderItem>> ParseSendGrid(std::string_view body) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(body.data(), body.size()).get(root) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("body: is not JSON; SendGrid posts a JSON array of events");
  }
  simdjson::dom::array array;
  if (root.get_array().get(array) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("body: must be a JSON array of events");
  }
  std::vector<ProviderItem> items;
  size_t index = 0;
  for (simdjson::dom::element element : array) {
    const std::string at = absl::StrCat("[", index++, "]");
    simdjson::dom::object object;
    if (element.get_object().get(object) != simdjson::SUCCESS) {
      items.push_back(Problem(at, "must be an event object"));
      continue;
    }
    items.push_back(SendGridItem(object, at));
  }
  return items;
}

namespace {

class SendGridWebhook final : public WebhookProvider {
 public:
  absl::string_view name() const override { return "sendgrid"; }
  std::vector<SettingKey> settings() const override { return {{.name = "verification_key"}}; }

  absl::Status Verify(const WebhookCall& call, const ProviderSettings& settings) const override {
    const absl::string_view signature = call.header("X-Twilio-Email-Event-Webhook-Signature");
    const absl::string_view timestamp = call.header("X-Twilio-Email-Event-Webhook-Timestamp");
    if (signature.empty() || timestamp.empty()) {
      return absl::UnauthenticatedError(
          "the X-Twilio-Email-Event-Webhook-Signature and -Timestamp headers are required");
    }
    if (!VerifySendGrid(settings.Text("verification_key"), signature, timestamp,
                        absl::string_view(call.body.data(), call.body.size()))) {
      return absl::UnauthenticatedError("the signature does not match the body");
    }
    return CheckFresh("X-Twilio-Email-Event-Webhook-Timestamp", UnixSeconds(timestamp), call);
  }

  absl::StatusOr<WebhookPayload> Parse(const WebhookCall& call) const override {
    auto items = ParseSendGrid(call.body);
    if (!items.ok()) return items.status();
    return WebhookPayload{*std::move(items)};
  }
};

}  // namespace

const WebhookProvider& SendGridWebhookProvider() {
  static const SendGridWebhook provider;
  return provider;
}

}  // namespace tact
