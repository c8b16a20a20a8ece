#include "codec/record_reader.h"

#include <csv.h>

#include <deque>
#include <filesystem>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace tact {
namespace {

class LineSource {
 public:
  explicit LineSource(const std::string& path) : path_(path), file_(path, std::ios::binary) {
    std::error_code error;
    total_ = std::filesystem::file_size(path, error);
    if (error) total_ = 0;
  }
  bool ok() const { return static_cast<bool>(file_); }
  // Reads the next line without its newline; false at the end.
  bool NextLine(std::string* line) {
    if (!std::getline(file_, *line)) return false;
    ++line_number_;
    read_ += line->size() + 1;
    return true;
  }
  int line_number() const { return line_number_; }
  size_t read() const { return read_; }
  size_t total() const { return total_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::ifstream file_;
  int line_number_ = 0;
  size_t read_ = 0;
  size_t total_ = 0;
};

class JsonLinesReader final : public RecordReader {
 public:
  explicit JsonLinesReader(const std::string& path) : source_(path) {}
  bool ok() const { return source_.ok(); }

  bool Next(ReadResult* result) override {
    std::string line;
    while (source_.NextLine(&line)) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      *result = ReadResult{};
      const std::string where = absl::StrCat(source_.path(), ":", source_.line_number(), ": ");
      if (line.size() > kMaxLineBytes) {
        result->error = absl::StrCat(where, "line is longer than ", kMaxLineBytes, " bytes");
        return true;
      }
      auto record = RecordFromJson(line);
      if (!record.ok()) {
        result->error = absl::StrCat(where, record.status().message());
        return true;
      }
      result->record = *std::move(record);
      result->record.line = source_.line_number();
      return true;
    }
    return false;
  }
  size_t BytesRead() const override { return source_.read(); }
  size_t BytesTotal() const override { return source_.total(); }

 private:
  LineSource source_;
};

// CSV per RFC 4180 through libcsv. Lines are fed one at a time so that each
// row knows the line it started on, even when a quoted field spans lines.
// A row's cells are kept in strings that go round between the reader and
// the caller's record, so that a long file is read without an allocation
// per cell.
class CsvReader final : public RecordReader {
 public:
  explicit CsvReader(const std::string& path) : source_(path) {
    csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI);
  }
  ~CsvReader() override { csv_free(&parser_); }
  bool ok() const { return source_.ok(); }

  absl::Status ReadHeader() {
    ReadResult header;
    if (!NextRow(&header))
      return absl::InvalidArgumentError(
          absl::StrCat(source_.path(), ": the file is empty; it needs a header row"));
    if (!header.error.empty()) return absl::InvalidArgumentError(header.error);
    Row& row = rows_.front();
    columns_.assign(row.cells.begin(), row.cells.begin() + row.count);
    Recycle();
    return absl::OkStatus();
  }

  bool Next(ReadResult* result) override {
    if (!NextRow(result)) return false;
    if (!result->error.empty()) return true;
    Row& row = rows_.front();
    result->record.line = row.line;
    if (row.count != columns_.size()) {
      *result = ReadResult{};
      result->error = absl::StrCat(source_.path(), ":", row.line, ": has ", row.count,
                                   " fields but the header has ", columns_.size());
      Recycle();
      return true;
    }
    // Named in the caller's record, whose fields' storage is reused: an
    // empty cell is an absent value.
    std::vector<Field>& fields = result->record.fields;
    size_t named = 0;
    for (size_t index = 0; index < row.count; ++index) {
      if (row.cells[index].empty()) continue;
      if (named == fields.size()) fields.emplace_back();
      Field& field = fields[named++];
      field.name.assign(columns_[index]);
      field.type = FieldType::kText;
      field.text.swap(row.cells[index]);
    }
    fields.resize(named);
    Recycle();
    return true;
  }
  size_t BytesRead() const override { return source_.read(); }
  size_t BytesTotal() const override { return source_.total(); }

