// Asks a tact server about one touch over HTTP (POST /v1/check): how the
// mail gate reaches the Governor from the mail server's host. Keeps a few
// keep-alive connections; a request on a connection the server had closed
// is sent again once on a new one (checks are idempotent by their key).
//
// Thread safety: Check may be called from any number of threads at once.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace tact {

// A check's answer (docs/api.md, GET/POST /v1/check).
struct CheckReply {
  std::string decision;  // "send", "defer" or "suppress"
  std::string defer_until;
  std::string reason;
  std::string reason_code;
  std::string touch_id;
  std::string person_id;
  std::string unsubscribe_url;
  std::string hold_id;  // set when tact holds the deferred touch (on_limit = "hold")
};

struct CheckClientOptions {
  std::string url;                             // http://HOST:PORT of a tact server
  std::string token;                           // a token with the decide scope; "" without auth
  absl::Duration timeout = absl::Seconds(10);  // per request, connecting included
};

using CheckFields = std::vector<std::pair<std::string, std::string>>;

class CheckClient {
 public:
  // Errors: InvalidArgument when the URL is not http://HOST[:PORT].
  static absl::StatusOr<std::unique_ptr<CheckClient>> Create(CheckClientOptions options);
  ~CheckClient();

  // The answer about the touch `fields` describe (each value as text).
  // Errors: Unavailable (cannot connect, timed out, a 5xx), InvalidArgument
  // (a 4xx: the server's message, which names the field), Unauthenticated
  // (401/403), Internal (an answer that is not a check's).
  absl::StatusOr<CheckReply> Check(const CheckFields& fields);

 private:
  struct Connection;
  CheckClient(CheckClientOptions options, std::string host, std::string port);
  absl::StatusOr<std::pair<int, std::string>> Post(Connection& connection, const std::string& body);
  std::unique_ptr<Connection> Take();
  void GiveBack(std::unique_ptr<Connection> connection);

  const CheckClientOptions options_;
  const std::string host_, port_;
  absl::Mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace tact
