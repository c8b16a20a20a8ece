// Reads records from a CSV file (first row is the header) or a JSON Lines
// file (one object per line), chosen by the file's extension: .jsonl, .ndjson
// and .json are JSON Lines, anything else CSV. A row that cannot be read is
// returned as an error naming file:line, and reading goes on with the next.
//
// Limits: a line is at most 1 MiB (kMaxLineBytes); longer ones are errors.
// Thread safety: none; one reader per thread.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "codec/record.h"

namespace tact {

inline constexpr size_t kMaxLineBytes = 1 << 20;

struct ReadResult {
  Record record;
  std::string error;  // "file:line: problem" when the row could not be read
};

class RecordReader {
 public:
  virtual ~RecordReader() = default;
  // The next row; false at the end of the file.
  virtual bool Next(ReadResult* result) = 0;
  // Bytes consumed so far and the file's size, for progress.
  virtual size_t BytesRead() const = 0;
  virtual size_t BytesTotal() const = 0;
};

// Errors: NotFound when the file cannot be opened; InvalidArgument for a CSV
// file without a header row.
absl::StatusOr<std::unique_ptr<RecordReader>> OpenRecordFile(const std::string& path);

// Parses one JSON object into a record (for request bodies and stdin).
// Errors: InvalidArgument with simdjson's description or "must be an object".
absl::StatusOr<Record> RecordFromJson(absl::string_view json);

// True when `text` is valid UTF-8.
bool IsValidUtf8(absl::string_view text);

// `text` with every invalid UTF-8 sequence replaced by U+FFFD, so that
// whatever tact echoes (a field name, a bad value) is valid in its answer.
std::string ToValidUtf8(absl::string_view text);

}  // namespace tact
