// libFuzzer target: the input is one raw HTTP request. It goes through
// Beast's parser with tact's limits, the checks tact makes on the header
// (Transfer-Encoding, Api::Admit: route, token, body limit) and then the
// Api: routing, every JSON and form decoder behind the routes, and the
// service on state in memory. Beyond crashes and sanitizer reports, it fails
// on any answer a client could not use: a 5xx, or a body that is not valid
// UTF-8, or JSON that does not parse.
//
// Run: scripts/fuzz (bounded) or build-asan/fuzz/http_fuzzer CORPUS_DIR.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "absl/strings/match.h"
#include "boost/beast/http.hpp"
#include "policy/policy.h"
#include "policy/policy_loader.h"
#include "server/api.h"
#include "server/http_server.h"
#include "server/request_framing.h"
#include "server/service.h"
#include "simdjson.h"
#include "store/memory_state.h"

namespace {

namespace http = boost::beast::http;
using tact::Api;
using tact::ApiRequest;
using tact::ApiResult;

absl::string_view View(boost::beast::string_view text) { return {text.data(), text.size()}; }

// The whole server, made once: requests accumulate state, as on a live one.
struct World {
  World()
      : policy(std::make_shared<const tact::Policy>(
            *tact::LoadPolicyFromString(tact::DefaultPolicyText(), "default-policy.toml"))),
        governor(
            policy, state.ports(), metrics, [] { return absl::FromUnixSeconds(1'800'000'000); },
            tact::UnsubscribeLinks{std::string(32, 'k'), "https://tact.example.com"}),
        service(governor, metrics, tact::ServiceLimits{}, Webhooks()),
        api(service, metrics, /*tokens=*/nullptr,
            [] { return std::vector<tact::Metrics::Gauge>{}; }) {}

  static tact::WebhookConfig Webhooks() {
    tact::WebhookConfig config;
    // Postmark's basic login is in the corpus (fuzz/make_corpus.py), so the
    // fuzzer reaches its decoder through the route; the others' signatures
    // it cannot make (fuzz/decoders_fuzzer.cc reads their payloads).
    config.providers["postmark"].text = {{"username", "tact"},
                                         {"password", "fuzz-postmark-password"}};
    config.providers["mailgun"].text = {{"signing_key", "fuzz-mailgun-key"}};
    config.providers["twilio"].text = {{"auth_token", "fuzz-twilio-token"}};
    return config;
  }

  std::shared_ptr<const tact::Policy> policy;
  tact::MemoryState state;
  tact::Metrics metrics;
  tact::Governor governor;
  tact::Service service;
  Api api;
};

void Check(bool ok, const char* what, const tact::HttpResponse& response) {
  if (ok) return;
  std::fprintf(stderr, "%s: %d %.*s\n", what, response.status,
               static_cast<int>(std::min<size_t>(response.body.size(), 2000)),
               response.body.data());
  std::abort();
}

void CheckAnswer(const tact::HttpResponse& response) {
  Check(response.status >= 200 && response.status < 500, "a 5xx or an impossible status", response);
  Check(simdjson::validate_utf8(response.body.data(), response.body.size()), "invalid UTF-8",
        response);
  if (absl::StartsWith(response.content_type, "application/json")) {
    static simdjson::dom::parser parser;
    Check(!parser.parse(response.body).error(), "JSON that does not parse", response);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World* world = new World();
  const tact::ServerOptions defaults;
  tact::RequestParser parser;
  tact::LimitParser(parser, defaults.max_header_bytes, defaults.max_body_bytes);
  parser.eager(false);
  boost::beast::error_code error;
  const char* bytes = reinterpret_cast<const char*>(data);
  size_t used = parser.put(boost::asio::buffer(bytes, size), error);
  if (error || !parser.is_header_done()) return 0;  // tact answers 400, or waits
  const auto& header = parser.get();
  if (tact::FramingProblem(parser)) return 0;  // 400
  Api::Admission admission =
      world->api.Admit(View(header.method_string()), View(header.target()),
                       View(header[http::field::authorization]), defaults.max_body_bytes);
  if (admission.refused) {
    CheckAnswer(admission.refused->response);
    return 0;
  }
  parser.body_limit(admission.body_limit);
  parser.eager(true);
  while (!error && !parser.is_done() && used < size) {
    used += parser.put(boost::asio::buffer(bytes + used, size - used), error);
  }
  if (!parser.is_done() && !error) parser.put_eof(error);
  if (error || !parser.is_done()) return 0;  // 400 or 413, or the connection waits
  const auto& request = parser.get();
  const auto header_named = [&request](absl::string_view name) {
    return View(request[boost::beast::string_view(name.data(), name.size())]);
  };
  ApiResult result = world->api.Handle(
      ApiRequest{View(request.method_string()), View(request.target()),
                 View(request[http::field::authorization]), request.body(), header_named});
  CheckAnswer(result.response);
  return 0;
}
