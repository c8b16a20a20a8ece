// The Redis + Lua peer's client: replays the workload through limiter.lua
// with EVALSHA, one call per ask, unpipelined or pipelined, on one
// redis-server or on a Redis Cluster, and reports like the other legs
// (workload/leg_result.h).
//
//   redis_lua_peer --workload W --script limiter.lua --port P [--depth 64]
//                  [--limit N] [--answers A] [--server-pid PID]
//   redis_lua_peer --workload W --script limiter.lua --cluster redis://H:P,...
//                  [--depth 1000 | --clients 64] [--limit N] [--answers A]
#include <hiredis/hiredis.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "redis/cluster_client.h"
#include "redis/cluster_options.h"
#include "redis/command.h"
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

// A field of INFO's answer `info`, e.g. used_memory.
int64_t InfoField(absl::string_view info, const std::string& field) {
  for (absl::string_view line : absl::StrSplit(info, "\r\n")) {
    if (absl::ConsumePrefix(&line, field + ":")) {
      int64_t value = 0;
      if (absl::SimpleAtoi(line, &value)) return value;
    }
  }
  return 0;
}
int64_t InfoField(redisContext* redis, const std::string& field) {
  Reply reply = Command(redis, {"INFO", "memory"});
  if (!reply || reply->type != REDIS_REPLY_STRING) return 0;
  return InfoField(absl::string_view(reply->str, reply->len), field);
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
  // The same call for the cluster client, routed by the person's all-channels set.
  redis::Command ForCluster(const redis::Script& script) const {
    return redis::Command{.key = words_[3], .words = words_, .script = &script};
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

struct Options {
  std::string workload_path, script_path, answers_path, host = "127.0.0.1", cluster_url;
  int port = 6379, depth = 1, clients = 0, server_pid = 0;
  int64_t limit = 0;
};

// What a replay gathers, on one server or a cluster alike. Record may be
// called from several threads for different asks, each with its own sample.
class Replay {
 public:
  Replay(const Workload& workload, size_t count) : workload_(workload), answers_(count, '?') {}

  void Record(size_t index, bool sent) { answers_[index] = sent ? 'S' : 'D'; }
  LegResult Result(std::string leg, int64_t elapsed_ns, LatencySample& latency) const {
    LegResult result;
    result.leg = std::move(leg);
    result.decisions = static_cast<int64_t>(answers_.size());
    result.seconds = elapsed_ns / 1e9;
    result.p50_ns = latency.Quantile(0.50);
    result.p99_ns = latency.Quantile(0.99);
    std::vector<bool> seen(static_cast<size_t>(workload_.spec().people), false);
    for (size_t index = 0; index < answers_.size(); ++index) {
      result.sends += answers_[index] == 'S';
      const uint32_t person = workload_[index].person;
      result.people += !seen[person];
      seen[person] = true;
    }
    return result;
  }
  const std::vector<char>& answers() const { return answers_; }

 private:
  const Workload& workload_;
  std::vector<char> answers_;
};

// One redis-server, one connection: `depth` asks written, then their replies read.
int RunOnOneServer(const Options& options, const Workload& workload, size_t count,
                   const std::string& source) {
  std::unique_ptr<redisContext, ContextDeleter> redis(
      redisConnect(options.host.c_str(), options.port));
  if (!redis || redis->err) {
    std::cerr << "cannot connect to Redis at " << options.host << ":" << options.port << ": "
              << (redis ? redis->errstr : "out of memory") << "\n";
    return 1;
  }
  Command(redis.get(), {"FLUSHALL"});
  Reply loaded = Command(redis.get(), {"SCRIPT", "LOAD", source});
  if (!loaded || loaded->type != REDIS_REPLY_STRING) {
    std::cerr << "SCRIPT LOAD failed: " << (loaded ? std::string(loaded->str, loaded->len) : "")
              << "\n";
    return 1;
  }
  const int64_t memory_before = InfoField(redis.get(), "used_memory");
  Replay replay(workload, count);
  LatencySample latency(1);  // a round trip dwarfs the clock read: time every ask
  AskCommand command(std::string(loaded->str, loaded->len), workload.spec().senders);
  const int64_t began = NowNanos();
  for (size_t first = 0; first < count; first += options.depth) {
    const size_t end = std::min(count, first + options.depth);
    const int64_t sent_at = NowNanos();
    for (size_t index = first; index < end; ++index) {
      command.Set(workload[index], index);
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
      if (reply->type != REDIS_REPLY_INTEGER) {
        std::cerr << "limiter.lua failed at ask " << index << ": "
                  << (reply->type == REDIS_REPLY_ERROR ? std::string(reply->str, reply->len)
                                                       : "unexpected reply")
                  << "\n";
        return 1;
      }
      latency.Add(NowNanos() - sent_at);
      replay.Record(index, reply->integer == 1);
    }
  }
  const int64_t elapsed = NowNanos() - began;
  LegResult result = replay.Result(
      options.depth == 1 ? "Redis + Lua, unpipelined"
                         : absl::StrCat("Redis + Lua, pipelined (depth ", options.depth, ")"),
      elapsed, latency);
  result.state_bytes = InfoField(redis.get(), "used_memory") - memory_before;
  result.peak_rss_kib = options.server_pid > 0 ? ServerPeakRssKib(options.server_pid) : 0;
  result.note =
      absl::StrCat("redis-server, one connection; ",
                   InfoField(redis.get(), "used_memory_peak") / (1 << 20), " MiB used_memory_peak");
  return Report(result, replay.answers(), options.answers_path);
}

// Asks in windows of `depth`, each window's asks pipelined per master.
absl::Status ReplayInWindows(redis::ClusterClient& cluster, const redis::Script& script,
                             const Workload& workload, int depth, Replay& replay,
                             LatencySample& latency) {
  const size_t count = replay.answers().size();
  AskCommand command(script.sha1(), workload.spec().senders);
  std::vector<redis::Command> window;
  for (size_t first = 0; first < count; first += depth) {
    const size_t end = std::min(count, first + depth);
    window.clear();
    for (size_t index = first; index < end; ++index) {
      command.Set(workload[index], index);
      window.push_back(command.ForCluster(script));
    }
    const int64_t sent_at = NowNanos();
    std::vector<absl::StatusOr<redis::Reply>> replies = cluster.RunAll(window);
    const int64_t took = NowNanos() - sent_at;
    for (size_t index = first; index < end; ++index) {
      const absl::StatusOr<redis::Reply>& reply = replies[index - first];
      if (!reply.ok() || reply->type != redis::Reply::Type::kInteger) {
        return absl::InternalError(
            absl::StrCat("limiter.lua failed at ask ", index, ": ",
                         reply.ok() ? reply->text : reply.status().message()));
      }
      latency.Add(took);
      replay.Record(index, reply->integer == 1);
    }
  }
  return absl::OkStatus();
}

// `clients` threads, as many callers each with their own connections, each
// making one call at a time. Client k takes the people with id % clients ==
// k, so each person's asks keep their order and the answers can be compared.
absl::Status ReplayAsClients(redis::ClusterClient& cluster, const redis::Script& script,
                             const Workload& workload, int clients, Replay& replay,
                             LatencySample& latency) {
  const size_t count = replay.answers().size();
  std::vector<absl::Status> failures(clients);
  std::vector<LatencySample> samples(clients, LatencySample(1));
  std::vector<std::thread> threads;
  for (int client = 0; client < clients; ++client) {
    threads.emplace_back([&, client] {
      AskCommand command(script.sha1(), workload.spec().senders);
      for (size_t index = 0; index < count; ++index) {
        if (workload[index].person % clients != static_cast<uint32_t>(client)) continue;
        command.Set(workload[index], index);
        const int64_t sent_at = NowNanos();
        const absl::StatusOr<redis::Reply> reply = cluster.Run(command.ForCluster(script));
        samples[client].Add(NowNanos() - sent_at);
        if (!reply.ok() || reply->type != redis::Reply::Type::kInteger) {
          failures[client] = absl::InternalError(
              absl::StrCat("limiter.lua failed at ask ", index, ": ",
                           reply.ok() ? reply->text : reply.status().message()));
          return;
        }
        replay.Record(index, reply->integer == 1);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const LatencySample& sample : samples) latency.Merge(sample);
  for (const absl::Status& failure : failures) {
    if (!failure.ok()) return failure;
  }
  return absl::OkStatus();
}

// A field of INFO memory summed over the cluster's masters; -1 when one fails.
int64_t SumOverMasters(redis::ClusterClient& cluster, const std::string& field) {
  absl::StatusOr<std::vector<std::pair<redis::Endpoint, redis::Reply>>> replies =
      cluster.RunOnEveryMaster({"INFO", "memory"});
  if (!replies.ok()) return -1;
  int64_t sum = 0;
  for (const auto& [master, reply] : *replies) sum += InfoField(reply.text, field);
  return sum;
}

// A Redis Cluster through tact's cluster client (one connection per master):
// `depth` asks in flight, each master's share written in one pipeline.
int RunOnCluster(const Options& options, const Workload& workload, size_t count,
                 const std::string& source) {
  absl::StatusOr<redis::ClusterOptions> cluster_options =
      redis::ParseClusterUrl(options.cluster_url);
  if (!cluster_options.ok()) {
    std::cerr << "--cluster: " << cluster_options.status().message() << "\n";
    return 2;
  }
  cluster_options->command_timeout = absl::Seconds(30);  // FLUSHALL of the previous leg
  absl::StatusOr<std::unique_ptr<redis::ClusterClient>> cluster =
      redis::ClusterClient::Connect(*cluster_options);
  if (!cluster.ok()) {
    std::cerr << cluster.status().message() << "\n";
    return 1;
  }
  const redis::Script script(source);
  for (const std::vector<std::string>& words :
       {std::vector<std::string>{"FLUSHALL"}, {"SCRIPT", "LOAD", source}}) {
    if (absl::Status done = (*cluster)->RunOnEveryMaster(words).status(); !done.ok()) {
      std::cerr << words[0] << " on the cluster's masters failed: " << done.message() << "\n";
      return 1;
    }
  }
  const int64_t memory_before = SumOverMasters(**cluster, "used_memory");
  Replay replay(workload, count);
  LatencySample latency(1);
  const int64_t began = NowNanos();
  const absl::Status replayed =
      options.clients > 0
          ? ReplayAsClients(**cluster, script, workload, options.clients, replay, latency)
          : ReplayInWindows(**cluster, script, workload, options.depth, replay, latency);
  const int64_t elapsed = NowNanos() - began;
  if (!replayed.ok()) {
    std::cerr << replayed.message() << "\n";
    return 1;
  }
  LegResult result = replay.Result(
      options.clients > 0
          ? absl::StrCat("Redis Cluster + Lua, ", options.clients, " clients")
          : absl::StrCat("Redis Cluster + Lua, pipelined (", options.depth, " in flight)"),
      elapsed, latency);
  result.state_bytes = SumOverMasters(**cluster, "used_memory") - memory_before;
  result.note = absl::StrCat(
      "Redis Cluster of ", (*cluster)->slot_map()->masters().size(),
      " masters with a replica each; ",
      options.clients > 0
          ? absl::StrCat(options.clients,
                         " client threads, each with a connection to every master and one ask at "
                         "a time (each person's asks in order on one client)")
          : absl::StrCat("one connection to each master, the asks in windows of ", options.depth,
                         ", each master's share pipelined"),
      "; ", SumOverMasters(**cluster, "used_memory_peak") / (1 << 20),
      " MiB used_memory_peak over the masters");
  return Report(result, replay.answers(), options.answers_path);
}

int Main(int argc, char** argv) {
  CLI::App app{"The Redis + Lua peer limiter"};
  Options options;
  app.add_option("--workload", options.workload_path, "workload file (tact_workload)")->required();
  app.add_option("--script", options.script_path, "limiter.lua")->required();
  app.add_option("--host", options.host, "Redis host");
  app.add_option("--port", options.port, "Redis port");
  app.add_option("--cluster", options.cluster_url,
                 "a Redis Cluster's redis://host:port,... instead");
  app.add_option("--depth", options.depth, "asks in flight (1: unpipelined)")
      ->check(CLI::Range(1, 4096));
  app.add_option("--clients", options.clients,
                 "on a cluster: this many clients, one ask at a time each (instead of --depth)")
      ->check(CLI::Range(1, 1024));
  app.add_option("--limit", options.limit, "only the first N asks (0: all)");
  app.add_option("--answers", options.answers_path, "write S/D per ask here");
  app.add_option("--server-pid", options.server_pid, "redis-server's pid, for its peak memory");
  CLI11_PARSE(app, argc, argv);

  absl::StatusOr<Workload> workload = Workload::Open(options.workload_path);
  if (!workload.ok()) {
    std::cerr << workload.status().message() << "\n";
    return 1;
  }
  std::ifstream script_file(options.script_path);
  std::stringstream script;
  script << script_file.rdbuf();
  if (!script_file || script.str().empty()) {
    std::cerr << "cannot read " << options.script_path << "\n";
    return 1;
  }
  const size_t count = options.limit > 0
                           ? std::min(workload->size(), static_cast<size_t>(options.limit))
                           : workload->size();
  return options.cluster_url.empty() ? RunOnOneServer(options, *workload, count, script.str())
                                     : RunOnCluster(options, *workload, count, script.str());
}

}  // namespace
}  // namespace tact::bench

int main(int argc, char** argv) { return tact::bench::Main(argc, argv); }
