#include "redis/connection.h"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <cerrno>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace tact::redis {
namespace {

Reply Convert(const redisReply& raw) {
  switch (raw.type) {
    case REDIS_REPLY_INTEGER:
      return Reply::Integer(raw.integer);
    case REDIS_REPLY_STRING:
      return Reply::String(std::string(raw.str, raw.len));
    case REDIS_REPLY_STATUS:
      return Reply::Status(std::string(raw.str, raw.len));
    case REDIS_REPLY_ERROR:
      return Reply::Error(std::string(raw.str, raw.len));
    case REDIS_REPLY_ARRAY: {
      std::vector<Reply> elements;
      elements.reserve(raw.elements);
      for (size_t i = 0; i < raw.elements; ++i) elements.push_back(Convert(*raw.element[i]));
      return Reply::Array(std::move(elements));
    }
    default:
      return Reply();
  }
}

}  // namespace

Connection::Connection(Endpoint endpoint, redisContext* context)
    : endpoint_(std::move(endpoint)), context_(context) {}

Connection::~Connection() { redisFree(context_); }

absl::StatusOr<std::unique_ptr<Connection>> Connection::Open(const Endpoint& endpoint,
                                                             const ClusterOptions& options) {
  redisContext* context = redisConnectWithTimeout(endpoint.host.c_str(), endpoint.port,
                                                  absl::ToTimeval(options.connect_timeout));
  if (context == nullptr) {
    return absl::ResourceExhaustedError("redis: out of memory opening a connection");
  }
  if (context->err != 0) {
    std::string why = context->errstr;
    redisFree(context);
    return absl::UnavailableError(
        absl::StrCat("redis: cannot connect to ", endpoint.ToString(), ": ", why));
  }
  redisSetTimeout(context, absl::ToTimeval(options.command_timeout));
  redisEnableKeepAlive(context);
  std::unique_ptr<Connection> connection(new Connection(endpoint, context));
  if (!options.password.empty()) {
    std::vector<std::string> auth = {"AUTH"};
    if (!options.user.empty()) auth.push_back(options.user);
    auth.push_back(options.password);
    absl::StatusOr<Reply> reply = connection->Run(auth);
    if (!reply.ok()) return reply.status();
    if (reply->is_error()) {
      return absl::PermissionDeniedError(
          absl::StrCat("redis: ", endpoint.ToString(), " refused AUTH: ", reply->text));
    }
  }
  return connection;
}

void Connection::Append(const std::vector<std::string>& words) {
  std::vector<const char*> argv;
  std::vector<size_t> lengths;
  argv.reserve(words.size());
  lengths.reserve(words.size());
  for (const std::string& word : words) {
    argv.push_back(word.data());
    lengths.push_back(word.size());
  }
  if (redisAppendCommandArgv(context_, static_cast<int>(argv.size()), argv.data(),
                             lengths.data()) != REDIS_OK) {
    broken_ = true;
  }
}

void Connection::Send() {
  int done = 0;
  while (!broken_ && !done) {
    if (redisBufferWrite(context_, &done) != REDIS_OK) broken_ = true;
  }
}

absl::StatusOr<Reply> Connection::Read() {
  if (broken_) {
    return absl::UnknownError(
        absl::StrCat("redis: the connection to ", endpoint_.ToString(), " is broken"));
  }
  void* raw = nullptr;
  if (redisGetReply(context_, &raw) != REDIS_OK || raw == nullptr) {
    broken_ = true;
    const bool timed_out =
        context_->err == REDIS_ERR_IO && (errno == EAGAIN || errno == EWOULDBLOCK);
    std::string message = absl::StrCat(
        "redis: ", endpoint_.ToString(),
        timed_out ? " did not answer in time" : " failed: ", timed_out ? "" : context_->errstr,
        "; the command may or may not have run");
    return timed_out ? absl::DeadlineExceededError(message) : absl::UnknownError(message);
  }
  Reply reply = Convert(*static_cast<redisReply*>(raw));
  freeReplyObject(raw);
  return reply;
}

absl::StatusOr<Reply> Connection::Run(const std::vector<std::string>& words) {
  Append(words);
  return Read();
}

}  // namespace tact::redis
