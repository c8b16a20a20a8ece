// One connection of the HTTP server, and the worker (an I/O thread) that
// owns it: private to the server's two files (http_server.cc, the listener
// and its threads; http_session.cc, a connection's life from its first byte
// to its close).
#pragma once

// clang-format off
#include <utility>  // before Asio, whose coroutine header uses std::exchange without it
// clang-format on
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/time/time.h"
#include "server/api.h"
#include "server/api_error.h"
#include "server/http_server.h"
#include "server/request_framing.h"

namespace tact {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

inline std::chrono::steady_clock::duration Chrono(absl::Duration duration) {
  return absl::ToChronoNanoseconds(duration);
}

struct HttpServer::Worker {
  asio::io_context io{1};
  std::optional<tcp::acceptor> acceptor;
  absl::flat_hash_set<Session*> sessions;  // touched only on this worker's thread
  bool draining = false;                   // likewise
  std::atomic<size_t> idle_sessions{0};    // sessions waiting for a request; read by all
  uint64_t next_request = 0;
  int index = 0;
};

class HttpServer::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(HttpServer& server, Worker& worker, tcp::socket socket);
  ~Session();

  bool idle() const { return idle_; }
  std::chrono::steady_clock::time_point idle_since() const { return idle_since_; }
  void SetIdle(bool idle);
  void Start() { WaitForRequest(); }

  // Refuses the connection: the server is at max_connections.
  void RefuseBusy();

  // Shutdown: an idle connection closes now; a busy one after its response.
  void Drain();

 private:
  static constexpr size_t kReadChunk = 64 << 10;
  static constexpr size_t kInlineBodyBytes = 64 << 10;
  void ReleaseBody();
  void WaitForRequest();
  void ReadHeader();

  // What the header alone decides: a refused request is answered without
  // its body; an admitted one gets its route's body limit and a share of the
  // in-flight body budget. False when an answer is already on its way.
  bool AdmitBody();
  void OnHeader(beast::error_code error, size_t header_bytes);
  void ReadBody();
  void OnReadError(beast::error_code error);
  void OnRequest();

  // Runs the request through the Api (the session waits meanwhile, so its
  // parser is not touched from elsewhere). `busy` keeps the I/O loop alive
  // until the answer is handed back to it.
  void Handle(std::shared_ptr<void> busy);
  void Respond(ApiResult& result);
  void WriteError(const ApiError& error);
  void Write();

  // After the last response: stop sending and read (and drop) what the client
  // still sends for a moment, so that closing does not reset the connection
  // before the client has read the response (e.g. a 413 sent mid-upload).
  void Linger();
  void DrainInput(size_t drained);
  void Close();

  HttpServer& server_;
  Worker& worker_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<RequestParser> parser_;
  std::optional<http::response<http::string_body>> response_;
  std::string request_id_;
  absl::Time request_start_;
  std::string remote_;
  bool idle_ = false;
  std::chrono::steady_clock::time_point idle_since_;
  bool keep_alive_ = true;
  uint64_t served_ = 0;    // requests read on this connection
  size_t body_limit_ = 0;  // the current request's route's
  size_t reserved_ = 0;    // of the server's in-flight body budget
};

}  // namespace tact
