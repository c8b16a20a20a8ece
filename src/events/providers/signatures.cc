#include "events/providers/signatures.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <memory>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace tact {
namespace {

std::string Hmac(const EVP_MD* digest, absl::string_view key, absl::string_view message) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(digest, key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), out, &length);
  return std::string(reinterpret_cast<const char*>(out), length);
}

// "https://host:1234/path?q" -> "https://host/path?q"; empty when no port.
std::string WithoutPort(absl::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == absl::string_view::npos) return "";
  const size_t host_start = scheme + 3;
  const size_t path_start = std::min(url.find('/', host_start), url.size());
  const absl::string_view authority = url.substr(host_start, path_start - host_start);
  const size_t colon = authority.rfind(':');
  if (colon == absl::string_view::npos || authority.find(']', colon) != absl::string_view::npos)
    return "";
  return absl::StrCat(url.substr(0, host_start), authority.substr(0, colon),
                      url.substr(path_start));
}

}  // namespace

bool VerifySendGrid(absl::string_view public_key, absl::string_view signature,
                    absl::string_view timestamp, absl::string_view raw_body) {
  std::string key_der, signature_der;
  if (!absl::Base64Unescape(public_key, &key_der) ||
      !absl::Base64Unescape(signature, &signature_der)) {
    return false;
  }
  const unsigned char* key_bytes = reinterpret_cast<const unsigned char*>(key_der.data());
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      d2i_PUBKEY(nullptr, &key_bytes, static_cast<long>(key_der.size())), EVP_PKEY_free);
  if (!key || EVP_PKEY_base_id(key.get()) != EVP_PKEY_EC) return false;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  EVP_MD_CTX_free);
  return context &&
         EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
         EVP_DigestVerifyUpdate(context.get(), timestamp.data(), timestamp.size()) == 1 &&
         EVP_DigestVerifyUpdate(context.get(), raw_body.data(), raw_body.size()) == 1 &&
         EVP_DigestVerifyFinal(context.get(),
                               reinterpret_cast<const unsigned char*>(signature_der.data()),
                               signature_der.size()) == 1;
}

bool VerifyMailgun(absl::string_view signing_key, absl::string_view timestamp,
                   absl::string_view token, absl::string_view signature) {
  const std::string expected =
      absl::BytesToHexString(Hmac(EVP_sha256(), signing_key, absl::StrCat(timestamp, token)));
  return ConstantTimeEquals(expected, signature);
}

bool VerifyTwilio(absl::string_view auth_token, absl::string_view url,
                  std::vector<std::pair<std::string, std::string>> params,
                  absl::string_view signature) {
  std::sort(params.begin(), params.end());
  params.erase(std::unique(params.begin(), params.end()), params.end());
  std::string fields;
  for (const auto& [name, value] : params) absl::StrAppend(&fields, name, value);
  const auto matches = [&](absl::string_view signed_url) {
    const std::string expected =
        absl::Base64Escape(Hmac(EVP_sha1(), auth_token, absl::StrCat(signed_url, fields)));
    return ConstantTimeEquals(expected, signature);
  };
  if (matches(url)) return true;
  const std::string without_port = WithoutPort(url);
  return !without_port.empty() && matches(without_port);
}

namespace {

// The URI as HubSpot signs it: the escapes it lists decoded.
std::string HubSpotDecoded(absl::string_view uri) {
  static constexpr std::pair<absl::string_view, absl::string_view> kDecoded[] = {
      {"%3A", ":"}, {"%2F", "/"}, {"%3F", "?"}, {"%40", "@"}, {"%21", "!"}, {"%24", "$"},
      {"%27", "'"}, {"%28", "("}, {"%29", ")"}, {"%2A", "*"}, {"%2C", ","}, {"%3B", ";"}};
  std::string decoded;
  for (size_t i = 0; i < uri.size();) {
    bool replaced = false;
    for (const auto& [escape, character] : kDecoded) {
      if (i + 3 <= uri.size() && absl::EqualsIgnoreCase(uri.substr(i, 3), escape)) {
        decoded.append(character.data(), character.size());
        i += 3;
        replaced = true;
        break;
      }
    }
    if (!replaced) decoded.push_back(uri[i++]);
  }
  return decoded;
}

}  // namespace

bool VerifyHubSpotV3(absl::string_view client_secret, absl::string_view method,
                     absl::string_view uri, absl::string_view body, absl::string_view timestamp,
                     absl::string_view signature) {
  const auto matches = [&](absl::string_view signed_uri) {
    const std::string expected = absl::Base64Escape(
        Hmac(EVP_sha256(), client_secret, absl::StrCat(method, signed_uri, body, timestamp)));
    return ConstantTimeEquals(expected, signature);
  };
  if (client_secret.empty() || signature.empty()) return false;
  if (matches(uri)) return true;
  const std::string decoded = HubSpotDecoded(uri);
  return decoded != uri && matches(decoded);
}

bool VerifySns(absl::string_view certificate_pem, absl::string_view string_to_sign,
               absl::string_view signature, absl::string_view signature_version) {
  const EVP_MD* digest = signature_version == "1"   ? EVP_sha1()
                         : signature_version == "2" ? EVP_sha256()
                                                    : nullptr;
  std::string signature_der;
  if (digest == nullptr || !absl::Base64Unescape(signature, &signature_der)) return false;
  std::unique_ptr<BIO, decltype(&BIO_free)> pem(
      BIO_new_mem_buf(certificate_pem.data(), static_cast<int>(certificate_pem.size())), BIO_free);
  if (!pem) return false;
  std::unique_ptr<X509, decltype(&X509_free)> certificate(
      PEM_read_bio_X509(pem.get(), nullptr, nullptr, nullptr), X509_free);
  if (!certificate) return false;
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(X509_get_pubkey(certificate.get()),
                                                          EVP_PKEY_free);
  if (!key) return false;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  EVP_MD_CTX_free);
  return context && EVP_DigestVerifyInit(context.get(), nullptr, digest, nullptr, key.get()) == 1 &&
         EVP_DigestVerifyUpdate(context.get(), string_to_sign.data(), string_to_sign.size()) == 1 &&
         EVP_DigestVerifyFinal(context.get(),
                               reinterpret_cast<const unsigned char*>(signature_der.data()),
                               signature_der.size()) == 1;
}

bool ConstantTimeEquals(absl::string_view left, absl::string_view right) {
  return left.size() == right.size() && CRYPTO_memcmp(left.data(), right.data(), left.size()) == 0;
}

std::string HmacSha256(absl::string_view key, absl::string_view message) {
  return Hmac(EVP_sha256(), key, message);
}

}  // namespace tact
