#include "redis_state/shared_counts.h"

#include <algorithm>
#include <map>
#include <random>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace tact {
namespace {

using count_cells::Cell;

// KEYS: the stream, the set of keys, then each hash to add to.
// ARGV: the node's id, the oldest stream id to keep (ms), then per hash:
// its expiry (ms since the epoch), its number of cells, then field, count
// for each. Writes the stream entry, then the cells; returns the entry's id.
constexpr char kWriteCells[] = R"lua(
local entry = {'n', ARGV[1]}
local spans = {}
local a = 3
for k = 3, #KEYS do
  local cells = tonumber(ARGV[a + 1])
  spans[k] = {a + 2, cells, ARGV[a]}
  local suffix = string.sub(KEYS[k], 9)  -- after the tag, '{tact:c}'
  for i = 0, cells - 1 do
    entry[#entry + 1] = suffix .. '\n' .. ARGV[a + 2 + 2 * i]
    entry[#entry + 1] = ARGV[a + 3 + 2 * i]
  end
  a = a + 2 + 2 * cells
end
local id = redis.call('XADD', KEYS[1], 'MINID', '~', ARGV[2], '*', unpack(entry))
for k = 3, #KEYS do
  local span = spans[k]
  for i = 0, span[2] - 1 do
    redis.call('HINCRBY', KEYS[k], ARGV[span[1] + 2 * i], ARGV[span[1] + 1 + 2 * i])
  end
  redis.call('HSET', KEYS[k], '@', id)
  redis.call('PEXPIREAT', KEYS[k], span[3])
  redis.call('SADD', KEYS[2], KEYS[k])
end
return id
)lua";

// Cells per script call: the stream entry's fields go through Lua's unpack,
// whose stack holds a few thousand values.
constexpr size_t kCellsPerWrite = 1000;
constexpr int kEntriesPerRead = 256;

std::string NewNodeId() {
  std::random_device random;
  return absl::StrFormat("%08x%08x", random(), random());
}

// "1700000000000-3" as a pair that orders as Redis orders stream ids.
std::pair<uint64_t, uint64_t> StreamId(absl::string_view id) {
  const size_t dash = id.find('-');
  uint64_t ms = 0, sequence = 0;
  if (dash == absl::string_view::npos || !absl::SimpleAtoi(id.substr(0, dash), &ms) ||
      !absl::SimpleAtoi(id.substr(dash + 1), &sequence)) {
    return {0, 0};
  }
  return {ms, sequence};
}

// KEYS: the set of keys, then keys it names that expired: each is taken out
// of the set unless a node wrote it again meanwhile.
constexpr char kForgetKeys[] = R"lua(
for k = 2, #KEYS do
  if redis.call('EXISTS', KEYS[k]) == 0 then redis.call('SREM', KEYS[1], KEYS[k]) end
end
return 0
)lua";

const redis::Script& ForgetScript() {
  static const redis::Script* const script = new redis::Script(kForgetKeys);
  return *script;
}

const redis::Script& WriteScript() {
  static const redis::Script* const script = new redis::Script(kWriteCells);
  return *script;
}

}  // namespace

// Adds decoded cells to this node's memory.
class SharedCounts::Apply final : public count_cells::Sink {
 public:
  explicit Apply(SharedCounts& owner) : owner_(owner) {}
  void AddReputation(int32_t hour, count_cells::Scope scope, absl::string_view name, int64_t sent,
                     int64_t complaints) override {
    owner_.reputation_.local.AddHour(scope == count_cells::Scope::kCampaign, name, hour, sent,
                                     complaints);
  }
  void AddTemplate(uint64_t fingerprint, Day day, int64_t recipients) override {
    owner_.templates_.local.Add(fingerprint, FirstMinuteOf(day), recipients);
  }
  void AddMirror(Day day, const MirrorCell& cell, int64_t dormant) override {
    if (dormant != 0) {
      owner_.mirror_.local.AddBecameDormant(day, dormant);
    } else {
      owner_.mirror_.local.Add(cell);
    }
  }

 private:
  SharedCounts& owner_;
};

