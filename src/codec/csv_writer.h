// Writes RFC 4180 CSV: fields that need it are quoted by libcsv.
#pragma once

#include <fstream>
#include <initializer_list>
#include <string>
#include <vector>

namespace tact {

class CsvWriter {
 public:
  explicit CsvWriter(const std::string& path);
  bool ok() const { return static_cast<bool>(file_); }
  void Row(std::initializer_list<std::string> fields);
  void Row(const std::vector<std::string>& fields);
  // Flushes; false if any write failed.
  bool Close();

 private:
  void Field(const std::string& field, bool first);
  std::ofstream file_;
  std::string buffer_;
};

}  // namespace tact
