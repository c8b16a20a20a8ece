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
#include "policy/toml_validator.h"

namespace tact {
namespace {}  // namespace

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
                              std::initializer_list<absl::string_view> known) {
    for (auto&& [key, node] : table) {
      if (std::find(known.begin(), known.end(),
                    absl::string_view(key.str().data(), key.str().size())) == known.end()) {
        const absl::string_view name(key.str().data(), key.str().size());
        problem(&node, path.empty() ? std::string(name) : absl::StrCat(path, ".", name),
                absl::StrCat("unknown key (known: ", absl::StrJoin(known, ", "), ")"));
      }
    }
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

  check_keys(root, "",
             {"public_url", "unsubscribe_key", "replay_window", "sendgrid", "mailgun", "postmark",
              "ses", "twilio"});
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
  if (const toml::table* table = section("sendgrid")) {
    check_keys(*table, "sendgrid", {"verification_key"});
    config.sendgrid_key = text_at(*table, "sendgrid", "verification_key", 1);
  }
  if (const toml::table* table = section("mailgun")) {
    check_keys(*table, "mailgun", {"signing_key"});
    config.mailgun_key = text_at(*table, "mailgun", "signing_key", 1);
  }
  if (const toml::table* table = section("postmark")) {
    check_keys(*table, "postmark", {"username", "password"});
    auto username = text_at(*table, "postmark", "username", 1);
    auto password = text_at(*table, "postmark", "password", 16);
    if (username && password) config.postmark_login = std::make_pair(*username, *password);
  }
  if (const toml::table* table = section("ses")) {
    check_keys(*table, "ses", {"certificate", "topic_arns"});
    if (auto path = text_at(*table, "ses", "certificate", 1)) {
      const std::filesystem::path full = std::filesystem::path(*path).is_absolute()
                                             ? std::filesystem::path(*path)
                                             : std::filesystem::path(base_dir) / *path;
      config.ses_certificate_pem = ReadWholeFile(full.string());
      if (!config.ses_certificate_pem ||
          config.ses_certificate_pem->find("BEGIN CERTIFICATE") == std::string::npos) {
        problem(table->get("certificate"), "ses.certificate",
                absl::StrCat("cannot read a PEM certificate from ", full.string()));
      }
    }
    if (const toml::node* arns = table->get("topic_arns")) {
      const toml::array* array = arns->as_array();
      if (array == nullptr) {
        problem(arns, "ses.topic_arns", "must be a list of strings");
      } else {
        for (const toml::node& arn : *array) {
          if (auto value = arn.value<std::string>())
            config.ses_topic_arns.push_back(*value);
          else
            problem(&arn, "ses.topic_arns", "must be a list of strings");
        }
      }
    }
  }
  if (const toml::table* table = section("twilio")) {
    check_keys(*table, "twilio", {"auth_token"});
    config.twilio_token = text_at(*table, "twilio", "auth_token", 1);
    if (config.public_url.empty()) {
      problem(table, "public_url",
              "is required with [twilio]: Twilio signs the URL it called, so tact must know it");
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