void SharedCounts::Pending::Add(std::string key, std::string field) {
  absl::MutexLock lock(&cells_mutex_);
  ++cells_[{std::move(key), std::move(field)}];
}

std::vector<Cell> SharedCounts::Pending::Take() {
  std::unique_ptr<Mirror> mirror = std::make_unique<Mirror>();
  {
    absl::WriterMutexLock lock(&mirror_mutex_);
    std::swap(mirror, mirror_);
  }
  decltype(cells_) taken;
  {
    absl::MutexLock lock(&cells_mutex_);
    std::swap(taken, cells_);
  }
  std::vector<Cell> cells;
  cells.reserve(taken.size());
  for (auto& [key_field, count] : taken) {
    cells.push_back({key_field.first, key_field.second, count});
  }
  const std::vector<Day> days = mirror->TakeChangedDays();
  for (const auto& [day, day_cells] : mirror->CellsOf(days)) {
    for (const MirrorCell& cell : day_cells) count_cells::AppendMirrorCells(cell, cells);
    if (const int64_t dormant = mirror->BecameDormantOn(day); dormant != 0) {
      cells.push_back({count_cells::MirrorKey(day), count_cells::kDormantField, dormant});
    }
  }
  return cells;
}

void SharedCounts::Pending::GiveBack(const std::vector<Cell>& cells) {
  absl::MutexLock lock(&cells_mutex_);
  for (const Cell& cell : cells) cells_[{cell.key, cell.field}] += cell.count;
}

void SharedCounts::Reputation::Count(absl::string_view campaign, absl::string_view domain,
                                     Minute sent_at, bool complaint) {
  const int32_t hour = static_cast<int32_t>(sent_at >= 0 ? sent_at / 60 : (sent_at - 59) / 60);
  const std::string key = count_cells::ReputationKey(hour);
  if (!campaign.empty()) {
    pending_.Add(key,
                 count_cells::ReputationField(count_cells::Scope::kCampaign, complaint, campaign));
  }
  if (!domain.empty()) {
    pending_.Add(key, count_cells::ReputationField(count_cells::Scope::kDomain, complaint, domain));
  }
}

void SharedCounts::Reputation::CountSend(absl::string_view campaign, absl::string_view domain,
                                         Minute sent_at) {
  local.CountSend(campaign, domain, sent_at);
  Count(campaign, domain, sent_at, false);
}

void SharedCounts::Reputation::CountComplaint(absl::string_view campaign, absl::string_view domain,
                                              Minute sent_at) {
  local.CountComplaint(campaign, domain, sent_at);
  Count(campaign, domain, sent_at, true);
}

void SharedCounts::Templates::Add(uint64_t fingerprint, Minute minute) {
  if (fingerprint == 0) return;
  local.Add(fingerprint, minute);
  pending_.Add(count_cells::TemplateKey(DayOfMinute(minute)),
               count_cells::TemplateField(fingerprint));
}

void SharedCounts::SharedMirror::CountDecision(const MirrorSource& source, Day day,
                                               const Decision& decision, const MirrorCrowd& crowd) {
  local.CountDecision(source, day, decision, crowd);
  owner_.pending_.CountMirror(
      [&](Mirror& mirror) { mirror.CountDecision(source, day, decision, crowd); });
}

void SharedCounts::SharedMirror::CountOutcome(const MirrorSource& source, Day day,
                                              Measure measure) {
  local.CountOutcome(source, day, measure);
  owner_.pending_.CountMirror([&](Mirror& mirror) { mirror.CountOutcome(source, day, measure); });
}

void SharedCounts::SharedMirror::CountBecameDormant(Day day) {
  local.CountBecameDormant(day);
  owner_.pending_.CountMirror([&](Mirror& mirror) { mirror.CountBecameDormant(day); });
}

void SharedCounts::SharedMirror::Flush(Day today) {
  local.ForgetBefore(today - kMirrorDaysKept);
  local.Trim();
  local.TakeChangedDays();      // kept by the cluster, not by this node
  owner_.Sync().IgnoreError();  // counted in stats; the next flush tries again
}