 private:
  // One row's cells: the first `count` of `cells`.
  struct Row {
    int line = 0;
    size_t count = 0;
    std::vector<std::string> cells;
  };

  static void OnField(void* text, size_t length, void* self) {
    auto* reader = static_cast<CsvReader*>(self);
    Row& row = reader->filling_;
    if (row.count == 0) row.line = reader->source_.line_number();
    if (row.count == row.cells.size()) row.cells.emplace_back();
    row.cells[row.count++].assign(static_cast<char*>(text), length);
  }
  static void OnRowEnd(int, void* self) {
    auto* reader = static_cast<CsvReader*>(self);
    Row& done = reader->rows_.emplace_back();
    std::swap(done, reader->filling_);
    reader->filling_.count = 0;
    if (!reader->spare_.empty()) {
      reader->filling_.cells.swap(reader->spare_.back());
      reader->spare_.pop_back();
    }
  }
  // Drops the row just handed out, keeping its cells' storage.
  void Recycle() {
    spare_.push_back(std::move(rows_.front().cells));
    rows_.pop_front();
  }

  // Parses lines until a row is complete (in rows_.front()) or a line is
  // bad (in result->error); false at the end of the file.
  bool NextRow(ReadResult* result) {
    result->error.clear();
    while (rows_.empty() && !finished_) {
      if (!source_.NextLine(&line_)) {
        finished_ = true;
        if (csv_fini(&parser_, OnField, OnRowEnd, this) != 0) {
          pending_error_ = absl::StrCat(source_.path(), ":", filling_.line,
                                        ": the row ends inside a quoted field");
        }
        break;
      }
      if (line_.size() > kMaxLineBytes) {
        *result = ReadResult{};
        result->error = absl::StrCat(source_.path(), ":", source_.line_number(),
                                     ": line is longer than ", kMaxLineBytes, " bytes");
        return true;
      }
      if (!IsValidUtf8(line_)) {
        *result = ReadResult{};
        result->error =
            absl::StrCat(source_.path(), ":", source_.line_number(), ": is not valid UTF-8");
        return true;
      }
      line_.push_back('\n');
      if (csv_parse(&parser_, line_.data(), line_.size(), OnField, OnRowEnd, this) !=
          line_.size()) {
        *result = ReadResult{};
        result->error = absl::StrCat(source_.path(), ":", source_.line_number(),
                                     ": malformed CSV (", csv_strerror(csv_error(&parser_)), ")");
        // Start afresh on the next line.
        csv_free(&parser_);
        csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI);
        filling_.count = 0;
        return true;
      }
    }
    if (!rows_.empty()) return true;
    if (!pending_error_.empty()) {
      *result = ReadResult{};
      result->error = std::move(pending_error_);
      pending_error_.clear();
      return true;
    }
    return false;
  }

  LineSource source_;
  csv_parser parser_;
  std::string line_;  // the line being parsed, kept for its storage
  std::vector<std::string> columns_;
  Row filling_;                                  // the row libcsv is filling
  std::deque<Row> rows_;                         // complete rows, oldest first
  std::vector<std::vector<std::string>> spare_;  // cells of rows handed out
  bool finished_ = false;
  std::string pending_error_;
};

bool IsJsonLinesPath(const std::string& path) {
  return absl::EndsWith(path, ".jsonl") || absl::EndsWith(path, ".ndjson") ||
         absl::EndsWith(path, ".json");
}

}  // namespace

absl::StatusOr<std::unique_ptr<RecordReader>> OpenRecordFile(const std::string& path) {
  if (IsJsonLinesPath(path)) {
    auto reader = std::make_unique<JsonLinesReader>(path);
    if (!reader->ok()) return absl::NotFoundError(absl::StrCat(path, ": cannot open the file"));
    return reader;
  }
  auto reader = std::make_unique<CsvReader>(path);
  if (!reader->ok()) return absl::NotFoundError(absl::StrCat(path, ": cannot open the file"));
  if (absl::Status status = reader->ReadHeader(); !status.ok()) return status;
  return reader;
}

}  // namespace tact
