// Bringing a data directory written in an older data format up to this one
// (store/data_dir.h has the FORMAT file; store/profile_codec.h the formats).
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "store/journal.h"
#include "store/journal_rocks.h"
#include "store/profile_codec.h"

namespace tact {
namespace {

// Values per synced batch: bounds the memory a large directory's rewrite takes.
constexpr size_t kRewriteBatch = 10000;

template <typename Decode, typename Encode>
absl::StatusOr<size_t> RewriteFamily(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* family,
                                     const std::string& data_dir, absl::string_view what,
                                     Decode decode, Encode encode) {
  rocksdb::WriteOptions write;
  write.sync = true;
  rocksdb::WriteBatch batch;
  size_t rewritten = 0;
  const auto flush = [&]() -> absl::Status {
    if (batch.Count() == 0) return absl::OkStatus();
    absl::Status status = FromRocks(db.Write(write, &batch), data_dir, "rewriting profiles");
    batch.Clear();
    return status;
  };
  std::unique_ptr<rocksdb::Iterator> it(db.NewIterator(rocksdb::ReadOptions(), family));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const absl::string_view value = ToView(it->value());
    if (!IsFormat1Record(value)) continue;
    auto decoded = decode(value);
    if (!decoded.ok()) {
      return absl::DataLossError(absl::StrCat("data directory ", data_dir, " is corrupt: ", what,
                                              " '", ToView(it->key()),
                                              "': ", decoded.status().message()));
    }
    batch.Put(family, it->key(), encode(*decoded));
    if (++rewritten % kRewriteBatch == 0) {
      if (absl::Status status = flush(); !status.ok()) return status;
    }
  }
  if (!it->status().ok()) return FromRocks(it->status(), data_dir, "reading profiles");
  if (absl::Status status = flush(); !status.ok()) return status;
  return rewritten;
}

}  // namespace

absl::StatusOr<size_t> Journal::RewriteFormat1Profiles() {
  auto people = RewriteFamily(*db_, people_, data_dir_, "the profile of person", DecodePersonRecord,
                              EncodePersonRecord);
  if (!people.ok()) return people.status();
  auto accounts = RewriteFamily(*db_, accounts_, data_dir_, "the profile of account",
                                DecodeAccountRecord, EncodeAccountRecord);
  if (!accounts.ok()) return accounts.status();
  return *people + *accounts;
}

}  // namespace tact
