#include "mail/held_mail.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "events/callback_signature.h"

namespace tact {
namespace {

constexpr char kSecret[] = "mail-callback-secret";
const absl::Time kNow = absl::FromUnixSeconds(1900000000);

HeldMailAnswer Answer(const std::string& body, const PostfixQueue& queue,
                      absl::Time signed_at = kNow) {
  return AnswerHeldMailCallback(kSecret, CallbackSignature(kSecret, signed_at, body), body, kNow,
                                queue);
}

TEST(HeldMailTest, NothingIsDoneForABadSignatureOrABodyThatIsNotAHeldTouchs) {
  const PostfixQueue queue({});
  const std::string body = R"({"hold_id":"h_1","decision":"send","hold_ref":"4AbC12"})";
  EXPECT_EQ(AnswerHeldMailCallback(kSecret, "t=1900000000,v1=00", body, kNow, queue).status, 401);
  EXPECT_EQ(Answer(body, queue, kNow - absl::Hours(1)).status, 401);
  const HeldMailAnswer not_json = Answer("decision=send", queue);
  EXPECT_EQ(not_json.status, 400);
  EXPECT_NE(not_json.text.find("body:"), std::string::npos) << not_json.text;
  const HeldMailAnswer defer = Answer(R"({"decision":"defer","hold_ref":"4AbC12"})", queue);
  EXPECT_EQ(defer.status, 400);
  EXPECT_NE(defer.text.find("decision:"), std::string::npos) << defer.text;
  for (const char* ref : {R"("")", R"("4AbC; rm -rf /")", R"(12)"}) {
    const HeldMailAnswer bad =
        Answer(absl::StrCat(R"({"decision":"suppress","hold_ref":)", ref, "}"), queue);
    EXPECT_EQ(bad.status, 400) << ref;
    EXPECT_NE(bad.text.find("hold_ref:"), std::string::npos) << bad.text;
  }
}

TEST(HeldMailTest, APostfixCommandThatCannotRunIsA503SoTactTriesAgain) {
  const PostfixQueue queue({.postsuper = "/nonexistent/postsuper"});
  const HeldMailAnswer answer =
      Answer(R"({"hold_id":"h_1","decision":"send","hold_ref":"4AbC12"})", queue);
  EXPECT_EQ(answer.status, 503);
  EXPECT_NE(answer.text.find("/nonexistent/postsuper"), std::string::npos) << answer.text;
}

}  // namespace
}  // namespace tact
