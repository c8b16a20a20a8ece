// The Redis + Lua peer's client: replays the workload through limiter.lua
// with EVALSHA, one call per ask, unpipelined or pipelined, and reports like
// the other legs (workload/leg_result.h).
//
//   redis_lua_peer --workload W --script limiter.lua --port P [--depth 64]
//                  [--limit N] [--answers A] [--server-pid PID]
#include <hiredis/hiredis.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "workload/leg_result.h"
#include "workload/workload.h"

namespace tact::bench {
namespace {

constexpr int64_t kDayMs = 24 * 60 * 60 * 1000LL;

// The limits of bench/peers/policy.toml, as limiter.lua's arguments for
// each scope set: longest window, number of limits, then window/max pairs.
const std::vector<std::string> kAllLimits = {
    absl::StrCat(7 * kDayMs), "2", absl::StrCat(kDayMs), "1", absl::StrCat(7 * kDayMs), "3"};
constexpr int kChannelWeeklyMax[] = {2, 1, 2};  // email, sms, push (kAskChannels' order)
const std::vector<std::string> kSenderLimits = {absl::StrCat(7 * kDayMs), "1",
                                                absl::StrCat(7 * kDayMs), "1"};

struct ContextDeleter {
  void operator()(redisContext* context) const { redisFree(context); }
};
struct ReplyDeleter {
  void operator()(redisReply* reply) const { freeReplyObject(reply); }
};
using Reply = std::unique_ptr<redisReply, ReplyDeleter>;

Reply Command(redisContext* redis, const std::vector<std::string>& words) {
  std::vector<const char*> argv;
  std::vector<size_t> lengths;
  for (const std::string& word : words) {
    argv.push_back(word.data());
    lengths.push_back(word.size());
  }
  return Reply(static_cast<redisReply*>(
      redisCommandArgv(redis, static_cast<int>(argv.size()), argv.data(), lengths.data())));
}

// A field of INFO's answer, e.g. used_memory.
int64_t InfoField(redisContext* redis, const std::string& field) {
  Reply reply = Command(redis, {"INFO", "memory"});
  if (!reply || reply->type != REDIS_REPLY_STRING) return 0;
  for (absl::string_view line : absl::StrSplit(absl::string_view(reply->str, reply->len), "\r\n")) {
    if (absl::ConsumePrefix(&line, field + ":")) {
      int64_t value = 0;
      if (absl::SimpleAtoi(line, &value)) return value;
    }
  }
  return 0;
}

int64_t ServerPeakRssKib(int pid) {
  std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) != 0) continue;
    std::istringstream fields(line.substr(6));
    int64_t kib = 0;
    fields >> kib;
    return kib;
  }
  return 0;
}