SharedCounts::SharedCounts(redis::ClusterClient& client, Options options)
    : client_(client), options_(options), node_id_(NewNodeId()) {}

SharedCounts::~SharedCounts() {
  {
    absl::MutexLock lock(&stop_mutex_);
    stopping_ = true;
  }
  if (flusher_.joinable()) flusher_.join();
  Flush().IgnoreError();
}

SharedCountsStats SharedCounts::stats() const {
  return {flushes_.load(), kept_for_retry_.load(), dropped_.load(), entries_read_.load()};
}

absl::Status SharedCounts::Start() {
  {
    absl::MutexLock lock(&sync_mutex_);
    absl::StatusOr<redis::Reply> newest = client_.Run(
        {count_cells::kLogKey, {"XREVRANGE", count_cells::kLogKey, "+", "-", "COUNT", "1"}});
    if (!newest.ok()) return newest.status();
    if (absl::Status error = newest->ErrorStatus("reading the shared counts"); !error.ok()) {
      return error;
    }
    if (!newest->elements.empty() && !newest->elements[0].elements.empty()) {
      last_read_ = newest->elements[0].elements[0].text;
    }
  }
  absl::flat_hash_map<std::string, std::string> marks;
  if (absl::Status loaded = LoadTotals(marks); !loaded.ok()) return loaded;
  if (absl::Status read = ReadOthers(&marks); !read.ok()) return read;
  flusher_ = std::thread([this] { RunFlushes(); });
  return absl::OkStatus();
}

void SharedCounts::RunFlushes() {
  absl::MutexLock lock(&stop_mutex_);
  while (!stop_mutex_.AwaitWithTimeout(absl::Condition(&stopping_), options_.flush_interval)) {
    stop_mutex_.Unlock();
    Sync().IgnoreError();  // counted in stats; the next flush tries again
    stop_mutex_.Lock();
  }
}

absl::Status SharedCounts::Sync() {
  absl::Status flushed = Flush();
  absl::Status read = ReadOthers(nullptr);
  return flushed.ok() ? read : flushed;
}

absl::Status SharedCounts::Flush() {
  std::vector<Cell> cells = pending_.Take();
  if (cells.empty()) return absl::OkStatus();
  // Cells of one hash together, so each script call names few keys.
  std::sort(cells.begin(), cells.end(), [](const Cell& a, const Cell& b) { return a.key < b.key; });
  absl::Status result;
  for (size_t start = 0; start < cells.size(); start += kCellsPerWrite) {
    const size_t end = std::min(cells.size(), start + kCellsPerWrite);
    std::vector<Cell> chunk(std::make_move_iterator(cells.begin() + start),
                            std::make_move_iterator(cells.begin() + end));
    if (absl::Status written = WriteCells(std::move(chunk)); !written.ok()) result = written;
  }
  return result;
}

absl::Status SharedCounts::WriteCells(std::vector<Cell> cells) {
  std::vector<std::string> keys = {count_cells::kLogKey, count_cells::kKeysKey};
  const int64_t oldest_kept_ms = absl::ToUnixMillis(absl::Now() - options_.stream_kept);
  std::vector<std::string> args = {node_id_, absl::StrCat(oldest_kept_ms)};
  for (size_t start = 0; start < cells.size();) {
    size_t end = start;
    while (end < cells.size() && cells[end].key == cells[start].key) ++end;
    const std::optional<int64_t> expires = count_cells::ExpiresAtMs(cells[start].key);
    if (expires) {
      keys.push_back(absl::StrCat(count_cells::kTag, cells[start].key));
      args.push_back(absl::StrCat(*expires));
      args.push_back(absl::StrCat(end - start));
      for (size_t i = start; i < end; ++i) {
        args.push_back(cells[i].field);
        args.push_back(absl::StrCat(cells[i].count));
      }
    }
    start = end;
  }
  absl::StatusOr<redis::Reply> written = client_.Run(WriteScript().Call(keys, args));
  absl::Status status =
      written.ok() ? written->ErrorStatus("writing the shared counts") : written.status();
  if (status.ok()) {
    ++flushes_;
  } else if (!written.ok() ? absl::IsUnavailable(status) : written->error_kind() == "OOM") {
    // Nothing was written (no node took the call, or the master refused
    // the script's first write): the next flush sends them again.
    ++kept_for_retry_;
    pending_.GiveBack(cells);
  } else {
    ++dropped_;  // perhaps written: sending them again could count them twice
  }
  return status;
}

