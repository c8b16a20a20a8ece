#include "server/logs.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "codec/json_writer.h"

namespace tact {
namespace {

// The members after "ts" and "level" ("msg" first); spdlog adds the rest.
std::string Members(absl::string_view message, std::initializer_list<LogField> fields) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("msg");
  WriteString(writer, message);
  for (const LogField& field : fields) {
    WriteString(writer, field.key);
    if (const auto* text = std::get_if<absl::string_view>(&field.value)) {
      WriteString(writer, *text);
    } else if (const auto* number = std::get_if<int64_t>(&field.value)) {
      writer.Int64(*number);
    } else if (const auto* real = std::get_if<double>(&field.value)) {
      writer.Double(*real);
    } else {
      writer.Bool(std::get<bool>(field.value));
    }
  }
  writer.EndObject();
  // Drop the braces: spdlog's pattern wraps the members with ts and level.
  return std::string(buffer.GetString() + 1, buffer.GetSize() - 2);
}

std::atomic<int> logs_opened{0};

}  // namespace

absl::StatusOr<std::unique_ptr<Logs>> Logs::Open(const std::string& access_log) {
  std::unique_ptr<Logs> logs(new Logs());
  const int instance = logs_opened.fetch_add(1);
  logs->server_ = std::make_shared<spdlog::logger>(
      absl::StrCat("tact-", instance), std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logs->server_->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l",%v})",
                             spdlog::pattern_time_type::utc);
  logs->server_->flush_on(spdlog::level::info);
  if (access_log == "off") return logs;

  spdlog::sink_ptr sink;
  try {
    if (access_log == "-") {
      sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
    } else {
      sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(access_log);
    }
  } catch (const spdlog::spdlog_ex& error) {
    return absl::InvalidArgumentError(
        absl::StrCat("--access-log: cannot open '", access_log, "': ", error.what()));
  }
  // Lines go through the sink's stdio buffer: a request costs a copy into
  // it, and the buffer reaches the file when full, every second
  // (spdlog::flush_every, for registered loggers) and at Flush(). A
  // background writer would cost a thread wake-up per line instead.
  logs->access_ =
      std::make_shared<spdlog::logger>(absl::StrCat("tact-access-", instance), std::move(sink));
  spdlog::register_logger(logs->access_);
  static std::once_flag flusher_once;
  std::call_once(flusher_once, [] { spdlog::flush_every(std::chrono::seconds(1)); });
  logs->access_->set_pattern("%v");
  return logs;
}

Logs::~Logs() {
  Flush();
  if (access_) spdlog::drop(access_->name());
}

void Logs::Info(absl::string_view message, std::initializer_list<LogField> fields) {
  server_->info(Members(message, fields));
}
void Logs::Warn(absl::string_view message, std::initializer_list<LogField> fields) {
  server_->warn(Members(message, fields));
}
void Logs::Error(absl::string_view message, std::initializer_list<LogField> fields) {
  server_->error(Members(message, fields));
}

void Logs::Access(const AccessEntry& entry) {
  if (!access_) return;
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("ts");
  WriteString(writer, absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", absl::Now(), absl::UTCTimeZone()));
  writer.Key("request_id");
  WriteString(writer, entry.request_id);
  writer.Key("method");
  WriteString(writer, entry.method);
  writer.Key("path");
  WriteString(writer, entry.path);
  writer.Key("route");
  if (entry.route.empty()) {
    writer.Null();
  } else {
    WriteString(writer, entry.route);
  }
  writer.Key("status");
  writer.Int(entry.status);
  writer.Key("latency_ms");
  writer.Double(entry.latency_ms);
  writer.Key("bytes_in");
  writer.Uint64(entry.bytes_in);
  writer.Key("bytes_out");
  writer.Uint64(entry.bytes_out);
  writer.Key("remote");
  WriteString(writer, entry.remote);
  if (!entry.token.empty()) {
    writer.Key("token");
    WriteString(writer, entry.token);
  }
  writer.EndObject();
  access_->info(std::string_view(buffer.GetString(), buffer.GetSize()));
}

void Logs::Flush() {
  server_->flush();
  if (access_) access_->flush();
}

}  // namespace tact
