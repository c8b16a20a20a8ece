// Twilio Programmable Messaging: status callbacks (MessageStatus) and
// inbound messages (Body), form-encoded. Inbound opt-out keywords are
// Twilio's defaults; with Advanced Opt-Out, OptOutType says which it was.
// https://www.twilio.com/docs/messaging/guides/track-outbound-message-status
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "core/address.h"
#include "events/providers/provider.h"
#include "events/providers/signatures.h"
#include "events/providers/webhook_provider.h"
#include "events/url_form.h"

namespace tact {
namespace {

const std::string* Param(const std::vector<std::pair<std::string, std::string>>& params,
                         absl::string_view name) {
  for (const auto& [key, value] : params) {
    if (key == name) return &value;
  }
  return nullptr;
}

bool OneOf(absl::string_view word, std::initializer_list<absl::string_view> words) {
  for (absl::string_view candidate : words) {
    if (word == candidate) return true;
  }
  return false;
}

// Error codes that mean the number cannot take SMS at all: unreachable,
// unknown, landline, not a valid mobile number.
bool PermanentFailure(absl::string_view code) {
  return OneOf(code, {"30003", "30005", "30006", "21211", "21614"});
}

// 21610: the recipient replied STOP to this sender earlier; Twilio refuses
// to send. The person opted out of SMS, whichever tool sent.
constexpr absl::string_view kRecipientOptedOut = "21610";

}  // namespace

absl::StatusOr<std::vector<ProviderItem>> ParseTwilio(
    const std::vector<std::pair<std::string, std::string>>& params, std::string touch_id) {
  const std::string* sid = Param(params, "MessageSid");
  if (sid == nullptr) sid = Param(params, "SmsSid");
  if (sid == nullptr || sid->empty()) {
    return absl::InvalidArgumentError("MessageSid: is required");
  }
  const std::string* status = Param(params, "MessageStatus");
  if (status == nullptr) status = Param(params, "SmsStatus");
  const std::string* body = Param(params, "Body");
  Event event;
  event.channel = Channel::kSms;
  const bool inbound = body != nullptr && (status == nullptr || *status == "received");
  const std::string* party = Param(params, inbound ? "From" : "To");
  if (inbound) {
    const std::string* opt_out_type = Param(params, "OptOutType");
    const std::string keyword = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(
        opt_out_type != nullptr ? absl::string_view(*opt_out_type) : absl::string_view(*body)));
    if (OneOf(keyword, {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT",
                        "REVOKE", "STOP ALL"})) {
      event.type = EventType::kStop;
    } else if (OneOf(keyword, {"START", "YES", "UNSTOP"})) {
      event.type = EventType::kResubscribed;
    } else if (OneOf(keyword, {"HELP", "INFO"})) {
      return std::vector<ProviderItem>{Ignored("inbound HELP")};
    } else {
      event.type = EventType::kReplied;  // the person wrote back
    }
    event.id = absl::StrCat("twilio:", *sid, ":inbound");
  } else {
    if (status == nullptr) return absl::InvalidArgumentError("MessageStatus: is required");
    if (*status == "delivered") {
      event.type = EventType::kDelivered;
    } else if (*status == "read") {
      event.type = EventType::kOpened;
    } else if (*status == "undelivered" || *status == "failed") {
      const std::string* code = Param(params, "ErrorCode");
      if (code != nullptr && *code == kRecipientOptedOut) {
        event.type = EventType::kStop;
      } else {
        event.type = code != nullptr && PermanentFailure(*code) ? EventType::kBouncedHard
                                                                : EventType::kBouncedSoft;
      }
    } else {
      return std::vector<ProviderItem>{Ignored(*status)};  // queued, sending, sent, ...
    }
    event.id = absl::StrCat("twilio:", *sid, ":", *status);
    event.touch_id = std::move(touch_id);
  }
  const auto phone = party ? NormalizePhone(*party) : std::nullopt;
  if (phone) {
    event.address = *phone;
  } else if (inbound || event.touch_id.empty() || party != nullptr) {
    // Minimal and Messaging Service callbacks may leave out To; the touch
    // id tact put in the callback URL then names the person.
    return std::vector<ProviderItem>{Problem(inbound ? "From" : "To", "must be an E.164 number")};
  }
  return std::vector<ProviderItem>{Mapped(std::move(event))};
}

namespace {

class TwilioWebhook final : public WebhookProvider {
 public:
  absl::string_view name() const override { return "twilio"; }
  std::vector<SettingKey> settings() const override { return {{.name = "auth_token"}}; }
  bool needs_public_url() const override { return true; }

  absl::Status Verify(const WebhookCall& call, const ProviderSettings& settings) const override {
    auto params = ParseForm(absl::string_view(call.body.data(), call.body.size()), "body");
    if (!params.ok()) return params.status();
    const absl::string_view signature = call.header("X-Twilio-Signature");
    if (signature.empty() ||
        !VerifyTwilio(settings.Text("auth_token"), call.url, *std::move(params), signature)) {
      return absl::UnauthenticatedError(
          absl::StrCat("X-Twilio-Signature does not match ", call.url));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<WebhookPayload> Parse(const WebhookCall& call) const override {
    auto params = ParseForm(absl::string_view(call.body.data(), call.body.size()), "body");
    if (!params.ok()) return params.status();
    std::string touch_id;
    if (auto query = ParseQuery(call.target); query.ok()) {
      if (auto found = query->find(kTouchIdArgument); found != query->end())
        touch_id = found->second;
    }
    auto items = ParseTwilio(*params, std::move(touch_id));
    if (!items.ok()) return items.status();
    return WebhookPayload{*std::move(items)};
  }
};

}  // namespace

const WebhookProvider& TwilioWebhookProvider() {
  static const TwilioWebhook provider;
  return provider;
}

}  // namespace tact
