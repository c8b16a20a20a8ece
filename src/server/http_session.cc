#include "server/http_session.h"

#include <cerrno>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "codec/record_reader.h"

namespace tact {
namespace {

absl::string_view View(beast::string_view text) { return {text.data(), text.size()}; }

// A caller's X-Request-Id is kept when it is short printable ASCII without
// quotes or backslashes (it goes into logs and headers verbatim).
bool UsableRequestId(absl::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\\') return false;
  }
  return true;
}

}  // namespace

HttpServer::Session::Session(HttpServer& server, Worker& worker, tcp::socket socket)
    : server_(server),
      worker_(worker),
      stream_(std::move(socket)),
      // The buffer holds what is read but not yet parsed: a header, or a
      // chunk's header line, never a whole body; bounded so that a line
      // without an end (e.g. endless chunk extensions) cannot grow it.
      buffer_(server.options_.max_header_bytes + kReadChunk) {
  worker_.sessions.insert(this);
  beast::error_code ignored;
  remote_ = stream_.socket().remote_endpoint(ignored).address().to_string(ignored);
}

HttpServer::Session::~Session() {
  SetIdle(false);
  ReleaseBody();
  worker_.sessions.erase(this);
  server_.connections_.fetch_sub(1);
}

void HttpServer::Session::SetIdle(bool idle) {
  if (idle == idle_) return;
  idle_ = idle;
  if (idle) idle_since_ = std::chrono::steady_clock::now();
  if (idle) {
    worker_.idle_sessions.fetch_add(1);
  } else {
    worker_.idle_sessions.fetch_sub(1);
  }
}

void HttpServer::Session::RefuseBusy() {
  keep_alive_ = false;
  WriteError({503, "unavailable",
              absl::StrCat("the server is at its limit of ", server_.options_.max_connections,
                           " open connections; retry shortly"),
              "", kBusyRetryAfterSeconds});
}

void HttpServer::Session::Drain() {
  keep_alive_ = false;
  if (idle_) {
    SetIdle(false);
    beast::error_code ignored;
    stream_.socket().cancel(ignored);
  }
}

void HttpServer::Session::ReleaseBody() {
  if (reserved_ > 0) server_.inflight_body_bytes_.fetch_sub(reserved_);
  reserved_ = 0;
}

void HttpServer::Session::WaitForRequest() {
  ReleaseBody();
  parser_.emplace();
  LimitParser(*parser_, server_.options_.max_header_bytes, server_.options_.max_body_bytes);
  if (worker_.draining) return Close();
  if (buffer_.size() > 0) return ReadHeader();  // a pipelined request is waiting
  // Wait for the first byte under the idle timeout; the header then has
  // header_timeout in all, so a client trickling bytes cannot hold on.
  SetIdle(true);
  // A new connection must start its request soon; a kept-alive one may
  // wait for the next one longer.
  stream_.expires_after(
      Chrono(served_ == 0 ? server_.options_.header_timeout : server_.options_.idle_timeout));
  stream_.async_read_some(buffer_.prepare(4096),
                          [self = shared_from_this()](beast::error_code error, size_t bytes) {
                            self->SetIdle(false);
                            if (error) return self->Close();
                            self->buffer_.commit(bytes);
                            self->ReadHeader();
                          });
}

void HttpServer::Session::ReadHeader() {
  stream_.expires_after(Chrono(server_.options_.header_timeout));
  http::async_read_header(stream_, buffer_, *parser_,
                          [self = shared_from_this()](beast::error_code error, size_t bytes) {
                            self->OnHeader(error, bytes);
                          });
}

bool HttpServer::Session::AdmitBody() {
  const auto& request = parser_->get();
  Api::Admission admission =
      server_.api_.Admit(View(request.method_string()), View(request.target()),
                         View(request[http::field::authorization]), server_.options_.max_body_bytes,
                         View(request[kHubSpotSignatureHeader]));
  if (admission.refused) {
    // Answered without reading the body, which then ends the connection.
    keep_alive_ = false;
    request_start_ = absl::Now();
    request_id_ = absl::StrFormat("%d-%x", worker_.index, worker_.next_request++);
    Respond(*admission.refused);
    return false;
  }
  body_limit_ = admission.body_limit;
  parser_->body_limit(body_limit_);
  const auto length = parser_->content_length();
  if (length && *length > body_limit_) {
    OnReadError(http::error::body_limit);
    return false;
  }
  reserved_ = length ? static_cast<size_t>(*length) : (parser_->chunked() ? body_limit_ : 0);
  if (reserved_ > 0 && server_.inflight_body_bytes_.fetch_add(reserved_) + reserved_ >
                           server_.options_.max_inflight_body_bytes) {
    keep_alive_ = false;
    WriteError({503, "unavailable",
                "the server is receiving as many request bodies as it takes at once; retry "
                "shortly",
                "", kBusyRetryAfterSeconds});
    return false;
  }
  return true;
}

