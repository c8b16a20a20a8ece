#include "server/webhook_config.h"

#include <toml++/toml.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "core/minutes.h"
#include "files/read_file.h"
#include "policy/toml_validator.h"

namespace tact {

absl::StatusOr<WebhookConfig> WebhookConfig::FromString(absl::string_view text,
                                                        absl::string_view source,
                                                        const std::string& base_dir) {
  auto parsed = ParseToml(text, source);
  if (!parsed.ok()) return parsed.status();
  const toml::table& root = *parsed;
  std::vector<std::string> problems;
  const auto problem = [&](const toml::node* node, absl::string_view key, absl::string_view what) {
    problems.push_back(
        absl::StrCat(source, ":", node ? node->source().begin.line : 0, ": ", key, ": ", what));
  };
  // A required non-empty string at table[key].
  const auto text_at = [&](const toml::table& table, absl::string_view path, absl::string_view key,
                           size_t min_size) -> std::optional<std::string> {
    const toml::node* node = table.get(std::string_view(key.data(), key.size()));
    const std::string name = path.empty() ? std::string(key) : absl::StrCat(path, ".", key);
    if (node == nullptr) {
      problem(&table, name, "is required");
      return std::nullopt;
    }
    const auto value = node->value<std::string>();
    if (!value || value->size() < min_size) {
      problem(node, name,
              min_size > 1 ? absl::StrCat("must be a string of at least ", min_size, " bytes")
                           : "must be a non-empty string");
      return std::nullopt;
    }
    return value;
  };
  const auto check_keys = [&](const toml::table& table, absl::string_view path,
                              const std::vector<absl::string_view>& known) {
    for (auto&& [key, node] : table) {
      if (std::find(known.begin(), known.end(),
                    absl::string_view(key.str().data(), key.str().size())) == known.end()) {
        const absl::string_view name(key.str().data(), key.str().size());
        problem(&node, path.empty() ? std::string(name) : absl::StrCat(path, ".", name),
                absl::StrCat("unknown key (known: ", absl::StrJoin(known, ", "), ")"));
      }
    }
  };
  // A list of strings at `node` into `out`.
  const auto read_list = [&](const toml::node* node, const std::string& path,
                             std::vector<std::string>& out) {
    const toml::array* array = node ? node->as_array() : nullptr;
    if (array == nullptr) return problem(node, path, "must be a list of strings");
    for (const toml::node& item : *array) {
      if (auto value = item.value<std::string>()) {
        out.push_back(*value);
      } else {
        problem(&item, path, "must be a list of strings");
      }
    }
  };
  // The contents of the file at `path_value` (relative to `base_dir`).
  const auto read_file = [&](const toml::node* node, const std::string& path,
                             const std::string& path_value,
                             const SettingKey& key) -> std::optional<std::string> {
    const std::filesystem::path full = std::filesystem::path(path_value).is_absolute()
                                           ? std::filesystem::path(path_value)
                                           : std::filesystem::path(base_dir) / path_value;
    std::optional<std::string> contents = ReadWholeFile(full.string());
    if (!contents || !absl::StrContains(*contents, key.file_contains)) {
      problem(node, path, absl::StrCat("cannot read ", key.file_what, " from ", full.string()));
      return std::nullopt;
    }
    return contents;
  };
  const auto section = [&](absl::string_view name) -> const toml::table* {
    const toml::node* node = root.get(std::string_view(name.data(), name.size()));
    if (node == nullptr) return nullptr;
    if (!node->is_table()) {
      problem(node, name, "must be a table");
      return nullptr;
    }
    return node->as_table();
  };

  std::vector<absl::string_view> known = {"public_url", "unsubscribe_key", "replay_window",
                                          "hubspot"};
  for (const WebhookProvider* provider : WebhookProviders()) known.push_back(provider->name());
  check_keys(root, "", known);
  WebhookConfig config;
  if (root.get("public_url")) {
    if (auto url = text_at(root, "", "public_url", 1)) {
      if (!absl::StartsWith(*url, "http://") && !absl::StartsWith(*url, "https://")) {
        problem(root.get("public_url"), "public_url", "must start with https:// (or http://)");
      }
      config.public_url = std::string(absl::StripSuffix(*url, "/"));
    }
  }
  if (root.get("replay_window")) {
    if (auto span = text_at(root, "", "replay_window", 1)) {
      if (auto parsed = ParseSpan(*span); parsed.ok()) {
        config.replay_window = *parsed;
      } else {
        problem(root.get("replay_window"), "replay_window", parsed.status().message());
      }
    }
  }
  if (root.get("unsubscribe_key")) {
    if (auto key = text_at(root, "", "unsubscribe_key", 32)) config.unsubscribe_key = *key;
  }
  for (const WebhookProvider* provider : WebhookProviders()) {
    const absl::string_view name = provider->name();
    const toml::table* table = section(name);
    if (table == nullptr) continue;
    const std::vector<SettingKey> keys = provider->settings();
    std::vector<absl::string_view> key_names;
    for (const SettingKey& key : keys) key_names.push_back(key.name);
    check_keys(*table, name, key_names);
    ProviderSettings& settings = config.providers[std::string(name)];
    for (const SettingKey& key : keys) {
      const toml::node* node = table->get(std::string_view(key.name.data(), key.name.size()));
      if (node == nullptr && !key.required) continue;
      const std::string path = absl::StrCat(name, ".", key.name);
      if (key.type == SettingKey::Type::kList) {
        read_list(node, path, settings.lists[std::string(key.name)]);
        continue;
      }
      auto value = text_at(*table, name, key.name, key.min_bytes);
      if (!value) continue;
      if (key.type == SettingKey::Type::kFile) {
        value = read_file(node, path, *value, key);
        if (!value) continue;
      }
      settings.text[std::string(key.name)] = *std::move(value);
    }
    if (provider->needs_public_url() && config.public_url.empty()) {
      problem(table, "public_url",
              absl::StrCat("is required with [", name, "]: ", name,
                           " signs the URL it called, so tact must know it"));
    }
  }
  // HubSpot signs the check requests of its workflows (/v1/check).
  if (const toml::table* hubspot = section("hubspot")) {
    check_keys(*hubspot, "hubspot", {"client_secret"});
    if (auto secret = text_at(*hubspot, "hubspot", "client_secret", 16)) {
      config.hubspot_client_secret = *std::move(secret);
    }
    if (config.public_url.empty()) {
      problem(hubspot, "public_url",
              "is required with [hubspot]: HubSpot signs the URL it called, so tact must know it");
    }
  }
  if (!problems.empty()) return absl::InvalidArgumentError(absl::StrJoin(problems, "\n"));
  return config;
}

absl::StatusOr<WebhookConfig> WebhookConfig::LoadFile(const std::string& path) {
  const auto text = ReadWholeFile(path);
  if (!text) return absl::NotFoundError(absl::StrCat(path, ": cannot open the webhooks file"));
  return FromString(*text, path, std::filesystem::path(path).parent_path().string());
}

}  // namespace tact
