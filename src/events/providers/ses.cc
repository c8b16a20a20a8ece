// Amazon SES events through Amazon SNS: an SNS message (JSON) whose Message
// is the SES event, as event publishing ("eventType") or as the older
// feedback notifications ("notificationType") write it.
// https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html
#include "absl/strings/str_cat.h"
#include "core/address.h"
#include "events/providers/json_fields.h"
#include "events/providers/provider.h"
#include "events/providers/signatures.h"
#include "events/providers/webhook_provider.h"

namespace tact {

using namespace providers;

namespace {

// The recipients an SES event is about: `list` of objects with
// `emailAddress`, or of plain strings.
std::vector<std::string> Recipients(simdjson::dom::object parent, absl::string_view list) {
  std::vector<std::string> out;
  simdjson::dom::array array;
  if (parent.at_key(std::string_view(list.data(), list.size())).get_array().get(array) !=
      simdjson::SUCCESS)
    return out;
  for (simdjson::dom::element element : array) {
    std::string_view text;
    simdjson::dom::object object;
    if (element.get_string().get(text) == simdjson::SUCCESS) {
      out.emplace_back(text);
    } else if (element.get_object().get(object) == simdjson::SUCCESS) {
      if (auto address = Text(object, "emailAddress")) out.push_back(*address);
    }
  }
  return out;
}

}  // namespace

std::string SnsMessage::StringToSign() const {
  std::string text;
  const auto add = [&](absl::string_view key, absl::string_view value) {
    absl::StrAppend(&text, key, "\n", value, "\n");
  };
  add("Message", message);
  add("MessageId", message_id);
  if (type == "Notification") {
    if (!subject.empty()) add("Subject", subject);
    add("Timestamp", timestamp);
    add("TopicArn", topic_arn);
    add("Type", type);
  } else {
    add("SubscribeURL", subscribe_url);
    add("Timestamp", timestamp);
    add("Token", token);
    add("TopicArn", topic_arn);
    add("Type", type);
  }
  return text;
}

absl::StatusOr<SnsMessage> ParseSnsMessage(std::string_view body) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  simdjson::dom::object object;
  if (parser.parse(body.data(), body.size()).get(root) != simdjson::SUCCESS ||
      root.get_object().get(object) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("body: is not an Amazon SNS message (a JSON object)");
  }
  SnsMessage sns;
  for (auto [key, target] : std::initializer_list<std::pair<absl::string_view, std::string*>>{
           {"Type", &sns.type},
           {"MessageId", &sns.message_id},
           {"TopicArn", &sns.topic_arn},
           {"Subject", &sns.subject},
           {"Message", &sns.message},
           {"Timestamp", &sns.timestamp},
           {"SignatureVersion", &sns.signature_version},
           {"Signature", &sns.signature},
           {"SigningCertURL", &sns.signing_cert_url},
           {"SubscribeURL", &sns.subscribe_url},
           {"Token", &sns.token}}) {
    *target = Text(object, key).value_or("");
  }
  for (absl::string_view required : {"Type", "MessageId", "TopicArn", "Timestamp", "Signature"}) {
    if (!Text(object, required)) {
      return absl::InvalidArgumentError(absl::StrCat(required, ": is required in an SNS message"));
    }
  }
  return sns;
}

namespace {

// The touch id tact asked to be tagged on the mail (its first value).
std::string SesTouchId(simdjson::dom::object mail) {
  const auto tags = Object(mail, "tags");
  simdjson::dom::array values;
  std::string_view first;
  if (tags &&
      tags->at_key(std::string_view(kTouchIdArgument.data(), kTouchIdArgument.size()))
              .get_array()
              .get(values) == simdjson::SUCCESS &&
      values.size() > 0 && values.at(0).get_string().get(first) == simdjson::SUCCESS) {
    return std::string(first);
  }
  return "";
}

// A Subscription event that leaves every topic (the others change topic
// preferences, which tact does not map).
bool UnsubscribesAll(const std::optional<simdjson::dom::object>& subscription) {
  const auto preferences =
      subscription ? Object(*subscription, "newTopicPreferences") : std::nullopt;
  return preferences && Bool(*preferences, "unsubscribeAll").value_or(false);
}

// One event per recipient, each id `id_prefix` and the address.
std::vector<ProviderItem> PerRecipient(const Event& event, const std::string& id_prefix,
                                       const std::vector<std::string>& recipients) {
  std::vector<ProviderItem> items;
  for (size_t index = 0; index < recipients.size(); ++index) {
    const auto address = NormalizeEmail(recipients[index]);
    if (!address) {
      items.push_back(
          Problem(absl::StrCat("Message.recipients[", index, "]"), "is not an email address"));
      continue;
    }
    Event one = event;
    one.id = absl::StrCat(id_prefix, *address);
    one.address = *address;
    items.push_back(Mapped(std::move(one)));
  }
  return items;
}

}  // namespace