void HttpServer::Session::OnHeader(beast::error_code error, size_t header_bytes) {
  if (error) return OnReadError(error);
  // Beast 1.74 applies header_limit per read, not to the header as a whole.
  if (header_bytes > server_.options_.max_header_bytes) {
    return OnReadError(http::error::header_limit);
  }
  if (std::optional<ApiError> problem = FramingProblem(*parser_)) {
    keep_alive_ = false;
    return WriteError(*problem);
  }
  const auto& request = parser_->get();
  if (!AdmitBody()) return;
  if (beast::iequals(request[http::field::expect], "100-continue")) {
    auto proceed = std::make_shared<http::response<http::empty_body>>(http::status::continue_,
                                                                      request.version());
    stream_.expires_after(Chrono(server_.options_.write_timeout));
    http::async_write(stream_, *proceed,
                      [self = shared_from_this(), proceed](beast::error_code error, size_t) {
                        if (error) return self->Close();
                        self->ReadBody();
                      });
    return;
  }
  ReadBody();
}

void HttpServer::Session::ReadBody() {
  stream_.expires_after(Chrono(server_.options_.body_timeout));
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this()](beast::error_code error, size_t) {
                     if (error) return self->OnReadError(error);
                     self->OnRequest();
                   });
}

void HttpServer::Session::OnReadError(beast::error_code error) {
  keep_alive_ = false;
  // A timed-out tcp_stream has closed its socket already: nothing can be
  // answered, the connection just ends.
  if (error == http::error::end_of_stream || error == asio::error::eof ||
      error == asio::error::connection_reset || error == asio::error::operation_aborted ||
      error == beast::error::timeout) {
    return Close();
  }
  if (error == http::error::header_limit) {
    return WriteError({431, "headers_too_large",
                       absl::StrCat("the request's header is larger than ",
                                    server_.options_.max_header_bytes, " bytes"),
                       ""});
  }
  if (error == http::error::body_limit) {
    return WriteError(
        {413, "too_large",
         absl::StrCat("body: larger than ",
                      body_limit_ > 0 ? body_limit_ : server_.options_.max_body_bytes, " bytes"),
         "body"});
  }
  if (error == http::error::buffer_overflow) {
    return WriteError({400, "bad_request",
                       absl::StrCat("malformed HTTP request: a line (a chunk header with its "
                                    "extensions) is longer than ",
                                    server_.options_.max_header_bytes, " bytes"),
                       ""});
  }
  WriteError({400, "bad_request", absl::StrCat("malformed HTTP request: ", error.message()), ""});
}

void HttpServer::Session::OnRequest() {
  ++served_;
  request_start_ = absl::Now();
  auto& request = parser_->get();
  const absl::string_view caller_id = View(request["X-Request-Id"]);
  request_id_ = UsableRequestId(caller_id)
                    ? std::string(caller_id)
                    : absl::StrFormat("%d-%x", worker_.index, worker_.next_request++);
  // A large body (a batch of thousands) is handled on the work pool, so
  // that this I/O thread keeps answering others (health checks above all);
  // small ones are answered here, without a hop.
  if (request.body().size() > kInlineBodyBytes) {
    // The I/O thread's loop must not end (at shutdown) while the answer is
    // still to come back to it.
    auto busy = std::make_shared<asio::executor_work_guard<asio::io_context::executor_type>>(
        worker_.io.get_executor());
    asio::post(server_.pool_, [self = shared_from_this(), busy] { self->Handle(busy); });
  } else {
    Handle(nullptr);
  }
}

