#include "mail/check_client.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <simdjson.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace tact {

namespace beast = boost::beast;
namespace http = beast::http;
using boost::asio::ip::tcp;

// Idle connections kept for reuse; more at once are opened and closed.
constexpr size_t kIdleConnections = 16;

struct CheckClient::Connection {
  boost::asio::io_context io;
  beast::tcp_stream stream{io};
  beast::flat_buffer buffer;
  bool open = false;
};

namespace {

std::string RequestBody(const CheckFields& fields) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  for (const auto& [name, value] : fields) {
    writer.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
    writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  }
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

absl::StatusOr<CheckReply> ReadReply(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(body).get(root) != simdjson::SUCCESS || !root.is_object()) {
    return absl::InternalError(absl::StrCat("tact answered with something not JSON: ", body));
  }
  CheckReply reply;
  const auto text = [&](const char* key, std::string& into) {
    std::string_view value;
    if (root[key].get_string().get(value) == simdjson::SUCCESS) into = std::string(value);
  };
  text("decision", reply.decision);
  text("defer_until", reply.defer_until);
  text("reason", reply.reason);
  text("reason_code", reply.reason_code);
  text("touch_id", reply.touch_id);
  text("person_id", reply.person_id);
  text("unsubscribe_url", reply.unsubscribe_url);
  text("hold_id", reply.hold_id);
  if (reply.decision != "send" && reply.decision != "defer" && reply.decision != "suppress") {
    return absl::InternalError(absl::StrCat("tact's answer has no decision: ", body));
  }
  return reply;
}

// The message of an error answer ({"error": {"message": …}}), else the body.
std::string ErrorMessage(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  std::string_view message;
  if (parser.parse(body).get(root) == simdjson::SUCCESS &&
      root["error"]["message"].get_string().get(message) == simdjson::SUCCESS) {
    return std::string(message);
  }
  return body;
}

}  // namespace

absl::StatusOr<std::unique_ptr<CheckClient>> CheckClient::Create(CheckClientOptions options) {
  absl::string_view rest = options.url;
  if (!absl::ConsumePrefix(&rest, "http://")) {
    return absl::InvalidArgumentError(
        absl::StrCat("--tact: '", options.url, "' must be http://HOST[:PORT]"));
  }
  absl::ConsumeSuffix(&rest, "/");
  std::string host(rest), port = "80";
  if (absl::StartsWith(rest, "[")) {  // [IPv6]:PORT
    const size_t close = rest.find(']');
    if (close != absl::string_view::npos) {
      host = std::string(rest.substr(1, close - 1));
      if (rest.size() > close + 2 && rest[close + 1] == ':')
        port = std::string(rest.substr(close + 2));
    }
  } else if (const size_t colon = rest.rfind(':'); colon != absl::string_view::npos) {
    host = std::string(rest.substr(0, colon));
    port = std::string(rest.substr(colon + 1));
  }
  int number = 0;
  if (host.empty() || !absl::SimpleAtoi(port, &number) || number <= 0 || number > 65535 ||
      host.find('/') != std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("--tact: '", options.url, "' must be http://HOST[:PORT]"));
  }
  return std::unique_ptr<CheckClient>(
      new CheckClient(std::move(options), std::move(host), std::move(port)));
}

CheckClient::CheckClient(CheckClientOptions options, std::string host, std::string port)
    : options_(std::move(options)), host_(std::move(host)), port_(std::move(port)) {}

CheckClient::~CheckClient() = default;

std::unique_ptr<CheckClient::Connection> CheckClient::Take() {
  {
    absl::MutexLock lock(&mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<Connection> connection = std::move(idle_.back());
      idle_.pop_back();
      return connection;
    }
  }
  return std::make_unique<Connection>();
}

void CheckClient::GiveBack(std::unique_ptr<Connection> connection) {
  absl::MutexLock lock(&mutex_);
  if (idle_.size() < kIdleConnections) idle_.push_back(std::move(connection));
}

// One request and its answer on `connection` (connected first when it is
// not), within the timeout: the status code and body.
absl::StatusOr<std::pair<int, std::string>> CheckClient::Post(Connection& connection,
                                                              const std::string& body) {
  const auto timeout = std::chrono::milliseconds(absl::ToInt64Milliseconds(options_.timeout));
  beast::error_code error;
  connection.io.restart();
  if (!connection.open) {
    tcp::resolver resolver(connection.io);
    const auto endpoints = resolver.resolve(host_, port_, error);
    if (error)
      return absl::UnavailableError(absl::StrCat("cannot resolve ", host_, ": ", error.message()));
    connection.stream.expires_after(timeout);
    connection.stream.async_connect(endpoints,
                                    [&](beast::error_code e, const tcp::endpoint&) { error = e; });
    connection.io.run();
    if (error) {
      connection.stream.close();
      return absl::UnavailableError(
          absl::StrCat("cannot connect to tact at ", options_.url, ": ", error.message()));
    }
    connection.stream.socket().set_option(tcp::no_delay(true));
    connection.open = true;
    connection.io.restart();
  }
  http::request<http::string_body> request(http::verb::post, "/v1/check", 11);
  request.set(http::field::host, host_);
  request.set(http::field::content_type, "application/json");
  if (!options_.token.empty()) {
    request.set(http::field::authorization, absl::StrCat("Bearer ", options_.token));
  }
  request.keep_alive(true);
  request.body() = body;
  request.prepare_payload();
  http::response<http::string_body> response;
  connection.stream.expires_after(timeout);
  http::async_write(connection.stream, request, [&](beast::error_code e, size_t) {
    if (e) {
      error = e;
      return;
    }
    http::async_read(connection.stream, connection.buffer, response,
                     [&](beast::error_code e2, size_t) { error = e2; });
  });
  connection.io.run();
  if (error) {
    connection.stream.close();
    connection.open = false;
    connection.buffer.clear();
    return absl::UnavailableError(
        absl::StrCat("no answer from tact at ", options_.url, ": ", error.message()));
  }
  if (!response.keep_alive()) {
    connection.stream.close();
    connection.open = false;
  }
  return std::make_pair(response.result_int(), std::move(response.body()));
}

absl::StatusOr<CheckReply> CheckClient::Check(const CheckFields& fields) {
  const std::string body = RequestBody(fields);
  std::unique_ptr<Connection> connection = Take();
  const bool reused = connection->open;
  absl::StatusOr<std::pair<int, std::string>> answer = Post(*connection, body);
  // A kept connection the server closed meanwhile: once more on a new one.
  if (!answer.ok() && reused) answer = Post(*connection, body);
  if (!answer.ok()) return answer.status();
  GiveBack(std::move(connection));
  const auto& [status, text] = *answer;
  if (status == 200) return ReadReply(text);
  if (status == 401 || status == 403) {
    return absl::UnauthenticatedError(
        absl::StrCat("tact refused the milter's token (HTTP ", status, "): ", ErrorMessage(text)));
  }
  if (status >= 400 && status < 500) {
    return absl::InvalidArgumentError(ErrorMessage(text));
  }
  return absl::UnavailableError(
      absl::StrCat("tact answered HTTP ", status, ": ", ErrorMessage(text)));
}

}  // namespace tact
