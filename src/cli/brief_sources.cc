#include "cli/brief_sources.h"

#include "absl/strings/str_cat.h"
#include "files/read_file.h"

namespace tact {

absl::StatusOr<std::shared_ptr<const Playbook>> LoadPlaybookOrDefault(const std::string& path) {
  if (path.empty())
    return std::shared_ptr<const Playbook>(std::shared_ptr<void>(), &DefaultPlaybook());
  const std::optional<std::string> text = ReadWholeFile(path);
  if (!text) return absl::NotFoundError(absl::StrCat(path, ": cannot be read"));
  absl::StatusOr<Playbook> loaded = LoadPlaybookFromString(*text, path);
  if (!loaded.ok()) return loaded.status();
  return std::make_shared<const Playbook>(*std::move(loaded));
}

absl::StatusOr<std::unique_ptr<FactsLibrary>> LoadFactsOrNone(const std::string& path,
                                                              bool strict) {
  if (path.empty()) return nullptr;
  absl::StatusOr<FactsLibrary> loaded = LoadFacts(path, strict);
  if (!loaded.ok()) {
    return absl::Status(loaded.status().code(),
                        absl::StrCat("--facts: ", loaded.status().message()));
  }
  return std::make_unique<FactsLibrary>(*std::move(loaded));
}

}  // namespace tact