void HttpServer::Session::Handle(std::shared_ptr<void> busy) {
  auto& request = parser_->get();
  // Beast's field lookup is case-insensitive.
  const auto header = [&request](absl::string_view name) {
    return View(request[boost::beast::string_view(name.data(), name.size())]);
  };
  ApiResult result = server_.api_.Handle({View(request.method_string()), View(request.target()),
                                          View(request[http::field::authorization]), request.body(),
                                          header, remote_});
  // A response that acknowledges changes waits for the journal (on its
  // thread); the connection's own thread sends it. Until then the I/O
  // thread's loop must not end (at shutdown nothing else may be left to do
  // on it), nor the server go away.
  const bool waits = result.response.durable_after.has_value();
  if (waits) {
    if (!busy) {
      busy = std::make_shared<asio::executor_work_guard<asio::io_context::executor_type>>(
          worker_.io.get_executor());
    }
    server_.AnswerWaits();
  }
  server_.api_.WhenSendable(std::move(result), [self = shared_from_this(), busy = std::move(busy),
                                                waits](ApiResult ready) {
    asio::dispatch(self->stream_.get_executor(),
                   [self, ready = std::move(ready)]() mutable { self->Respond(ready); });
    if (waits) self->server_.AnswerCame();
  });
}

void HttpServer::Session::Respond(ApiResult& result) {
  auto& request = parser_->get();
  const absl::string_view method = View(request.method_string());
  const absl::string_view target = View(request.target());

  keep_alive_ = keep_alive_ && request.keep_alive() && !worker_.draining;
  response_.emplace(static_cast<http::status>(result.response.status), request.version());
  response_->set(http::field::server, "tact");
  response_->set(
      http::field::content_type,
      beast::string_view(result.response.content_type.data(), result.response.content_type.size()));
  response_->set("X-Request-Id", request_id_);
  if (!result.response.allow.empty()) response_->set(http::field::allow, result.response.allow);
  if (result.response.status == 401) response_->set(http::field::www_authenticate, "Bearer");
  if (result.response.no_store) response_->set(http::field::cache_control, "no-store");
  for (const auto& [name, value] : result.response.headers) response_->set(name, value);
  if (result.response.retry_after_seconds > 0) {
    response_->set(http::field::retry_after, std::to_string(result.response.retry_after_seconds));
  }
  response_->body() = std::move(result.response.body);
  response_->keep_alive(keep_alive_);
  response_->prepare_payload();

  const absl::string_view path = target.substr(0, target.find('?'));
  server_.logs_.Access({request_id_, method, IsValidUtf8(path) ? path : "(invalid UTF-8)",
                        result.route ? result.route->pattern : "", result.response.status,
                        absl::ToDoubleMilliseconds(absl::Now() - request_start_),
                        request.body().size(), response_->body().size(), remote_, result.token});
  Write();
}

void HttpServer::Session::WriteError(const ApiError& error) {
  keep_alive_ = false;
  response_.emplace(static_cast<http::status>(error.status), 11);
  response_->set(http::field::server, "tact");
  response_->set(http::field::content_type, "application/json");
  response_->body() = ErrorJson(error);
  if (error.retry_after_seconds > 0) {
    response_->set(http::field::retry_after, std::to_string(error.retry_after_seconds));
  }
  response_->keep_alive(false);
  response_->prepare_payload();
  server_.logs_.Access(
      {"-", "-", "-", "", error.status, 0, 0, response_->body().size(), remote_, ""});
  Write();
}

void HttpServer::Session::Write() {
  stream_.expires_after(Chrono(server_.options_.write_timeout));
  http::async_write(stream_, *response_,
                    [self = shared_from_this()](beast::error_code error, size_t) {
                      if (error) return self->Close();
                      if (!self->keep_alive_) return self->Linger();
                      self->response_.reset();
                      self->WaitForRequest();
                    });
}

void HttpServer::Session::Linger() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream_.expires_after(std::chrono::seconds(2));
  DrainInput(0);
}

void HttpServer::Session::DrainInput(size_t drained) {
  if (drained > (1 << 20)) return Close();
  buffer_.clear();
  stream_.async_read_some(buffer_.prepare(65536), [self = shared_from_this(), drained](
                                                      beast::error_code error, size_t bytes) {
    if (error) return self->Close();
    self->DrainInput(drained + bytes);
  });
}

void HttpServer::Session::Close() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  stream_.close();
}

}  // namespace tact
