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
    for (Field& field : header.record.fields) columns_.push_back(field.text);
    return absl::OkStatus();
  }

  bool Next(ReadResult* result) override {
    if (!NextRow(result)) return false;
    if (!result->error.empty()) return true;
    std::vector<Field>& fields = result->record.fields;
    if (fields.size() != columns_.size()) {
      result->error = absl::StrCat(source_.path(), ":", result->record.line, ": has ",
                                   fields.size(), " fields but the header has ", columns_.size());
      return true;
    }
    // Named in place: an empty cell is an absent value.
    size_t named = 0;
    for (size_t index = 0; index < fields.size(); ++index) {
      if (fields[index].text.empty()) continue;
      Field& field = fields[named++];
      if (&field != &fields[index]) field.text.swap(fields[index].text);
      field.name.assign(columns_[index]);
    }
    fields.resize(named);
    return true;
  }
  size_t BytesRead() const override { return source_.read(); }
  size_t BytesTotal() const override { return source_.total(); }

 private:
  static void OnField(void* text, size_t length, void* self) {
    auto* reader = static_cast<CsvReader*>(self);
    if (reader->row_fields_.empty()) {
      reader->row_line_ = reader->source_.line_number();
      reader->row_fields_.reserve(reader->columns_.empty() ? 16 : reader->columns_.size());
    }
    reader->row_fields_.push_back(
        Field{std::string(), std::string(static_cast<char*>(text), length), FieldType::kText});
  }
  static void OnRowEnd(int, void* self) {
    auto* reader = static_cast<CsvReader*>(self);
    Record record;
    record.line = reader->row_line_;
    record.fields = std::move(reader->row_fields_);
    reader->row_fields_.clear();
    reader->rows_.push_back(std::move(record));
  }

  bool NextRow(ReadResult* result) {
    std::string line;
    while (rows_.empty() && !finished_) {
      if (!source_.NextLine(&line)) {
        finished_ = true;
        if (csv_fini(&parser_, OnField, OnRowEnd, this) != 0) {
          pending_error_ =
              absl::StrCat(source_.path(), ":", row_line_, ": the row ends inside a quoted field");
        }
        break;
      }
      if (line.size() > kMaxLineBytes) {
        *result = ReadResult{};
        result->error = absl::StrCat(source_.path(), ":", source_.line_number(),
                                     ": line is longer than ", kMaxLineBytes, " bytes");
        return true;
      }
      if (!IsValidUtf8(line)) {
        *result = ReadResult{};
        result->error =
            absl::StrCat(source_.path(), ":", source_.line_number(), ": is not valid UTF-8");
        return true;
      }
      line.push_back('\n');
      if (csv_parse(&parser_, line.data(), line.size(), OnField, OnRowEnd, this) != line.size()) {
        *result = ReadResult{};
        result->error = absl::StrCat(source_.path(), ":", source_.line_number(),
                                     ": malformed CSV (", csv_strerror(csv_error(&parser_)), ")");
        // Start afresh on the next line.
        csv_free(&parser_);
        csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI);
        row_fields_.clear();
        return true;
      }
    }
    if (!rows_.empty()) {
      *result = ReadResult{};
      result->record = std::move(rows_.front());
      rows_.pop_front();
      return true;
    }
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
  std::vector<std::string> columns_;
  std::vector<Field> row_fields_;
  int row_line_ = 0;
  std::deque<Record> rows_;
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
