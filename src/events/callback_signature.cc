#include "events/callback_signature.h"

#include <cstdlib>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "events/providers/signatures.h"

namespace tact {
namespace {

std::string SignatureAt(absl::string_view secret, absl::string_view seconds,
                        absl::string_view body) {
  return absl::BytesToHexString(HmacSha256(secret, absl::StrCat(seconds, ".", body)));
}

}  // namespace

std::string CallbackSignature(absl::string_view secret, absl::Time at, absl::string_view body) {
  const std::string seconds = absl::StrCat(absl::ToUnixSeconds(at));
  return absl::StrCat("t=", seconds, ",v1=", SignatureAt(secret, seconds, body));
}

absl::Status VerifyCallbackSignature(absl::string_view secret, absl::string_view header,
                                     absl::string_view body, absl::Time now,
                                     absl::Duration max_age) {
  absl::string_view seconds, signature;
  for (absl::string_view part : absl::StrSplit(header, ',')) {
    if (absl::ConsumePrefix(&part, "t=")) seconds = part;
    if (absl::ConsumePrefix(&part, "v1=")) signature = part;
  }
  int64_t unix_seconds = 0;
  if (seconds.empty() || signature.empty() || !absl::SimpleAtoi(seconds, &unix_seconds)) {
    return absl::UnauthenticatedError("X-Tact-Signature: expected t=<unix seconds>,v1=<hex>");
  }
  const absl::Duration age = now - absl::FromUnixSeconds(unix_seconds);
  if (absl::AbsDuration(age) > max_age) {
    return absl::UnauthenticatedError(
        absl::StrCat("X-Tact-Signature: made ", absl::FormatDuration(age),
                     " from now, more than the ", absl::FormatDuration(max_age), " allowed"));
  }
  if (secret.empty() || !ConstantTimeEquals(SignatureAt(secret, seconds, body), signature)) {
    return absl::UnauthenticatedError("X-Tact-Signature: does not match the body with this secret");
  }
  return absl::OkStatus();
}

}  // namespace tact