// The argument vector of one ask's EVALSHA, rebuilt in place.
class AskCommand {
 public:
  // Everything that does not change from ask to ask is made here once.
  AskCommand(std::string sha, int senders) : start_ms_(absl::ToUnixMillis(WorkloadStart())) {
    words_ = {"EVALSHA", std::move(sha), "3", "", "", "", "", ""};
    for (const std::string& word : kAllLimits) words_.push_back(word);
    channel_max_at_ = words_.size() + 3;
    for (const std::string& word :
         {absl::StrCat(7 * kDayMs), std::string("1"), absl::StrCat(7 * kDayMs), std::string()}) {
      words_.push_back(word);
    }
    for (const std::string& word : kSenderLimits) words_.push_back(word);
    for (int sender = 0; sender < senders; ++sender) {
      sender_ids_.push_back(SenderId(static_cast<uint16_t>(sender)));
    }
  }
  void Set(const Ask& ask, size_t index) {
    char id[16];
    const absl::string_view person = FormatPersonId(ask.person, id);
    const auto assign = [&](int word, auto&&... parts) {
      words_[word].clear();  // keeps its capacity: no allocation per ask
      absl::StrAppend(&words_[word], parts...);
    };
    assign(3, "{", person, "}:all");
    assign(4, "{", person, "}:ch:", kAskChannels[ask.channel]);
    assign(5, "{", person, "}:s:", sender_ids_[ask.sender]);
    assign(6, start_ms_ + ask.minute * 60'000LL);
    assign(7, index);
    assign(static_cast<int>(channel_max_at_), kChannelWeeklyMax[ask.channel]);
    argv_.clear();
    lengths_.clear();
    for (const std::string& word : words_) {
      argv_.push_back(word.data());
      lengths_.push_back(word.size());
    }
  }
  int Append(redisContext* redis) {
    return redisAppendCommandArgv(redis, static_cast<int>(argv_.size()), argv_.data(),
                                  lengths_.data());
  }

 private:
  const int64_t start_ms_;
  std::vector<std::string> words_;
  size_t channel_max_at_ = 0;  // the channel limit's max
  std::vector<std::string> sender_ids_;
  std::vector<const char*> argv_;  // hiredis 0.14 takes a non-const array
  std::vector<size_t> lengths_;
};

int Main(int argc, char** argv) {
  CLI::App app{"The Redis + Lua peer limiter"};
  std::string workload_path, script_path, answers_path, host = "127.0.0.1";
  int port = 6379, depth = 1, server_pid = 0;
  int64_t limit = 0;
  app.add_option("--workload", workload_path, "workload file (tact_workload)")->required();
  app.add_option("--script", script_path, "limiter.lua")->required();
  app.add_option("--host", host, "Redis host");
  app.add_option("--port", port, "Redis port");
  app.add_option("--depth", depth, "asks in flight (1: unpipelined)")->check(CLI::Range(1, 4096));
  app.add_option("--limit", limit, "only the first N asks (0: all)");
  app.add_option("--answers", answers_path, "write S/D per ask here");
  app.add_option("--server-pid", server_pid, "redis-server's pid, for its peak memory");
  CLI11_PARSE(app, argc, argv);

  absl::StatusOr<Workload> workload = Workload::Open(workload_path);
  if (!workload.ok()) {
    std::cerr << workload.status().message() << "\n";
    return 1;
  }
  std::ifstream script_file(script_path);
  std::stringstream script;
  script << script_file.rdbuf();
  if (!script_file || script.str().empty()) {
    std::cerr << "cannot read " << script_path << "\n";
    return 1;
  }
  std::unique_ptr<redisContext, ContextDeleter> redis(redisConnect(host.c_str(), port));
  if (!redis || redis->err) {
    std::cerr << "cannot connect to Redis at " << host << ":" << port << ": "
              << (redis ? redis->errstr : "out of memory") << "\n";
    return 1;
  }
  Command(redis.get(), {"FLUSHALL"});
  Reply loaded = Command(redis.get(), {"SCRIPT", "LOAD", script.str()});
  if (!loaded || loaded->type != REDIS_REPLY_STRING) {
    std::cerr << "SCRIPT LOAD failed: " << (loaded ? std::string(loaded->str, loaded->len) : "")
              << "\n";
    return 1;
  }
  const int64_t memory_before = InfoField(redis.get(), "used_memory");

  const size_t count =
      limit > 0 ? std::min(workload->size(), static_cast<size_t>(limit)) : workload->size();
  std::vector<char> answers(count, '?');
  std::vector<bool> seen(static_cast<size_t>(workload->spec().people), false);
  int64_t people = 0, sends = 0;
  LatencySample latency(1);  // a round trip dwarfs the clock read: time every ask
  AskCommand command(std::string(loaded->str, loaded->len), workload->spec().senders);
  const int64_t began = NowNanos();
  for (size_t first = 0; first < count; first += depth) {
    const size_t end = std::min(count, first + depth);
    const int64_t sent_at = NowNanos();
    for (size_t index = first; index < end; ++index) {
      command.Set((*workload)[index], index);
      if (command.Append(redis.get()) != REDIS_OK) {
        std::cerr << "cannot queue a command: " << redis->errstr << "\n";
        return 1;
      }
    }
    for (size_t index = first; index < end; ++index) {
      void* raw = nullptr;
      if (redisGetReply(redis.get(), &raw) != REDIS_OK) {
        std::cerr << "Redis connection failed: " << redis->errstr << "\n";
        return 1;
      }
      Reply reply(static_cast<redisReply*>(raw));
      latency.Add(NowNanos() - sent_at);
      if (reply->type != REDIS_REPLY_INTEGER) {
        std::cerr << "limiter.lua failed at ask " << index << ": "
                  << (reply->type == REDIS_REPLY_ERROR ? std::string(reply->str, reply->len)
                                                       : "unexpected reply")
                  << "\n";
        return 1;
      }
      answers[index] = reply->integer == 1 ? 'S' : 'D';
      sends += reply->integer == 1;
      const uint32_t person = (*workload)[index].person;
      if (!seen[person]) {
        seen[person] = true;
        ++people;
      }
    }
  }
  const int64_t elapsed = NowNanos() - began;

  LegResult result;
  result.leg = depth == 1 ? "Redis + Lua, unpipelined"
                          : absl::StrCat("Redis + Lua, pipelined (depth ", depth, ")");
  result.decisions = static_cast<int64_t>(count);
  result.seconds = elapsed / 1e9;
  result.p50_ns = latency.Quantile(0.50);
  result.p99_ns = latency.Quantile(0.99);
  result.sends = sends;
  result.people = people;
  result.state_bytes = InfoField(redis.get(), "used_memory") - memory_before;
  result.peak_rss_kib = server_pid > 0 ? ServerPeakRssKib(server_pid) : 0;
  result.note =
      absl::StrCat("redis-server, one connection; ",
                   InfoField(redis.get(), "used_memory_peak") / (1 << 20), " MiB used_memory_peak");
  return Report(result, answers, answers_path);
}

}  // namespace
}  // namespace tact::bench

int main(int argc, char** argv) { return tact::bench::Main(argc, argv); }
