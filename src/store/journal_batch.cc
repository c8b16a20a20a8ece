// Journal::BeginBatch and CommitBatch: a request's writes in one RocksDB
// WriteBatch, so that a batch of decisions costs the database one write (one
// log append, one turn in its write group) instead of two per send. Every
// history goes through them, WriteHistory's too, so that of two writes of a
// person the later-committed always carries the later history.
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <string>

#include "store/history_codec.h"
#include "store/journal.h"
#include "store/journal_rocks.h"

namespace tact {
namespace {

// Each thread's batch, reused (a cleared WriteBatch keeps its buffer).
struct ThreadBatch {
  rocksdb::WriteBatch batch;
  const Journal* owner = nullptr;  // the journal it was begun on; nullptr: none begun
};

ThreadBatch& ThisThread() {
  thread_local ThreadBatch batch;
  return batch;
}

}  // namespace

rocksdb::WriteBatch* Journal::ThisThreadsBatch() const {
  ThreadBatch& thread = ThisThread();
  return thread.owner == this ? &thread.batch : nullptr;
}

void Journal::BeginBatch() {
  ThreadBatch& thread = ThisThread();
  thread.batch.Clear();
  thread.owner = this;
}

void Journal::CommitBatch(
    absl::Span<const absl::string_view> people,
    absl::FunctionRef<void(absl::string_view person_id, std::string* value)> encode) {
  ThreadBatch& thread = ThisThread();
  thread.owner = nullptr;  // from here on this thread writes directly again
  std::lock_guard<std::mutex> order(commit_mutex_);
  thread_local std::string value;
  for (absl::string_view person_id : people) {
    value.clear();
    encode(person_id, &value);
    if (value.empty()) continue;  // no such person: nothing to write
    if (const rocksdb::Status added =
            thread.batch.Put(history_, ToSlice(person_id), ToSlice(value));
        !added.ok()) {
      Fail(FromRocks(added, data_dir_, "writing"));
      return;
    }
  }
  if (thread.batch.Count() == 0) return;
  GatedWrite([&](rocksdb::DB& db, const rocksdb::WriteOptions& write) {
    return db.Write(write, &thread.batch);
  });
  thread.batch.Clear();
}

void Journal::WriteHistory(absl::string_view person_id, const History& history) {
  BeginBatch();
  const absl::string_view people[] = {person_id};
  CommitBatch(people,
              [&](absl::string_view, std::string* value) { EncodeHistory(history, value); });
}

}  // namespace tact
