#include "events/callback_signature.h"

#include <gtest/gtest.h>

namespace tact {
namespace {

constexpr char kSecret[] = "callback-secret-0123";
const absl::Time kAt = absl::FromUnixSeconds(1900000000);

TEST(CallbackSignatureTest, IsHmacSha256OfTimeAndBody) {
  // From OpenSSL's command line:
  // echo -n '1900000000.{}' | openssl dgst -sha256 -hmac 'callback-secret-0123'
  EXPECT_EQ(CallbackSignature(kSecret, kAt, "{}"),
            "t=1900000000,v1=572d37960c32631bd5ec7391f2419974c967324e83f10c9c045f575639e4da0d");
}

TEST(CallbackSignatureTest, VerifiesItsOwnWithinTheWindowOnly) {
  const std::string header = CallbackSignature(kSecret, kAt, "{\"a\":1}");
  const absl::Duration window = absl::Minutes(5);
  EXPECT_TRUE(VerifyCallbackSignature(kSecret, header, "{\"a\":1}", kAt, window).ok());
  EXPECT_TRUE(
      VerifyCallbackSignature(kSecret, header, "{\"a\":1}", kAt + absl::Minutes(4), window).ok());
  const absl::Status late =
      VerifyCallbackSignature(kSecret, header, "{\"a\":1}", kAt + absl::Minutes(6), window);
  EXPECT_EQ(late.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(late.message().find("more than the 5m allowed"), std::string::npos) << late;
  EXPECT_FALSE(
      VerifyCallbackSignature(kSecret, header, "{\"a\":1}", kAt - absl::Minutes(6), window).ok());
  const absl::Status changed = VerifyCallbackSignature(kSecret, header, "{\"a\":2}", kAt, window);
  EXPECT_NE(changed.message().find("does not match"), std::string::npos) << changed;
  EXPECT_FALSE(
      VerifyCallbackSignature("another-secret-4567", header, "{\"a\":1}", kAt, window).ok());
  EXPECT_FALSE(VerifyCallbackSignature("", header, "{\"a\":1}", kAt, window).ok());
  for (const char* malformed : {"", "t=1900000000", "v1=00", "t=soon,v1=00"}) {
    const absl::Status status = VerifyCallbackSignature(kSecret, malformed, "{}", kAt, window);
    EXPECT_NE(status.message().find("expected t=<unix seconds>,v1=<hex>"), std::string::npos)
        << malformed;
  }
}

}  // namespace
}  // namespace tact