absl::Status SharedCounts::ReadOthers(const absl::flat_hash_map<std::string, std::string>* marks) {
  absl::MutexLock lock(&sync_mutex_);
  Apply apply(*this);
  while (true) {
    absl::StatusOr<redis::Reply> read =
        client_.Run({count_cells::kLogKey,
                     {"XRANGE", count_cells::kLogKey, absl::StrCat("(", last_read_), "+", "COUNT",
                      absl::StrCat(kEntriesPerRead)}});
    if (!read.ok()) return read.status();
    if (absl::Status error = read->ErrorStatus("reading the shared counts"); !error.ok()) {
      return error;
    }
    for (const redis::Reply& entry : read->elements) {
      if (entry.elements.size() != 2) continue;
      last_read_ = entry.elements[0].text;
      const std::vector<redis::Reply>& fields = entry.elements[1].elements;
      if (fields.size() < 2 || fields[0].text != "n" || fields[1].text == node_id_) continue;
      ++entries_read_;
      const auto id = StreamId(last_read_);
      for (size_t i = 2; i + 1 < fields.size(); i += 2) {
        const absl::string_view cell = fields[i].text;
        const size_t newline = cell.find('\n');
        int64_t count = 0;
        if (newline == absl::string_view::npos || !absl::SimpleAtoi(fields[i + 1].text, &count)) {
          continue;
        }
        const absl::string_view key = cell.substr(0, newline);
        if (marks != nullptr) {
          const auto mark = marks->find(key);
          if (mark != marks->end() && StreamId(mark->second) >= id) continue;  // in the totals
        }
        count_cells::Decode(key, cell.substr(newline + 1), count, apply);
      }
    }
    if (read->elements.size() < static_cast<size_t>(kEntriesPerRead)) return absl::OkStatus();
  }
}

absl::Status SharedCounts::LoadTotals(absl::flat_hash_map<std::string, std::string>& marks) {
  absl::StatusOr<redis::Reply> members =
      client_.Run({count_cells::kKeysKey, {"SMEMBERS", count_cells::kKeysKey}});
  if (!members.ok()) return members.status();
  if (absl::Status error = members->ErrorStatus("reading the shared counts"); !error.ok()) {
    return error;
  }
  std::vector<redis::Command> reads;
  for (const redis::Reply& member : members->elements) {
    reads.push_back({member.text, {"HGETALL", member.text}});
  }
  const std::vector<absl::StatusOr<redis::Reply>> totals = client_.RunAll(reads);
  Apply apply(*this);
  const size_t tag = std::string_view(count_cells::kTag).size();
  std::vector<std::string> gone;
  for (size_t i = 0; i < totals.size(); ++i) {
    if (!totals[i].ok()) return totals[i].status();
    const std::vector<redis::Reply>& fields = totals[i]->elements;
    const std::string& full_key = reads[i].key;
    if (fields.empty()) gone.push_back(full_key);  // expired
    const absl::string_view key = absl::string_view(full_key).substr(tag);
    for (size_t f = 0; f + 1 < fields.size(); f += 2) {
      int64_t count = 0;
      if (fields[f].text == count_cells::kMarkField) {
        marks[std::string(key)] = fields[f + 1].text;
      } else if (absl::SimpleAtoi(fields[f + 1].text, &count)) {
        count_cells::Decode(key, fields[f].text, count, apply);
      }
    }
  }
  if (!gone.empty()) {
    gone.insert(gone.begin(), count_cells::kKeysKey);
    client_.Run(ForgetScript().Call(gone, {})).IgnoreError();  // tidying only
  }
  return absl::OkStatus();
}

}  // namespace tact
