#include "server/callback_sender.h"

#include <gtest/gtest.h>

#include "testing/fixtures.h"

namespace tact {
namespace {

using testing::T;

HeldTouch Sent() {
  HeldTouch held;
  held.id = 0xabc;
  held.outcome = Outcome::kSend;
  held.held_at = T("2030-03-05T15:00:00Z");
  held.decided_at = T("2030-03-06T15:00:00Z");
  held.expires = absl::InfiniteFuture();
  held.touch.person_id = "p-\"1\"\n";
  held.touch.tool = "braze";
  return held;
}

TEST(CallbackSenderTest, TemplatesEscapeValuesForJsonStrings) {
  ToolCallback tool;
  tool.body =
      R"({"id": "{{person_id}}", "send": {{send}}{{#sent}}, "touch": "{{touch_id}}"{{/sent}}})";
  EXPECT_EQ(RenderCallbackBody(tool, Sent()),
            R"({"id": "p-\"1\"\n", "send": true, "touch": "t_0000000000000abc"})");
  HeldTouch suppressed = Sent();
  suppressed.outcome = Outcome::kSuppress;
  EXPECT_EQ(RenderCallbackBody(tool, suppressed), R"({"id": "p-\"1\"\n", "send": false})");
}

TEST(CallbackSenderTest, UrlTemplatesPercentEncodeValues) {
  ToolCallback tool;
  tool.url = "https://api.hubapi.com/automation/v2/workflows/7/enrollments/contacts/{{email}}";
  Person person;
  person.email = "ana+news@example.com";
  EXPECT_EQ(RenderCallbackUrl(tool, Sent(), &person),
            "https://api.hubapi.com/automation/v2/workflows/7/enrollments/contacts/"
            "ana%2Bnews%40example.com");
}

TEST(CallbackSenderTest, WithoutATemplateTactsOwnJson) {
  const std::string body = RenderCallbackBody(ToolCallback{}, Sent());
  EXPECT_NE(body.find(R"("hold_id":"h_0000000000000abc")"), std::string::npos) << body;
  EXPECT_NE(body.find(R"("send":true)"), std::string::npos) << body;
  EXPECT_NE(body.find(R"("expires":null)"), std::string::npos) << body;
  EXPECT_NE(body.find(R"("attempt":1)"), std::string::npos) << body;
}

TEST(CallbackConfigTest, MistakesAreNamedWithTheirLine) {
  auto config = CallbackConfig::FromString(R"(
[retries]
max_attempts = 0

[tool.braze]
url = "ftp://x"
secret = "short"
body = "{{#open}}"
outcomes = ["send", "maybe"]
colour = "red"
)",
                                           "callbacks.toml");
  ASSERT_FALSE(config.ok());
  const std::string message(config.status().message());
  for (const char* expected :
       {"callbacks.toml:3", "retries.max_attempts", "tool.braze.url", "tool.braze.secret",
        "tool.braze.body", "tool.braze.outcomes", "tool.braze.colour"}) {
    EXPECT_NE(message.find(expected), std::string::npos) << expected << "\n" << message;
  }
}

TEST(CallbackConfigTest, ResolvesOnLimitFromTheTool) {
  auto config = CallbackConfig::FromString(R"(
[tool.crm]
url = "https://crm.example.com/hook"
secret = "0123456789abcdef"
hold = true
)",
                                           "callbacks.toml");
  ASSERT_TRUE(config.ok()) << config.status();
  Touch touch;
  touch.tool = "crm";
  ASSERT_TRUE(ResolveOnLimit(*config, true, touch).ok());
  EXPECT_EQ(touch.on_limit, OnLimit::kHold);
  Touch elsewhere;
  elsewhere.tool = "mail";
  ASSERT_TRUE(ResolveOnLimit(*config, true, elsewhere).ok());
  EXPECT_EQ(elsewhere.on_limit, OnLimit::kDefer);
  elsewhere.on_limit = OnLimit::kHold;
  EXPECT_TRUE(absl::IsInvalidArgument(ResolveOnLimit(*config, true, elsewhere)));
  Touch no_state;
  no_state.tool = "crm";
  ASSERT_TRUE(ResolveOnLimit(*config, false, no_state).ok());
  EXPECT_EQ(no_state.on_limit, OnLimit::kDefer);  // the default needs state that holds
}

}  // namespace
}  // namespace tact
