// When the journal's log reaches the disk: the sync loop (group commit or
// a sync per write), the waits of answers that acknowledge changes, the
// disk-space watch, and what happens once a write failed.
#include <rocksdb/db.h>

#include "store/data_dir.h"
#include "store/journal.h"
#include "store/journal_rocks.h"

namespace tact {

void Journal::Fail(const absl::Status& status) {
  std::lock_guard<std::mutex> lock(sync_mutex_);
  if (failure_.ok()) failure_ = status;
  failed_.store(true);
  sync_wanted_.notify_all();
}

absl::Status Journal::Health() const {
  std::lock_guard<std::mutex> lock(sync_mutex_);
  return failure_.ok() ? low_disk_ : failure_;
}

void Journal::WatchDisk() {
  const auto interval = absl::ToChronoMilliseconds(options_.disk_check_interval);
  std::unique_lock<std::mutex> lock(sync_mutex_);
  while (!stopping_) {
    lock.unlock();
    const absl::Status space = CheckFreeSpace(data_dir_, options_.min_free_bytes);
    lock.lock();
    low_disk_ = space;
    disk_watch_wake_.wait_for(lock, interval, [&] { return stopping_; });
  }
}

uint64_t Journal::Mark() const { return db_->GetLatestSequenceNumber(); }

void Journal::WhenDurable(uint64_t mark, Urgency urgency, std::function<void(absl::Status)> done) {
  std::unique_lock<std::mutex> lock(sync_mutex_);
  if (!failure_.ok()) {
    const absl::Status failure = failure_;
    lock.unlock();
    return done(failure);
  }
  const bool must_sync = urgency == Urgency::kAlways || options_.durability == Durability::kSync;
  if (!must_sync || mark <= synced_ || !syncer_.joinable()) {
    lock.unlock();
    return done(absl::OkStatus());
  }
  waiters_.push_back(Waiter{mark, std::move(done)});
  lock.unlock();
  sync_wanted_.notify_one();
}

absl::Status Journal::AwaitDurable(uint64_t mark, Urgency urgency) {
  std::mutex mutex;
  std::condition_variable finished;
  std::optional<absl::Status> result;
  WhenDurable(mark, urgency, [&](absl::Status status) {
    std::lock_guard<std::mutex> lock(mutex);
    result = std::move(status);
    finished.notify_one();
  });
  std::unique_lock<std::mutex> lock(mutex);
  finished.wait(lock, [&] { return result.has_value(); });
  return *result;
}

void Journal::SyncLoop() {
  const auto interval = absl::ToChronoMilliseconds(options_.group_commit);
  std::unique_lock<std::mutex> lock(sync_mutex_);
  while (true) {
    if (waiters_.empty() && !stopping_) {
      // Group mode syncs at least every interval; sync mode when asked.
      if (options_.durability == Durability::kGroup) {
        sync_wanted_.wait_for(lock, interval);
      } else {
        sync_wanted_.wait(lock, [&] { return !waiters_.empty() || stopping_; });
      }
    }
    const uint64_t target = db_->GetLatestSequenceNumber();
    if (target > synced_ && failure_.ok() && !failed_.load(std::memory_order_acquire)) {
      lock.unlock();
      // No write may fail between the check and the sync: RocksDB asserts
      // when a log that met a write error is synced before it ever was.
      std::unique_lock<std::shared_mutex> gate(write_gate_);
      const rocksdb::Status status = failed_.load(std::memory_order_acquire)
                                         ? rocksdb::Status::IOError("an earlier write failed")
                                         : db_->SyncWAL();
      gate.unlock();
      // Everything up to `target` is on disk: say so outside the log.
      if (status.ok() && acked_fd_ >= 0) WriteAckedMark(acked_fd_, target);
      lock.lock();
      if (status.ok()) {
        synced_ = target;
      } else if (failure_.ok()) {
        failure_ = FromRocks(status, data_dir_, "syncing the write-ahead log");
        failed_.store(true);
      }
    }
    // Answer everyone the sync covered (or everyone, on failure).
    std::vector<Waiter> ready;
    for (auto it = waiters_.begin(); it != waiters_.end();) {
      if (!failure_.ok() || it->mark <= synced_) {
        ready.push_back(std::move(*it));
        it = waiters_.erase(it);
      } else {
        ++it;
      }
    }
    const absl::Status outcome = failure_;
    const bool stop = stopping_ && waiters_.empty();
    lock.unlock();
    for (Waiter& waiter : ready) waiter.done(outcome);
    lock.lock();
    if (stop) return;
  }
}

}  // namespace tact
