#include "redis/cluster_client.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "redis/node_links.h"
#include "redis/slot.h"

namespace tact::redis {
namespace {

constexpr absl::Duration kMinRefreshInterval = absl::Milliseconds(100);
constexpr absl::Duration kFirstRetryWait = absl::Milliseconds(10);

std::atomic<uint64_t> next_client_id{1};

// Each thread's links, by client id. An id is never reused, so an entry of a
// destroyed client is never looked up again; the client owns and frees the
// links themselves.
thread_local absl::flat_hash_map<uint64_t, NodeLinks*> this_threads_links;

// "MOVED 3999 127.0.0.1:6381" → slot and node.
bool ParseRedirect(absl::string_view message, int& slot, Endpoint& node) {
  std::vector<absl::string_view> words = absl::StrSplit(message, ' ');
  if (words.size() != 3 || !absl::SimpleAtoi(words[1], &slot) || slot < 0 || slot >= kSlotCount) {
    return false;
  }
  size_t colon = words[2].rfind(':');
  if (colon == absl::string_view::npos ||
      !absl::SimpleAtoi(words[2].substr(colon + 1), &node.port)) {
    return false;
  }
  node.host = std::string(words[2].substr(0, colon));
  return true;
}

// Answers that mean "not now": the cluster is failing over, resharding or
// loading, or the node has become a replica.
bool IsTransient(absl::string_view kind) {
  return kind == "TRYAGAIN" || kind == "CLUSTERDOWN" || kind == "LOADING" || kind == "MASTERDOWN" ||
         kind == "READONLY";
}

}  // namespace

// The state of one RunAll across its rounds.
struct ClusterClient::Round {
  std::vector<absl::StatusOr<Reply>> results;
  std::vector<size_t> pending;
  absl::flat_hash_map<size_t, Endpoint> asking;  // command → node to ask
  std::vector<std::pair<Endpoint, const Script*>> scripts_to_load;
  bool refresh = false;  // the map may be stale
  bool wait = false;     // the cluster said "not now"
};

ClusterClient::ClusterClient(ClusterOptions options)
    : options_(std::move(options)), id_(next_client_id.fetch_add(1)) {}

ClusterClient::~ClusterClient() = default;

absl::StatusOr<std::unique_ptr<ClusterClient>> ClusterClient::Connect(ClusterOptions options) {
  if (options.seeds.empty()) {
    return absl::InvalidArgumentError("redis: no seed nodes (redis://host:port[,host:port...])");
  }
  std::unique_ptr<ClusterClient> client(new ClusterClient(std::move(options)));
  if (absl::Status status = client->RefreshMap(/*force=*/true); !status.ok()) return status;
  return client;
}

NodeLinks& ClusterClient::ThisThreadsLinks() {
  NodeLinks*& links = this_threads_links[id_];
  if (links == nullptr) {
    auto owned = std::make_unique<NodeLinks>(options_, counters_.links);
    links = owned.get();
    absl::MutexLock lock(&links_mutex_);
    all_links_.push_back(std::move(owned));
  }
  return *links;
}

std::shared_ptr<const SlotMap> ClusterClient::slot_map() const {
  absl::MutexLock lock(&map_mutex_);
  return map_;
}

ClusterStats ClusterClient::stats() const {
  return {counters_.moved.load(),          counters_.asked.load(),
          counters_.retried.load(),        counters_.script_loads.load(),
          counters_.map_refreshes.load(),  counters_.links.connects.load(),
          counters_.links.failures.load(), counters_.unknown_outcomes.load(),
          counters_.gave_up.load()};
}

absl::Status ClusterClient::Refresh() { return RefreshMap(/*force=*/true); }

absl::Status ClusterClient::RefreshMap(bool force) {
  std::vector<Endpoint> candidates;
  {
    absl::MutexLock lock(&map_mutex_);
    const absl::Time now = absl::Now();
    if (!force && now - last_refresh_ < kMinRefreshInterval) return absl::OkStatus();
    last_refresh_ = now;
    if (map_ != nullptr) candidates = map_->nodes();
  }
  candidates.insert(candidates.end(), options_.seeds.begin(), options_.seeds.end());
  NodeLinks& links = ThisThreadsLinks();
  absl::Status last = absl::UnavailableError("redis: no node to ask for the slot map");
  for (const Endpoint& node : candidates) {
    absl::StatusOr<Connection*> connection = links.Get(node, absl::Now());
    if (!connection.ok()) {
      last = connection.status();
      continue;
    }
    absl::StatusOr<Reply> reply = (*connection)->Run({"CLUSTER", "SLOTS"});
    if (!reply.ok()) {
      last = reply.status();
      continue;
    }
    if (reply->is_error()) {
      last = absl::FailedPreconditionError(
          absl::StrCat("redis: ", node.ToString(), " answered CLUSTER SLOTS with ", reply->text));
      continue;
    }
    absl::StatusOr<SlotMap> map = SlotMap::FromClusterSlots(*reply, node);
    if (!map.ok()) {
      last = map.status();
      continue;
    }
    counters_.map_refreshes.fetch_add(1);
    absl::MutexLock lock(&map_mutex_);
    map_ = std::make_shared<const SlotMap>(*std::move(map));
    return absl::OkStatus();
  }
  return last;
}

void ClusterClient::MoveSlot(int slot, const Endpoint& node) {
  absl::MutexLock lock(&map_mutex_);
  if (map_->MasterOf(slot) == node) return;
  auto moved = std::make_shared<SlotMap>(*map_);
  moved->Move(slot, node);
  map_ = std::move(moved);
}

absl::StatusOr<Reply> ClusterClient::Run(const Command& command) {
  return std::move(RunCommands(absl::MakeConstSpan(&command, 1)).front());
}

std::vector<absl::StatusOr<Reply>> ClusterClient::RunAll(const std::vector<Command>& commands) {
  return RunCommands(commands);
}

std::vector<absl::StatusOr<Reply>> ClusterClient::RunCommands(absl::Span<const Command> commands) {
  Round round;
  round.results.assign(commands.size(), absl::UnavailableError("redis: not run"));
  for (size_t i = 0; i < commands.size(); ++i) round.pending.push_back(i);
  const absl::Time deadline = absl::Now() + options_.retry_budget;
  absl::Duration wait = kFirstRetryWait;
  while (!round.pending.empty()) {
    RunRound(commands, round);
    if (round.pending.empty()) break;
    if (absl::Now() + (round.wait ? wait : absl::ZeroDuration()) >= deadline) {
      for (size_t index : round.pending) {
        counters_.gave_up.fetch_add(1);
        round.results[index] = absl::UnavailableError(absl::StrCat(
            "redis: gave up after ", absl::FormatDuration(options_.retry_budget), ": ",
            round.results[index].ok() ? "redirected" : round.results[index].status().message()));
      }
      break;
    }
    if (round.wait) {
      absl::SleepFor(wait);
      wait = std::min(wait * 2, options_.max_backoff);
    }
    if (round.refresh) RefreshMap(/*force=*/false).IgnoreError();
  }
  return std::move(round.results);
}

void ClusterClient::RunRound(absl::Span<const Command> commands, Round& round) {
  std::shared_ptr<const SlotMap> map = slot_map();
  std::vector<std::pair<Endpoint, std::vector<size_t>>> by_node;
  for (size_t index : round.pending) {
    auto asked = round.asking.find(index);
    const Endpoint& node =
        asked != round.asking.end() ? asked->second : map->MasterOf(SlotOf(commands[index].key));
    auto group = std::find_if(by_node.begin(), by_node.end(),
                              [&](const auto& entry) { return entry.first == node; });
    if (group == by_node.end()) group = by_node.insert(by_node.end(), {node, {}});
    group->second.push_back(index);
  }
  round.pending.clear();
  round.refresh = round.wait = false;
  // Every node's share is written before any answer is read, so the nodes
  // work on them at the same time: a round costs the slowest node's time,
  // not the sum.
  std::vector<Connection*> sent(by_node.size(), nullptr);
  for (size_t k = 0; k < by_node.size(); ++k) {
    sent[k] = SendToNode(by_node[k].first, by_node[k].second, commands, round);
  }
  for (size_t k = 0; k < by_node.size(); ++k) {
    if (sent[k] != nullptr) ReadFromNode(*sent[k], by_node[k].second, commands, round);
  }
  // A load that fails leaves the command pending: the next round finds out.
  for (const auto& [node, script] : round.scripts_to_load) {
    if (RunOn(node, {"SCRIPT", "LOAD", script->source()}).ok()) {
      counters_.script_loads.fetch_add(1);
    }
  }
  round.scripts_to_load.clear();
}

Connection* ClusterClient::SendToNode(const Endpoint& node, const std::vector<size_t>& indices,
                                      absl::Span<const Command> commands, Round& round) {
  absl::StatusOr<Connection*> connection = ThisThreadsLinks().Get(node, absl::Now());
  if (!connection.ok()) {
    for (size_t index : indices) round.results[index] = connection.status();
    round.pending.insert(round.pending.end(), indices.begin(), indices.end());
    round.refresh = round.wait = true;
    return nullptr;
  }
  for (size_t index : indices) {
    if (round.asking.contains(index)) (*connection)->Append({"ASKING"});
    (*connection)->Append(commands[index].words);
  }
  (*connection)->Send();
  return *connection;
}

void ClusterClient::ReadFromNode(Connection& connection, const std::vector<size_t>& indices,
                                 absl::Span<const Command> commands, Round& round) {
  for (size_t index : indices) {
    absl::StatusOr<Reply> reply = Reply();
    if (round.asking.contains(index)) reply = connection.Read();  // ASKING's +OK
    if (reply.ok()) reply = connection.Read();
    if (!reply.ok()) {
      counters_.unknown_outcomes.fetch_add(1);
      round.results[index] = reply.status();
      round.refresh = true;
      continue;
    }
    Sort(index, *std::move(reply), connection.endpoint(), commands[index], round);
  }
}

void ClusterClient::Sort(size_t index, Reply reply, const Endpoint& node, const Command& command,
                         Round& round) {
  absl::string_view kind = reply.error_kind();
  int slot = 0;
  Endpoint target;
  if ((kind == "MOVED" || kind == "ASK") && ParseRedirect(reply.text, slot, target)) {
    if (kind == "MOVED") {
      counters_.moved.fetch_add(1);
      MoveSlot(slot, target);
      round.asking.erase(index);
    } else {
      counters_.asked.fetch_add(1);
      round.asking[index] = target;
    }
    round.pending.push_back(index);
    return;
  }
  round.asking.erase(index);
  if (IsTransient(kind)) {
    counters_.retried.fetch_add(1);
    round.results[index] = absl::UnavailableError(absl::StrCat("redis: ", reply.text));
    round.pending.push_back(index);
    round.refresh = round.wait = true;
    return;
  }
  if (kind == "NOSCRIPT" && command.script != nullptr) {
    const std::pair<Endpoint, const Script*> load(node, command.script);
    if (std::find(round.scripts_to_load.begin(), round.scripts_to_load.end(), load) ==
        round.scripts_to_load.end()) {
      round.scripts_to_load.push_back(load);
    }
    round.pending.push_back(index);
    return;
  }
  round.results[index] = std::move(reply);
}

absl::StatusOr<Reply> ClusterClient::RunOn(const Endpoint& node,
                                           const std::vector<std::string>& words) {
  absl::StatusOr<Connection*> connection = ThisThreadsLinks().Get(node, absl::Now());
  if (!connection.ok()) return connection.status();
  return (*connection)->Run(words);
}

absl::StatusOr<std::vector<std::pair<Endpoint, Reply>>> ClusterClient::RunOnEveryMaster(
    const std::vector<std::string>& words) {
  std::vector<std::pair<Endpoint, Reply>> replies;
  for (const Endpoint& master : slot_map()->masters()) {
    absl::StatusOr<Reply> reply = RunOn(master, words);
    if (!reply.ok()) return reply.status();
    replies.emplace_back(master, *std::move(reply));
  }
  return replies;
}

}  // namespace tact::redis
