// Writing a self-contained report page: the dashboard's single-file build
// with its data embedded (report/html_report.h), for `tact report --html`
// and `tact brief --html`.
#pragma once

#include <ostream>
#include <string>

#include "absl/strings/string_view.h"

namespace tact {

// Writes the report page from `web_dir` (empty: the one built into tact)
// with `data_json` to `html_path`, and says so on `out`. Returns kExitOk,
// or kExitBadInput with the reason on `err` when the page cannot be read
// or the file cannot be written.
int WriteReportPage(const std::string& html_path, const std::string& web_dir,
                    absl::string_view data_json, std::ostream& out, std::ostream& err);

}  // namespace tact
