#include "cli/report_page.h"

#include <fstream>
#include <optional>

#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "files/read_file.h"
#include "report/html_report.h"
#include "server/embedded_web.h"

namespace tact {

int WriteReportPage(const std::string& html_path, const std::string& web_dir,
                    absl::string_view data_json, std::ostream& out, std::ostream& err) {
  std::optional<std::string> page;
  if (web_dir.empty()) {
    page = std::string(EmbeddedReportPage());
  } else {
    const std::string page_path = absl::StrCat(web_dir, "/index.html");
    page = ReadWholeFile(page_path);
    if (!page) {
      err << page_path << ": cannot read the report page (web/dist-report after scripts/build)\n";
      return kExitBadInput;
    }
  }
  absl::StatusOr<std::string> html = EmbedReportData(*page, data_json);
  if (!html.ok()) {
    err << html.status().message() << "\n";
    return kExitBadInput;
  }
  std::ofstream file(html_path, std::ios::binary | std::ios::trunc);
  file << *html;
  file.close();
  if (!file) {
    err << html_path << ": cannot write the report\n";
    return kExitBadInput;
  }
  out << "report written to " << html_path << " (" << html->size() / 1024
      << " KiB, opens offline)\n";
  return kExitOk;
}

}  // namespace tact
