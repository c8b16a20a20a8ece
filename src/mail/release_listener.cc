#include "mail/release_listener.h"

// clang-format off
#include <utility>  // before Asio, whose coroutine header uses std::exchange without it
// clang-format on
#include <pthread.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <csignal>
#include <iostream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "mail/held_mail.h"

namespace tact {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr size_t kMaxBodyBytes = 64 * 1024;
constexpr std::chrono::seconds kRequestTimeout{10};
constexpr int kMaxConnections = 16;

// One connection: one request, one answer, closed.
class Exchange : public std::enable_shared_from_this<Exchange> {
 public:
  Exchange(tcp::socket socket, const ReleaseListenerOptions& options, const PostfixQueue& queue,
           int& open)
      : stream_(std::move(socket)), options_(options), queue_(queue), open_(open) {
    ++open_;
  }
  ~Exchange() { --open_; }

  void Start() {
    parser_.body_limit(kMaxBodyBytes);
    stream_.expires_after(kRequestTimeout);
    http::async_read(
        stream_, buffer_, parser_,
        [self = shared_from_this()](beast::error_code error, size_t) { self->OnRequest(error); });
  }

 private:
  void OnRequest(beast::error_code error) {
    if (error == http::error::body_limit) return Reply(413, "body: more than 64 KiB");
    if (error) return;  // timed out or closed: nothing was asked
    const http::request<http::string_body>& request = parser_.get();
    if (request.method() != http::verb::post) return Reply(405, "use POST");
    const HeldMailAnswer answer =
        AnswerHeldMailCallback(options_.secret, std::string(request["X-Tact-Signature"]),
                               request.body(), absl::Now(), queue_);
    std::cout << "tact milter: release " << answer.status << " " << answer.text << "\n"
              << std::flush;
    Reply(answer.status, answer.text);
  }

  void Reply(int status, const std::string& text) {
    response_.result(static_cast<unsigned>(status));
    response_.set(http::field::content_type, "text/plain; charset=utf-8");
    response_.body() = text + "\n";
    response_.keep_alive(false);
    response_.prepare_payload();
    stream_.expires_after(kRequestTimeout);
    http::async_write(stream_, response_, [self = shared_from_this()](beast::error_code, size_t) {
      beast::error_code ignored;
      self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    });
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request_parser<http::string_body> parser_;
  http::response<http::string_body> response_;
  const ReleaseListenerOptions& options_;
  const PostfixQueue& queue_;
  int& open_;  // connections open; touched on the listener's thread only
};

}  // namespace

struct ReleaseListener::Impl {
  ReleaseListenerOptions options;
  const PostfixQueue& queue;
  asio::io_context io{1};
  tcp::acceptor acceptor{io};
  int open = 0;
  std::thread thread;

  void Accept() {
    acceptor.async_accept([this](beast::error_code error, tcp::socket socket) {
      if (error == asio::error::operation_aborted) return;
      if (!error && open < kMaxConnections) {
        std::make_shared<Exchange>(std::move(socket), options, queue, open)->Start();
      }
      Accept();
    });
  }
};

ReleaseListener::ReleaseListener(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

absl::StatusOr<std::unique_ptr<ReleaseListener>> ReleaseListener::Start(
    ReleaseListenerOptions options, const PostfixQueue& queue) {
  beast::error_code error;
  const asio::ip::address address = asio::ip::make_address(options.host, error);
  if (error) {
    return absl::InvalidArgumentError(
        absl::StrCat("--release-listen: '", options.host, "' is not an IP address"));
  }
  auto impl = std::unique_ptr<Impl>(new Impl{std::move(options), queue});
  const tcp::endpoint endpoint(address, impl->options.port);
  impl->acceptor.open(endpoint.protocol(), error);
  if (!error) impl->acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) impl->acceptor.bind(endpoint, error);
  if (!error) impl->acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    return absl::FailedPreconditionError(absl::StrCat("--release-listen: cannot listen on ",
                                                      endpoint.address().to_string(), ":",
                                                      endpoint.port(), ": ", error.message()));
  }
  impl->Accept();
  Impl* running = impl.get();
  impl->thread = std::thread([running] {
    // libmilter waits for SIGTERM, SIGINT and SIGHUP on a thread of its own
    // (sigwait): every other thread must block them, or one kills us.
    sigset_t stopping;
    sigemptyset(&stopping);
    for (int signal : {SIGTERM, SIGINT, SIGHUP}) sigaddset(&stopping, signal);
    pthread_sigmask(SIG_BLOCK, &stopping, nullptr);
    running->io.run();
  });
  return std::unique_ptr<ReleaseListener>(new ReleaseListener(std::move(impl)));
}

ReleaseListener::~ReleaseListener() {
  impl_->io.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

uint16_t ReleaseListener::port() const { return impl_->acceptor.local_endpoint().port(); }

}  // namespace tact
