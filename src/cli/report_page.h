// Writing a self-contained report page: the dashboard's single-file build
// with its data embedded (report/html_report.h), for `tact report --html`
// and `tact brief --html`.
#pragma once

#include <ostream>
#include <string>

#include "absl/strings/string_view.h"
#include "codec/json_writer.h"

namespace tact {

// The data a report page reads (web/src/data.js), written piece by piece:
// its source and when it was made, then what each view reads.
class ReportData {
 public:
  explicit ReportData(absl::string_view source);
  // Adds `json` (already JSON) under `key`.
  void Raw(absl::string_view key, absl::string_view json);
  JsonWriter& writer() { return writer_; }
  std::string Finish();

 private:
  rapidjson::StringBuffer buffer_;
  JsonWriter writer_;
};

// Writes the report page from `web_dir` (empty: the one built into tact)
// with `data_json` to `html_path`, and says so on `out`. Returns kExitOk,
// or kExitBadInput with the reason on `err` when the page cannot be read
// or the file cannot be written.
int WriteReportPage(const std::string& html_path, const std::string& web_dir,
                    absl::string_view data_json, std::ostream& out, std::ostream& err);

}  // namespace tact
