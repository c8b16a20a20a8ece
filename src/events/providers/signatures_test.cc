#include "events/providers/signatures.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <fstream>
#include <sstream>

#include "absl/strings/escaping.h"

namespace tact {
namespace {

// The providers' own published vectors (tests/fixtures), as they are.
std::string VectorsDir() {
  return std::string(TACT_FIXTURES_DIR) + "/esp-webhooks/signature-vectors";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Vectors {
  simdjson::dom::parser parser;
  simdjson::dom::array list;
  explicit Vectors(const std::string& provider) {
    const std::string text = ReadFile(VectorsDir() + "/" + provider + "/vectors.json");
    EXPECT_FALSE(text.empty()) << "missing vectors for " << provider;
    simdjson::dom::element root;
    EXPECT_EQ(parser.parse(text).get(root), simdjson::SUCCESS);
    EXPECT_EQ(root["vectors"].get_array().get(list), simdjson::SUCCESS);
  }
};

std::string Text(simdjson::dom::element vector, const char* key) {
  std::string_view value;
  if (vector[key].get_string().get(value) != simdjson::SUCCESS) return "";
  return std::string(value);
}

TEST(SignaturesTest, SendGridPublishedVectors) {
  Vectors vectors("sendgrid");
  int checked = 0;
  for (simdjson::dom::element vector : vectors.list) {
    // The exact bytes SendGrid signed, where the vector names a file.
    const std::string file = Text(vector, "payload_file");
    const std::string body =
        file.empty() ? Text(vector, "payload") : ReadFile(VectorsDir() + "/sendgrid/" + file);
    EXPECT_EQ(VerifySendGrid(Text(vector, "public_key"), Text(vector, "signature"),
                             Text(vector, "timestamp"), body),
              vector["expected"].get_bool().value())
        << Text(vector, "name");
    ++checked;
  }
  EXPECT_EQ(checked, 6);
}

TEST(SignaturesTest, SendGridRejectsATamperedBodyAndGarbage) {
  Vectors vectors("sendgrid");
  simdjson::dom::element good = vectors.list.at(0);
  std::string body = ReadFile(VectorsDir() + "/sendgrid/single-event.payload.bin");
  ASSERT_TRUE(VerifySendGrid(Text(good, "public_key"), Text(good, "signature"),
                             Text(good, "timestamp"), body));
  body[10] ^= 1;
  EXPECT_FALSE(VerifySendGrid(Text(good, "public_key"), Text(good, "signature"),
                              Text(good, "timestamp"), body));
  EXPECT_FALSE(VerifySendGrid("not base64!", Text(good, "signature"), "1", body));
  EXPECT_FALSE(VerifySendGrid(Text(good, "public_key"), "", "1", body));
}

TEST(SignaturesTest, MailgunPublishedVectors) {
  Vectors vectors("mailgun");
  int checked = 0;
  for (simdjson::dom::element vector : vectors.list) {
    EXPECT_EQ(VerifyMailgun(Text(vector, "signing_key"), Text(vector, "timestamp"),
                            Text(vector, "token"), Text(vector, "signature")),
              vector["expected"].get_bool().value())
        << Text(vector, "name");
    ++checked;
  }
  EXPECT_EQ(checked, 2);
}

TEST(SignaturesTest, TwilioPublishedVectors) {
  Vectors vectors("twilio");
  int checked = 0;
  for (simdjson::dom::element vector : vectors.list) {
    if (Text(vector, "signature").empty()) continue;  // the JSON body-hash note
    std::vector<std::pair<std::string, std::string>> params;
    simdjson::dom::object single;
    simdjson::dom::array multi;
    if (vector["params"].get_object().get(single) == simdjson::SUCCESS) {
      for (auto [name, value] : single) {
        params.emplace_back(std::string(name), std::string(value.get_string().value()));
      }
    } else {
      ASSERT_EQ(vector["params_multi"].get_array().get(multi), simdjson::SUCCESS);
      for (simdjson::dom::element pair : multi) {
        params.emplace_back(std::string(pair.at(0).get_string().value()),
                            std::string(pair.at(1).get_string().value()));
      }
    }
    const bool expected = vector["expected"].get_bool().value();
    EXPECT_EQ(VerifyTwilio(Text(vector, "auth_token"), Text(vector, "url"), params,
                           Text(vector, "signature")),
              expected)
        << Text(vector, "name");
    // Forged: another token, or one parameter changed.
    EXPECT_FALSE(VerifyTwilio("54321", Text(vector, "url"), params, Text(vector, "signature")));
    params[0].second += "0";
    EXPECT_FALSE(VerifyTwilio(Text(vector, "auth_token"), Text(vector, "url"), params,
                              Text(vector, "signature")));
    ++checked;
  }
  EXPECT_EQ(checked, 3);
}

}  // namespace
}  // namespace tact

namespace tact {
namespace {

// HubSpot's one published v3 vector (tests/fixtures/tool-callouts/hubspot,
// from HubSpot's Python client's tests), as it is.
TEST(SignaturesTest, HubSpotV3PublishedVector) {
  const std::string text =
      ReadFile(std::string(TACT_FIXTURES_DIR) + "/tool-callouts/hubspot/signature-vectors.json");
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(text).get(root), simdjson::SUCCESS);
  int checked = 0;
  for (simdjson::dom::element vector : root["vectors"].get_array()) {
    if (Text(vector, "version") != "v3") continue;
    const std::string secret = Text(vector, "client_secret"), method = Text(vector, "http_method"),
                      uri = Text(vector, "uri"), body = Text(vector, "request_body"),
                      timestamp = Text(vector, "timestamp"),
                      signature = Text(vector, "expected_signature");
    EXPECT_TRUE(VerifyHubSpotV3(secret, method, uri, body, timestamp, signature));
    // Any change to what is signed fails it.
    EXPECT_FALSE(VerifyHubSpotV3(secret, method, uri, body + " ", timestamp, signature));
    EXPECT_FALSE(VerifyHubSpotV3(secret, "GET", uri, body, timestamp, signature));
    EXPECT_FALSE(VerifyHubSpotV3(secret, method, uri + "x", body, timestamp, signature));
    EXPECT_FALSE(VerifyHubSpotV3(secret, method, uri, body, "1693657560001", signature));
    EXPECT_FALSE(VerifyHubSpotV3("another-secret", method, uri, body, timestamp, signature));
    EXPECT_FALSE(VerifyHubSpotV3(secret, method, uri, body, timestamp, "not base64!"));
    ++checked;
  }
  EXPECT_EQ(checked, 1);
}

// HubSpot decodes some escapes of the URI before signing it.
TEST(SignaturesTest, HubSpotV3SignsTheUriWithItsListedEscapesDecoded) {
  const std::string secret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
  const std::string signed_uri = "https://tact.example.com/v1/check?email=ana@example.com";
  const std::string signature = absl::Base64Escape(
      HmacSha256(secret, "POST" + signed_uri + "{}" + std::string("1693657560000")));
  EXPECT_TRUE(VerifyHubSpotV3(secret, "POST", signed_uri, "{}", "1693657560000", signature));
  EXPECT_TRUE(VerifyHubSpotV3(secret, "POST",
                              "https://tact.example.com/v1/check?email=ana%40example.com", "{}",
                              "1693657560000", signature));
  EXPECT_FALSE(VerifyHubSpotV3(secret, "POST",
                               "https://tact.example.com/v1/check?email=ana%41example.com", "{}",
                               "1693657560000", signature));
}

}  // namespace
}  // namespace tact
