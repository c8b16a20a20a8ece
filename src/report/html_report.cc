#include "report/html_report.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace tact {

absl::StatusOr<std::string> EmbedReportData(absl::string_view page, absl::string_view data_json) {
  const size_t body_end = page.rfind("</body>");
  if (body_end == absl::string_view::npos) {
    return absl::InvalidArgumentError(
        "the report page has no </body>; rebuild the dashboard (scripts/build)");
  }
  // JSON allows "\/" for "/", so the data reads back the same.
  const std::string safe = absl::StrReplaceAll(data_json, {{"</", "<\\/"}});
  return absl::StrCat(page.substr(0, body_end),
                      "<script id=\"tact-data\" type=\"application/json\">", safe, "</script>\n",
                      page.substr(body_end));
}

}  // namespace tact
