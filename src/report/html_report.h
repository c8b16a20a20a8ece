// `tact report --html`: the dashboard as one self-contained file. The page
// is the dashboard's single-file build (web/dist-report/index.html, scripts,
// styles and the chart library inlined); the report adds its data as a JSON
// script element the page reads instead of calling the API, so the file
// opens offline and shows the same views.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tact {

// `page` with `data_json` embedded before </body>. "</" inside the data is
// written "<\/" so no value can close the script element. Errors:
// InvalidArgument when `page` has no </body>.
absl::StatusOr<std::string> EmbedReportData(absl::string_view page, absl::string_view data_json);

}  // namespace tact
