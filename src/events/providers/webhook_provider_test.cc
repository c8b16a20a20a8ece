#include "events/providers/webhook_provider.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace tact {
namespace {

absl::string_view NoHeader(absl::string_view) { return {}; }
absl::StatusOr<bool> AlwaysFirst(const std::string&) { return true; }

WebhookCall CallAt(absl::Time now) {
  return WebhookCall{.target = "/v1/webhooks/x",
                     .url = "https://tact.example.com/v1/webhooks/x",
                     .header = NoHeader,
                     .body = "",
                     .now = now,
                     .replay_window = absl::Minutes(15),
                     .first_use = AlwaysFirst};
}

TEST(WebhookProviderTest, EveryRegisteredProviderHasItsOwnNameAndRequiredSettings) {
  std::set<std::string> names;
  for (const WebhookProvider* provider : WebhookProviders()) {
    EXPECT_TRUE(names.insert(std::string(provider->name())).second) << provider->name();
    EXPECT_EQ(FindWebhookProvider(provider->name()), provider);
    bool any_required = false;
    for (const SettingKey& key : provider->settings()) any_required |= key.required;
    EXPECT_TRUE(any_required) << provider->name() << " must take a secret";
  }
  EXPECT_EQ(names, (std::set<std::string>{"sendgrid", "mailgun", "postmark", "ses", "twilio"}));
  EXPECT_EQ(FindWebhookProvider("sparkpost"), nullptr);
  EXPECT_EQ(WebhookProviderNames(), "sendgrid, mailgun, postmark, ses and twilio");
}

TEST(WebhookProviderTest, AnUnsignedRequestIsRefusedBeforeItsBodyIsRead) {
  const WebhookCall call = CallAt(absl::FromUnixSeconds(1'800'000'000));
  ProviderSettings settings;
  settings.text = {
      {"verification_key", "key"}, {"username", "u"}, {"password", "p"}, {"auth_token", "t"}};
  for (absl::string_view name : {"sendgrid", "postmark"}) {
    const absl::Status verified = FindWebhookProvider(name)->Verify(call, settings);
    EXPECT_EQ(verified.code(), absl::StatusCode::kUnauthenticated) << name << ": " << verified;
  }
}

TEST(WebhookProviderTest, ASignatureOutsideTheReplayWindowIsRefused) {
  const absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  const WebhookCall call = CallAt(now);
  EXPECT_TRUE(CheckFresh("timestamp", now - absl::Minutes(14), call).ok());
  EXPECT_TRUE(CheckFresh("timestamp", now + absl::Minutes(14), call).ok());
  const absl::Status stale = CheckFresh("timestamp", now - absl::Minutes(16), call);
  EXPECT_EQ(stale.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(stale.message().find("replay window"), absl::string_view::npos) << stale;
  EXPECT_EQ(CheckFresh("timestamp", std::nullopt, call).code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(UnixSeconds("1800000000"), now);
  EXPECT_FALSE(UnixSeconds("soon").has_value());
}

}  // namespace
}  // namespace tact
