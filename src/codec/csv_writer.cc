#include "codec/csv_writer.h"

#include <csv.h>

namespace tact {

CsvWriter::CsvWriter(const std::string& path) : file_(path, std::ios::binary | std::ios::trunc) {}

void CsvWriter::Field(const std::string& field, bool first) {
  if (!first) file_.put(',');
  if (field.find_first_of(",\"\n\r") == std::string::npos) {
    file_ << field;
    return;
  }
  buffer_.resize(field.size() * 2 + 2);
  const size_t written = csv_write(buffer_.data(), buffer_.size(), field.data(), field.size());
  file_.write(buffer_.data(), static_cast<std::streamsize>(written));
}

void CsvWriter::Row(std::initializer_list<std::string> fields) {
  bool first = true;
  for (const std::string& field : fields) {
    Field(field, first);
    first = false;
  }
  file_.put('\n');
}

void CsvWriter::Row(const std::vector<std::string>& fields) {
  for (size_t index = 0; index < fields.size(); ++index) Field(fields[index], index == 0);
  file_.put('\n');
}

bool CsvWriter::Close() {
  file_.flush();
  const bool good = static_cast<bool>(file_);
  file_.close();
  return good;
}

}  // namespace tact
