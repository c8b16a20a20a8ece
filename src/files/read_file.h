// Reading whole files from disk, for the shells (the commands and the server):
// the layers below them read no files.
//
// Thread safety: reentrant.
#pragma once

#include <optional>
#include <string>

namespace tact {

// The whole file at `path`, or nullopt when it cannot be opened or read.
std::optional<std::string> ReadWholeFile(const std::string& path);

}  // namespace tact
