#include "server/static_files.h"

#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "files/read_file.h"
#include "server/embedded_web.h"

namespace tact {
namespace {

absl::string_view ContentType(const std::string& path) {
  static constexpr std::pair<absl::string_view, absl::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".json", "application/json"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"}};
  for (const auto& [extension, type] : kTypes) {
    if (absl::EndsWith(path, extension)) return type;
  }
  return "application/octet-stream";
}

}  // namespace

absl::StatusOr<StaticFiles> StaticFiles::Load(const std::string& directory) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_regular_file(fs::path(directory) / "index.html", error)) {
    return absl::NotFoundError(absl::StrCat(
        directory,
        " has no index.html: not a build of the dashboard (web/dist after scripts/build)"));
  }
  StaticFiles files;
  size_t total = 0;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(directory, error)) {
    if (!entry.is_regular_file()) continue;
    const std::string relative = fs::relative(entry.path(), directory).generic_string();
    std::optional<std::string> bytes = ReadWholeFile(entry.path().string());
    if (!bytes) return absl::UnavailableError(absl::StrCat(entry.path().string(), ": cannot read"));
    total += bytes->size();
    if (total > kMaxTotalBytes) {
      return absl::ResourceExhaustedError(
          absl::StrCat(directory, " holds more than ", kMaxTotalBytes >> 20, " MiB"));
    }
    files.files_.emplace(relative, File{*std::move(bytes), ContentType(relative)});
  }
  if (error) return absl::UnavailableError(absl::StrCat(directory, ": ", error.message()));
  return files;
}

StaticFiles StaticFiles::Embedded() {
  StaticFiles files;
  for (const EmbeddedFile& file : EmbeddedDashboard()) {
    const std::string path(file.path);
    files.files_.emplace(path, File{std::string(file.bytes), ContentType(path)});
  }
  return files;
}

HttpResponse StaticFiles::Serve(const std::string& path) const {
  const auto found = files_.find(path);
  if (found == files_.end()) {
    return HttpResponse::Error(
        {404, "not_found", absl::StrCat("no dashboard file /", path), "path"});
  }
  HttpResponse response{200, found->second.bytes};
  response.content_type = found->second.content_type;
  return response;
}

HttpResponse StaticFiles::NotBuilt() {
  HttpResponse response{404,
                        "<!doctype html><title>tact</title><p>This server has no dashboard files. "
                        "<code>tact serve --web DIR</code> names a directory that has none. The "
                        "API is at "
                        "<code>/v1/</code> (docs/api.md).</p>\n"};
  response.content_type = "text/html; charset=utf-8";
  return response;
}

}  // namespace tact
