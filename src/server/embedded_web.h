// The dashboard (web/dist) and the report page (web/dist-report/index.html)
// as built with this binary, linked into it, so that a copied or installed
// `tact` serves its dashboard and writes reports without files beside it.
//
// Thread safety: the bytes are immutable for the life of the process.
#pragma once

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace tact {

struct EmbeddedFile {
  absl::string_view path;   // relative, "/"-separated: "index.html", "assets/index-….js"
  absl::string_view bytes;  // static storage
};

// Every file of the dashboard.
absl::Span<const EmbeddedFile> EmbeddedDashboard();

// The report page that `tact report` fills in.
absl::string_view EmbeddedReportPage();

}  // namespace tact