std::vector<ProviderItem> ParseSesMessage(std::string_view message) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  simdjson::dom::object object;
  if (parser.parse(message.data(), message.size()).get(root) != simdjson::SUCCESS ||
      root.get_object().get(object) != simdjson::SUCCESS) {
    return {Ignored("(not an SES event)")};
  }
  const std::string name =
      Text(object, "eventType").value_or(Text(object, "notificationType").value_or(""));
  const auto mail = Object(object, "mail");
  if (!mail) return {Problem("Message.mail", "is required in an SES event")};
  const std::string message_id = Text(*mail, "messageId").value_or("");

  EventType type;
  std::optional<simdjson::dom::object> detail;
  std::vector<std::string> recipients;
  if (name == "Bounce") {
    detail = Object(object, "bounce");
    const std::string kind = detail ? Text(*detail, "bounceType").value_or("") : "";
    type = kind == "Permanent" ? EventType::kBouncedHard : EventType::kBouncedSoft;
    if (detail) recipients = Recipients(*detail, "bouncedRecipients");
  } else if (name == "Complaint") {
    type = EventType::kComplained;
    detail = Object(object, "complaint");
    if (detail) recipients = Recipients(*detail, "complainedRecipients");
  } else if (name == "Delivery") {
    type = EventType::kDelivered;
    detail = Object(object, "delivery");
    if (detail) recipients = Recipients(*detail, "recipients");
  } else if (name == "DeliveryDelay") {
    type = EventType::kDeferredByProvider;
    detail = Object(object, "deliveryDelay");
    if (detail) recipients = Recipients(*detail, "delayedRecipients");
  } else if (name == "Open" || name == "Click") {
    type = name == "Open" ? EventType::kOpened : EventType::kClicked;
    detail = Object(object, name == "Open" ? "open" : "click");
    recipients = Recipients(*mail, "destination");
  } else if (name == "Subscription") {
    detail = Object(object, "subscription");
    if (!UnsubscribesAll(detail)) return {Ignored("Subscription (topic preferences)")};
    type = EventType::kUnsubscribed;
    recipients = Recipients(*mail, "destination");
  } else {
    return {Ignored(name)};  // Send, Reject, Rendering Failure, ...
  }
  if (recipients.empty()) return {Problem("Message", "names no recipient")};

  Event event;
  event.type = type;
  event.channel = Channel::kEmail;
  if (detail) {
    if (auto timestamp = Text(*detail, "timestamp")) event.at = Rfc3339(*timestamp);
  }
  if (!event.at) {
    if (auto timestamp = Text(*mail, "timestamp")) event.at = Rfc3339(*timestamp);
  }
  event.touch_id = SesTouchId(*mail);
  return PerRecipient(event, absl::StrCat("ses:", message_id, ":", name, ":"), recipients);
}

namespace {

class SesWebhook final : public WebhookProvider {
 public:
  absl::string_view name() const override { return "ses"; }
  std::vector<SettingKey> settings() const override {
    return {{.name = "certificate",
             .type = SettingKey::Type::kFile,
             .file_contains = "BEGIN CERTIFICATE",
             .file_what = "a PEM certificate"},
            {.name = "topic_arns", .type = SettingKey::Type::kList, .required = false}};
  }

  absl::Status Verify(const WebhookCall& call, const ProviderSettings& settings) const override {
    auto sns = ParseSnsMessage(call.body);
    if (!sns.ok()) return sns.status();
    if (!VerifySns(settings.Text("certificate"), sns->StringToSign(), sns->signature,
                   sns->signature_version)) {
      return absl::UnauthenticatedError(
          "the SNS signature does not verify with the configured certificate");
    }
    if (absl::Status fresh = CheckFresh("Timestamp", providers::Rfc3339(sns->timestamp), call);
        !fresh.ok()) {
      return fresh;
    }
    const std::vector<std::string>& topics = settings.List("topic_arns");
    if (!topics.empty() &&
        std::find(topics.begin(), topics.end(), sns->topic_arn) == topics.end()) {
      return absl::PermissionDeniedError(
          absl::StrCat("TopicArn: ", sns->topic_arn, " is not in ses.topic_arns"));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<WebhookPayload> Parse(const WebhookCall& call) const override {
    auto sns = ParseSnsMessage(call.body);
    if (!sns.ok()) return sns.status();
    WebhookPayload payload;
    if (sns->type == "SubscriptionConfirmation") {
      // tact makes no outbound calls: the operator confirms by visiting it.
      payload.subscribe_url = sns->subscribe_url;
      payload.items.push_back(Ignored("SubscriptionConfirmation"));
    } else if (sns->type == "Notification") {
      payload.items = ParseSesMessage(sns->message);
    } else {
      payload.items.push_back(Ignored(sns->type));
    }
    return payload;
  }
};

}  // namespace

const WebhookProvider& SesWebhookProvider() {
  static const SesWebhook provider;
  return provider;
}

}  // namespace tact
