// The dashboard's built files (web/dist): the ones linked into the binary, or
// a directory's, read into memory once at start and served as they are: a
// few hundred kilobytes, no disk reads per request.
#pragma once

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/service.h"

namespace tact {

class StaticFiles {
 public:
  static constexpr size_t kMaxTotalBytes = 32 << 20;

  // Reads every file under `directory`. Errors: NotFound when it has no
  // index.html (the dashboard was not built), ResourceExhausted past
  // kMaxTotalBytes.
  static absl::StatusOr<StaticFiles> Load(const std::string& directory);
  // The dashboard built with this binary (server/embedded_web.h).
  static StaticFiles Embedded();

  // The file at `path` (relative, "/"-separated); 404 when there is none.
  HttpResponse Serve(const std::string& path) const;
  // What GET / answers when the server has no dashboard files.
  static HttpResponse NotBuilt();

  size_t files() const { return files_.size(); }

 private:
  struct File {
    std::string bytes;
    absl::string_view content_type;
  };
  absl::flat_hash_map<std::string, File> files_;
};

}  // namespace tact
