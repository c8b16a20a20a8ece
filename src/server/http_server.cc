#include "server/http_server.h"

#include <fcntl.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "server/http_session.h"

namespace tact {

namespace {
int ThreadCount(int asked) {
  const int threads = asked > 0 ? asked : static_cast<int>(std::thread::hardware_concurrency());
  return threads > 0 ? threads : 1;
}
}  // namespace

HttpServer::HttpServer(ServerOptions options, Api& api, Logs& logs)
    : options_(std::move(options)),
      api_(api),
      logs_(logs),
      pool_(static_cast<size_t>(ThreadCount(options_.threads))) {
  const int threads = ThreadCount(options_.threads);
  for (int index = 0; index < threads; ++index) {
    workers_.push_back(std::make_unique<Worker>());
    workers_.back()->index = index;
  }
}

HttpServer::~HttpServer() {
  if (watchdog_.joinable()) watchdog_.join();
}

absl::Status HttpServer::Listen() {
  beast::error_code error;
  const auto address = asio::ip::make_address(options_.host, error);
  if (error) {
    return absl::InvalidArgumentError(
        absl::StrCat("--listen: '", options_.host, "' is not an IP address"));
  }
  // One listening socket, bound without SO_REUSEPORT so that a second server
  // on the same address fails with "address in use" instead of silently
  // sharing its connections (and splitting every cap). Each worker accepts
  // on its own duplicate of the socket; the kernel hands each connection to
  // one of them.
  const tcp::endpoint endpoint(address, options_.port);
  tcp::acceptor& first = workers_.front()->acceptor.emplace(workers_.front()->io);
  first.open(endpoint.protocol(), error);
  if (!error) first.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) first.bind(endpoint, error);
  if (!error) first.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", options_.host, ":",
                                               options_.port, ": ", error.message()));
  }
  for (size_t index = 1; index < workers_.size(); ++index) {
    const int copy = fcntl(first.native_handle(), F_DUPFD_CLOEXEC, 0);
    if (copy < 0) {
      return absl::UnavailableError(
          absl::StrCat("cannot share the listening socket: ", std::strerror(errno)));
    }
    workers_[index]->acceptor.emplace(workers_[index]->io).assign(endpoint.protocol(), copy, error);
    if (error) {
      return absl::UnavailableError(
          absl::StrCat("cannot share the listening socket: ", error.message()));
    }
  }
  const uint16_t port = first.local_endpoint().port();
  port_ = port;
  return absl::OkStatus();
}

void HttpServer::Accept(Worker& worker) {
  worker.acceptor->async_accept(worker.io, [this, &worker](beast::error_code error,
                                                           tcp::socket socket) {
    if (error == asio::error::operation_aborted || !worker.acceptor->is_open()) return;
    if (error) {
      // Out of file descriptors and the like: wait a little rather than spin.
      logs_.Warn("accept failed", {{"error", error.message()}});
      auto timer = std::make_shared<asio::steady_timer>(worker.io, std::chrono::milliseconds(50));
      timer->async_wait([this, &worker, timer](beast::error_code) {
        if (worker.acceptor->is_open()) Accept(worker);
      });
      return;
    }
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    const size_t open = connections_.fetch_add(1) + 1;
    auto session = std::make_shared<Session>(*this, worker, std::move(socket));
    if (open > options_.max_connections) {
      // Make room by closing a connection that waits for a request (a
      // silent one, or a kept-alive one between requests), on whichever
      // worker has one; the newcomer is served meanwhile.
      Worker* with_idle = worker.idle_sessions.load() > 0 ? &worker : nullptr;
      for (auto& other : workers_) {
        if (with_idle == nullptr && other->idle_sessions.load() > 0) with_idle = other.get();
      }
      if (with_idle != nullptr) {
        asio::post(with_idle->io, [with_idle] { CloseOneIdle(*with_idle); });
        session->Start();
      } else {
        session->RefuseBusy();
      }
    } else {
      session->Start();
    }
    Accept(worker);
  });
}

void HttpServer::CloseOneIdle(Worker& worker) {
  // The one idle longest: a newcomer that has not sent its request yet
  // is not taken for an abandoned connection.
  Session* oldest = nullptr;
  for (Session* session : worker.sessions) {
    if (session->idle() && (oldest == nullptr || session->idle_since() < oldest->idle_since())) {
      oldest = session;
    }
  }
  if (oldest != nullptr) oldest->Drain();
}

void HttpServer::AnswerWaits() {
  std::lock_guard<std::mutex> lock(answers_mutex_);
  ++answers_waiting_;
}

void HttpServer::AnswerCame() {
  std::lock_guard<std::mutex> lock(answers_mutex_);
  if (--answers_waiting_ == 0) answers_done_.notify_all();
}

void HttpServer::Run() {
  std::vector<std::thread> threads;
  for (auto& worker : workers_) {
    Accept(*worker);
    threads.emplace_back([this, &worker = *worker] {
      while (true) {
        try {
          worker.io.run();
          return;
        } catch (const std::exception& error) {
          // A handler threw (e.g. out of memory): log it and keep serving.
          logs_.Error("request handler failed", {{"error", absl::string_view(error.what())}});
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  pool_.join();
  {
    // Only after a drain timeout stopped the loops can an answer still be
    // waiting: its callback is to find the I/O contexts alive (it posts to
    // a stopped one, which drops it).
    std::unique_lock<std::mutex> lock(answers_mutex_);
    answers_done_.wait(lock, [this] { return answers_waiting_ == 0; });
  }
  {
    std::lock_guard<std::mutex> lock(drained_mutex_);
    workers_done_ = true;
  }
  drained_.notify_all();
}

void HttpServer::Shutdown() {
  if (stopping_.exchange(true)) return;
  api_.SetDraining();
  for (auto& worker : workers_) {
    asio::post(worker->io, [&worker = *worker] {
      worker.draining = true;
      beast::error_code ignored;
      worker.acceptor->close(ignored);
      // Drain may close a session, which erases it from the set.
      std::vector<Session*> sessions(worker.sessions.begin(), worker.sessions.end());
      for (Session* session : sessions) {
        if (worker.sessions.contains(session)) session->Drain();
      }
    });
  }
  watchdog_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(drained_mutex_);
    if (!drained_.wait_for(lock, Chrono(options_.drain_timeout),
                           [this] { return workers_done_; })) {
      logs_.Warn("connections still busy at the drain timeout; closing them");
      for (auto& worker : workers_) worker->io.stop();
    }
  });
}

}  // namespace tact
