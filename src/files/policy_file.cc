#include "files/policy_file.h"

#include <filesystem>
#include <utility>

#include "absl/strings/str_cat.h"
#include "files/read_file.h"

namespace tact {

PolicyFileReader FilesBeside(absl::string_view policy_path) {
  std::filesystem::path directory = std::filesystem::path(std::string(policy_path)).parent_path();
  return [directory = std::move(directory)](absl::string_view name) -> absl::StatusOr<PolicyFile> {
    std::filesystem::path file{std::string(name)};
    if (file.is_relative()) file = directory / file;
    std::optional<std::string> text = ReadWholeFile(file.string());
    if (!text) return absl::NotFoundError(absl::StrCat("cannot open '", file.string(), "'"));
    return PolicyFile{file.string(), *std::move(text)};
  };
}

absl::StatusOr<std::string> ReadPolicyText(const std::string& path) {
  std::optional<std::string> text = ReadWholeFile(path);
  if (!text) return absl::NotFoundError(absl::StrCat(path, ": cannot open the policy file"));
  return *std::move(text);
}

absl::StatusOr<Policy> LoadPolicyFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadPolicyText(path);
  if (!text.ok()) return text.status();
  return LoadPolicyFromString(*text, path, FilesBeside(path));
}

}  // namespace tact
