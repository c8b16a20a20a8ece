// The counts every tact node on one Redis Cluster shares: reputation
// (sends and complaints per campaign and domain), template recipients and
// the mirror. Each node counts into memory, as one process does, and:
//   - every flush interval (1 s by default) writes what it counted since the
//     last flush as additive cells (redis_state/count_cells.h) in one script:
//     HINCRBY into the shared totals and one entry of a stream;
//   - then reads the entries the other nodes wrote since its last read and
//     adds their counts to its own memory;
//   - at start, reads the totals, then the entries written while it read.
// So decisions and reports read memory (no round trip), and see every other
// node's counts at most about two flush intervals late. Per-decision writes
// would make the counts' keys the cluster's hottest.
//
// Failures: a flush the cluster did not take (Unavailable) is kept for the
// next one; one whose outcome is unknown is dropped (the counts may then
// undercount, never count twice). A node that reads nothing for longer than
// the stream keeps (ten minutes) misses the others' counts of that time
// until it restarts. Both are counted in stats().
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "ports/mirror_store.h"
#include "ports/reputation_counts.h"
#include "ports/template_counts.h"
#include "redis/cluster_client.h"
#include "redis_state/count_cells.h"
#include "report/mirror.h"
#include "store/reputation.h"
#include "store/template_counter.h"

namespace tact {

struct SharedCountsStats {
  int64_t flushes = 0;         // flushes that wrote cells
  int64_t kept_for_retry = 0;  // flushes the cluster did not take, kept
  int64_t dropped = 0;         // flushes of unknown outcome, dropped
  int64_t entries_read = 0;    // other nodes' stream entries added
};

class SharedCounts {
 public:
  struct Options {
    absl::Duration flush_interval = absl::Seconds(1);
    // Entries of the stream older than this are trimmed.
    absl::Duration stream_kept = absl::Minutes(10);
  };

  // `client` must outlive this. Nothing is read until Load().
  SharedCounts(redis::ClusterClient& client, Options options);
  // Stops the background flushes and flushes once more.
  ~SharedCounts();
  SharedCounts(const SharedCounts&) = delete;
  SharedCounts& operator=(const SharedCounts&) = delete;

  // Reads every node's counts (the totals, then the stream entries written
  // meanwhile) and starts flushing every flush interval. The cluster's
  // errors.
  absl::Status Start();
  // Writes this node's counts since the last flush, then reads the other
  // nodes'. The cluster's errors (the counts are kept or dropped as above).
  absl::Status Sync();

  ReputationCounts& reputation() { return reputation_; }
  TemplateCounts& templates() { return templates_; }
  MirrorStore& mirror() { return mirror_; }
  SharedCountsStats stats() const;

 private:
  // What this node counted since its last flush, as cells; Count* may run
  // on any thread while a flush takes them.
  class Pending {
   public:
    void Add(std::string key, std::string field);
    template <typename Fn>
    void CountMirror(Fn fn) {
      absl::ReaderMutexLock lock(&mirror_mutex_);
      fn(*mirror_);
    }
    std::vector<count_cells::Cell> Take();
    void GiveBack(const std::vector<count_cells::Cell>& cells);

   private:
    absl::Mutex cells_mutex_;
    absl::flat_hash_map<std::pair<std::string, std::string>, int64_t> cells_
        ABSL_GUARDED_BY(cells_mutex_);
    absl::Mutex mirror_mutex_;
    std::unique_ptr<Mirror> mirror_ ABSL_GUARDED_BY(mirror_mutex_) = std::make_unique<Mirror>();
  };

  class Reputation final : public ReputationCounts {
   public:
    explicit Reputation(Pending& pending) : pending_(pending) {}
    void CountSend(absl::string_view campaign, absl::string_view domain, Minute sent_at) override;
    void CountComplaint(absl::string_view campaign, absl::string_view domain,
                        Minute sent_at) override;
    Signals SignalsFor(absl::string_view campaign, absl::string_view domain,
                       const ComplaintGuard& guard, Minute now) override {
      return local.SignalsFor(campaign, domain, guard, now);
    }
    std::vector<ReputationRow> Report(const ComplaintGuard& guard, Minute now) override {
      return local.Report(guard, now);
    }
    ReputationTracker local;

   private:
    void Count(absl::string_view campaign, absl::string_view domain, Minute sent_at,
               bool complaint);
    Pending& pending_;
  };

  class Templates final : public TemplateCounts {
   public:
    explicit Templates(Pending& pending) : pending_(pending) {}
    void Add(uint64_t fingerprint, Minute minute) override;
    int64_t Count(uint64_t fingerprint, Minute now, int window_days) const override {
      return local.Count(fingerprint, now, window_days);
    }
    TemplateCounter local;

   private:
    Pending& pending_;
  };

  class SharedMirror final : public MirrorStore {
   public:
    explicit SharedMirror(SharedCounts& owner) : owner_(owner) {}
    void CountDecision(const MirrorSource& source, Day day, const Decision& decision,
                       const MirrorCrowd& crowd) override;
    void CountOutcome(const MirrorSource& source, Day day, Measure measure) override;
    void CountBecameDormant(Day day) override;
    // Forgets old days and flushes now (the periodic save and the last at exit).
    void Flush(Day today) override;
    size_t cells() const override { return local.cells(); }
    std::vector<MirrorDay> ByDay(const MirrorFilter& filter) const override {
      return local.ByDay(filter);
    }
    std::vector<LeagueRow> League(Dimension dimension, const MirrorFilter& filter) const override {
      return local.League(dimension, filter);
    }
    std::optional<std::pair<Day, Day>> Span() const override { return local.Span(); }
    std::array<std::vector<std::string>, kDimensionCount> Names(
        const MirrorFilter& filter) const override {
      return local.Names(filter);
    }
    absl::btree_map<Day, std::vector<MirrorCell>> CellsOf(
        const std::vector<Day>& days) const override {
      return local.CellsOf(days);
    }
    Mirror local;

   private:
    SharedCounts& owner_;
  };

  class Apply;  // a count_cells::Sink into this node's memory

  absl::Status Flush();
  absl::Status WriteCells(std::vector<count_cells::Cell> cells);
  // Reads stream entries after the last read; with `marks`, skips a cell
  // whose hash already held the entry (the load's totals).
  absl::Status ReadOthers(const absl::flat_hash_map<std::string, std::string>* marks);
  absl::Status LoadTotals(absl::flat_hash_map<std::string, std::string>& marks);
  void RunFlushes();

  redis::ClusterClient& client_;
  const Options options_;
  const std::string node_id_;
  Pending pending_;
  Reputation reputation_{pending_};
  Templates templates_{pending_};
  SharedMirror mirror_{*this};

  absl::Mutex sync_mutex_;  // one flush and read at a time
  std::string last_read_ ABSL_GUARDED_BY(sync_mutex_) = "0-0";

  std::atomic<int64_t> flushes_{0}, kept_for_retry_{0}, dropped_{0}, entries_read_{0};

  absl::Mutex stop_mutex_;
  bool stopping_ ABSL_GUARDED_BY(stop_mutex_) = false;
  std::thread flusher_;
};

}  // namespace tact
