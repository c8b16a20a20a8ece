#include "cli/report_page.h"

#include <fstream>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "cli/commands.h"
#include "core/minutes.h"
#include "files/read_file.h"
#include "report/html_report.h"
#include "server/embedded_web.h"

namespace tact {

ReportData::ReportData(absl::string_view source) : writer_(buffer_) {
  writer_.StartObject();
  writer_.Key("source");
  WriteString(writer_, source);
  writer_.Key("generated");
  WriteString(writer_, FormatUtc(absl::Now()));
}

void ReportData::Raw(absl::string_view key, absl::string_view json) {
  writer_.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  writer_.RawValue(json.data(), json.size(), rapidjson::kObjectType);
}

std::string ReportData::Finish() {
  writer_.EndObject();
  return JsonText(buffer_);
}

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
