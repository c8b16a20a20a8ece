// What briefs read, for `tact brief` and `tact serve`: the playbook (a file,
// or the built-in one) and the facts files.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "brief/playbook.h"
#include "facts/facts_library.h"

namespace tact {

// The playbook in `path`, or the built-in one for "". Errors: NotFound for
// a file that cannot be read; InvalidArgument with every problem located.
absl::StatusOr<std::shared_ptr<const Playbook>> LoadPlaybookOrDefault(const std::string& path);

// The facts in `path` (a file or a directory; facts/facts_library.h), or
// null for "". Errors as LoadFacts, prefixed with `--facts: `.
absl::StatusOr<std::unique_ptr<FactsLibrary>> LoadFactsOrNone(const std::string& path, bool strict);

}  // namespace tact
