// The server's logs, as JSON lines through spdlog:
//   server log (stderr):
//   {"ts":"2027-03-01T10:00:00.123456Z","level":"info","msg":"listening","address":"127.0.0.1:8080"}
//   access log (stdout, a file, or off), one line per request:
//     {"ts":…,"request_id":"…","method":"POST","path":"/v1/decide","route":"/v1/decide",
//      "status":200,"latency_ms":0.21,"bytes_in":120,"bytes_out":640,"remote":"127.0.0.1","token":"hubspot"}
// The access log is written through a buffer that reaches the file when
// full and at least every second, so requests never wait on the disk;
// Flush() (and destruction) empties it.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <variant>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace spdlog {
class logger;
}

namespace tact {

struct LogField {
  absl::string_view key;
  std::variant<absl::string_view, int64_t, double, bool> value;
};

struct AccessEntry {
  absl::string_view request_id;
  absl::string_view method;
  absl::string_view path;   // the request target without its query
  absl::string_view route;  // the matched pattern, or "" when none matched
  int status = 0;
  double latency_ms = 0;
  size_t bytes_in = 0;
  size_t bytes_out = 0;
  absl::string_view remote;
  absl::string_view token;  // the token's name, when one was checked
};

class Logs {
 public:
  // `access_log`: "-" for stdout, "off" for none, else a file appended to.
  // Errors: InvalidArgument when the file cannot be opened.
  static absl::StatusOr<std::unique_ptr<Logs>> Open(const std::string& access_log);
  ~Logs();

  void Info(absl::string_view message, std::initializer_list<LogField> fields = {});
  void Warn(absl::string_view message, std::initializer_list<LogField> fields = {});
  void Error(absl::string_view message, std::initializer_list<LogField> fields = {});
  void Access(const AccessEntry& entry);
  void Flush();

 private:
  Logs() = default;
  std::shared_ptr<spdlog::logger> server_;
  std::shared_ptr<spdlog::logger> access_;  // null when off
};

}  // namespace tact
