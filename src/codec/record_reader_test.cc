#include "codec/record_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace tact {
namespace {

std::string WriteTemp(const std::string& name, const std::string& content) {
  const std::string path =
      (std::filesystem::temp_directory_path() / (std::to_string(::getpid()) + "-" + name)).string();
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

std::vector<ReadResult> ReadAll(const std::string& path) {
  auto reader = OpenRecordFile(path);
  EXPECT_TRUE(reader.ok()) << reader.status().message();
  std::vector<ReadResult> rows;
  if (!reader.ok()) return rows;
  ReadResult row;
  while ((*reader)->Next(&row)) rows.push_back(row);
  return rows;
}

TEST(CsvReaderTest, QuotedFieldsAndLineNumbers) {
  const std::string path = WriteTemp("a.csv",
                                     "id,subject,at\n"
                                     "p-1,\"Hello, world\",x\n"
                                     "\n"
                                     "p-2,\"two\nlines \"\"quoted\"\"\",y\n"
                                     "p-3,,z\n");
  const auto rows = ReadAll(path);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].record.line, 2);
  EXPECT_EQ(rows[0].record.Find("subject")->text, "Hello, world");
  EXPECT_EQ(rows[1].record.line, 4);
  EXPECT_EQ(rows[1].record.Find("subject")->text, "two\nlines \"quoted\"");
  EXPECT_EQ(rows[2].record.line, 6);
  EXPECT_EQ(rows[2].record.Find("subject"), nullptr);  // empty cell: absent
}

// The reader hands each row's cells to the caller's record and takes its
// old storage back: nothing of one row may show in the next.
TEST(CsvReaderTest, ARowSharesNothingWithTheRowBefore) {
  const std::string long_text(300, 'x');
  const auto rows = ReadAll(WriteTemp("r.csv",
                                      "id,a,b\r\n"
                                      "p-1," +
                                          long_text +
                                          ",b1\r\n"
                                          "p-2,,b2\rp-3,a3,\n"
                                          "p-4,a4,b4\n"));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].record.Find("a")->text, long_text);
  EXPECT_EQ(rows[0].record.Find("b")->text, "b1");
  EXPECT_EQ(rows[1].record.Find("id")->text, "p-2");
  EXPECT_EQ(rows[1].record.Find("a"), nullptr);
  EXPECT_EQ(rows[1].record.fields.size(), 2u);
  EXPECT_EQ(rows[2].record.Find("id")->text, "p-3");  // after a lone CR on the same line
  EXPECT_EQ(rows[2].record.Find("a")->text, "a3");
  EXPECT_EQ(rows[2].record.Find("b"), nullptr);
  EXPECT_EQ(rows[3].record.Find("a")->text, "a4");
  EXPECT_EQ(rows[3].record.line, 4);
}

TEST(CsvReaderTest, BadRowsAreReportedAndReadingGoesOn) {
  const std::string path = WriteTemp("b.csv",
                                     "id,name\n"
                                     "p-1,a,extra\n"
                                     "p-2,\"broken\"quote\n"
                                     "p-3,\xff\xfe\n"
                                     "p-4,ok\n");
  const auto rows = ReadAll(path);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_NE(rows[0].error.find(":2: has 3 fields but the header has 2"), std::string::npos)
      << rows[0].error;
  EXPECT_NE(rows[1].error.find(":3: malformed CSV"), std::string::npos) << rows[1].error;
  EXPECT_NE(rows[2].error.find(":4: is not valid UTF-8"), std::string::npos) << rows[2].error;
  EXPECT_TRUE(rows[3].error.empty());
  EXPECT_EQ(rows[3].record.Find("name")->text, "ok");
}

TEST(CsvReaderTest, UnterminatedQuoteAtTheEnd) {
  const auto rows = ReadAll(WriteTemp("c.csv", "id,name\np-1,\"never closed\n"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_NE(rows[0].error.find(":2: the row ends inside a quoted field"), std::string::npos)
      << rows[0].error;
}

TEST(JsonLinesReaderTest, ReadsObjectsAndReportsBadLines) {
  const std::string path =
      WriteTemp("d.jsonl", "{\"id\": \"p-1\"}\n\nnot json\n[1]\n{\"id\": \"p-2\"}\n");
  const auto rows = ReadAll(path);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].record.Find("id")->text, "p-1");
  EXPECT_NE(rows[1].error.find(":3: not valid JSON"), std::string::npos) << rows[1].error;
  EXPECT_NE(rows[2].error.find(":4: must be a JSON object"), std::string::npos) << rows[2].error;
  EXPECT_EQ(rows[3].record.line, 5);
}

TEST(RecordReaderTest, MissingFileAndEmptyCsv) {
  EXPECT_EQ(OpenRecordFile("/nonexistent.csv").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(OpenRecordFile(WriteTemp("e.csv", "")).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tact
