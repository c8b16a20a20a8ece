// HTTP/1.1 transport (Boost.Beast on Asio): one io_context and one thread
// per core, each accepting on one shared listening socket (no SO_REUSEPORT:
// a second server on the same address is refused); keep-alive; every
// request handed to the Api on the thread that read it, or, for a body over
// 64 KiB (a batch), on a work pool of as many threads, so that an I/O
// thread is never held by a batch while /healthz, /readyz and /metrics
// wait behind it.
//
// Limits (ServerOptions), each answered in the API's error shape:
//   header bigger than max_header_bytes  -> 431, connection closed
//   body bigger than max_body_bytes      -> 413 (before reading it when
//                                           Content-Length says so)
//   a token missing or wrong, an unknown route -> answered on the header
//                                           alone, the body never read
//   a body bigger than its route's limit (webhooks, unsubscribe: small)
//                                        -> 413
//   bodies in flight beyond max_inflight_body_bytes -> 503, Retry-After
//   a Transfer-Encoding other than chunked -> 400, connection closed
//   a chunk header line longer than the header limit -> 400, closed
//   no first byte within header_timeout on a new connection, header not
//   complete in header_timeout, body not in body_timeout,
//   no new request within idle_timeout on a kept-alive connection -> closed
//   at max_connections, a newcomer closes an idle connection (one waiting
//   for its next request) to take its place; with none idle -> 503 with
//   Retry-After to the newcomer, closed
//   a response not taken by the client within write_timeout -> closed
// Malformed HTTP gets a 400 and the connection is closed.
//
// Shutdown(): stop accepting, close idle connections, let requests in flight
// finish (answered with Connection: close), then Run() returns; connections
// still busy after drain_timeout are cut.
#pragma once

#include <atomic>
#include <boost/asio/thread_pool.hpp>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/time/time.h"
#include "server/api.h"
#include "server/logs.h"

namespace tact {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: an ephemeral port (see HttpServer::port)
  int threads = 0;       // 0: one per core
  size_t max_body_bytes = 16 << 20;
  size_t max_header_bytes = 16 << 10;
  absl::Duration header_timeout = absl::Seconds(10);
  absl::Duration body_timeout = absl::Seconds(30);
  absl::Duration idle_timeout = absl::Seconds(60);
  absl::Duration write_timeout = absl::Seconds(30);
  size_t max_connections = 10000;
  // Bodies being read at once, in all, at most (Content-Length, or the
  // route's limit for a chunked body): more -> 503 with Retry-After.
  size_t max_inflight_body_bytes = size_t{256} << 20;
  absl::Duration drain_timeout = absl::Seconds(30);
};

class HttpServer {
 public:
  HttpServer(ServerOptions options, Api& api, Logs& logs);
  ~HttpServer();

  // Binds the listening sockets. Errors: Unavailable when the address cannot
  // be bound (in use, not local), InvalidArgument for a bad host.
  absl::Status Listen();
  uint16_t port() const { return port_; }

  // Serves until Shutdown() has drained; blocks.
  void Run();
  // Safe from any thread (not from a signal handler).
  void Shutdown();

  size_t open_connections() const { return connections_.load(); }

  struct Worker;
  class Session;

 private:
  void Accept(Worker& worker);
  // On `worker`'s thread: closes one connection waiting for a request.
  static void CloseOneIdle(Worker& worker);
  // An answer starts, and ends, waiting for its changes to be durable.
  void AnswerWaits();
  void AnswerCame();

  ServerOptions options_;
  Api& api_;
  Logs& logs_;
  uint16_t port_ = 0;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::atomic<size_t> connections_{0};
  std::atomic<size_t> inflight_body_bytes_{0};
  std::atomic<bool> stopping_{false};
  std::mutex drained_mutex_;
  std::condition_variable drained_;
  bool workers_done_ ABSL_GUARDED_BY(drained_mutex_) = false;
  // Answers waiting for their changes to be durable (the journal calls them
  // back on its thread): Run() does not return, and the I/O contexts are
  // not destroyed, while one is still to come.
  std::mutex answers_mutex_;
  std::condition_variable answers_done_;
  size_t answers_waiting_ ABSL_GUARDED_BY(answers_mutex_) = 0;
  std::thread watchdog_;
  // Large requests (batches) run here, off the I/O threads.
  boost::asio::thread_pool pool_;
};

}  // namespace tact
