#include "server/callback_config.h"

#include <algorithm>
#include <kainjow/mustache.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "files/read_file.h"
#include "policy/toml_validator.h"

namespace tact {
namespace {

void ReadRetries(Validator& validator, const toml::table& root, CallbackRetries& retries) {
  const toml::table* table = validator.Table(root, "retries", "");
  if (table == nullptr) return;
  validator.CheckKeys(*table, "retries",
                      {"max_attempts", "first_retry_seconds", "max_retry_seconds"});
  if (auto attempts = validator.Integer(*table, "max_attempts", "retries", 1, 100)) {
    retries.max_attempts = static_cast<int>(*attempts);
  }
  if (auto first = validator.Integer(*table, "first_retry_seconds", "retries", 1, 86400)) {
    retries.first_retry = absl::Seconds(*first);
  }
  if (auto most = validator.Integer(*table, "max_retry_seconds", "retries", 1, 7 * 86400)) {
    retries.max_retry = absl::Seconds(*most);
  }
}

// [tool.NAME] headers: names and one-line values.
void ReadHeaders(Validator& validator, const toml::table& table, const std::string& path,
                 ToolCallback& tool) {
  const toml::table* headers = validator.Table(table, "headers", path);
  if (headers == nullptr) return;
  for (const auto& [key, value] : *headers) {
    const std::optional<std::string> text = value.value<std::string>();
    const std::string header = std::string(key.str());
    if (!text || header.find_first_of(": \r\n") != std::string::npos ||
        text->find_first_of("\r\n") != std::string::npos) {
      validator.Error(value, Validator::Join(path, absl::StrCat("headers.", header)),
                      "must be a header name and a one-line text value");
      continue;
    }
    tool.headers.emplace_back(header, *text);
  }
}

// [tool.NAME] outcomes: which decisions call back.
void ReadOutcomes(Validator& validator, const toml::table& table, const std::string& path,
                  ToolCallback& tool) {
  if (auto outcomes = validator.Strings(table, "outcomes", path)) {
    tool.on_send = tool.on_suppress = false;
    for (const std::string& outcome : *outcomes) {
      if (outcome == "send") {
        tool.on_send = true;
      } else if (outcome == "suppress") {
        tool.on_suppress = true;
      } else {
        validator.Error(*table.get("outcomes"), Validator::Join(path, "outcomes"),
                        absl::StrCat("'", outcome, "' is not send or suppress"));
      }
    }
  }
}

// One [tool.NAME] table.
ToolCallback ReadTool(Validator& validator, const toml::table& table, absl::string_view name) {
  const std::string path = absl::StrCat("tool.", name);
  validator.CheckKeys(
      table, path,
      {"url", "secret", "hold", "headers", "body", "content_type", "timeout_seconds", "outcomes"});
  ToolCallback tool;
  tool.tool = std::string(name);
  validator.Require(table, "url", path);
  validator.Require(table, "secret", path);
  if (auto url = validator.String(table, "url", path)) {
    if (!absl::StartsWith(*url, "http://") && !absl::StartsWith(*url, "https://")) {
      validator.Error(*table.get("url"), Validator::Join(path, "url"),
                      "must start with http:// or https://");
    }
    kainjow::mustache::mustache compiled(*url);
    if (!compiled.is_valid()) {
      validator.Error(*table.get("url"), Validator::Join(path, "url"),
                      absl::StrCat("is not a valid Mustache template: ", compiled.error_message()));
    }
    tool.url = *url;
  }
  if (auto secret = validator.String(table, "secret", path)) {
    if (secret->size() < 16) {
      validator.Error(*table.get("secret"), Validator::Join(path, "secret"),
                      "must be at least 16 bytes (it signs X-Tact-Signature)");
    }
    tool.secret = *secret;
  }
  tool.hold = validator.Bool(table, "hold", path).value_or(false);
  ReadHeaders(validator, table, path, tool);
  if (auto body = validator.String(table, "body", path)) {
    kainjow::mustache::mustache compiled(*body);
    if (!compiled.is_valid()) {
      validator.Error(*table.get("body"), Validator::Join(path, "body"),
                      absl::StrCat("is not a valid Mustache template: ", compiled.error_message()));
    }
    tool.body = *body;
  }
  if (auto type = validator.String(table, "content_type", path)) tool.content_type = *type;
  if (auto seconds = validator.Integer(table, "timeout_seconds", path, 1, 120)) {
    tool.timeout = absl::Seconds(*seconds);
  }
  ReadOutcomes(validator, table, path, tool);
  return tool;
}

}  // namespace

absl::StatusOr<CallbackConfig> CallbackConfig::FromString(absl::string_view text,
                                                          absl::string_view source) {
  absl::StatusOr<toml::table> parsed = ParseToml(text, source);
  if (!parsed.ok()) return parsed.status();
  Validator validator(source);
  CallbackConfig config;
  validator.CheckKeys(*parsed, "", {"retries", "tool"});
  ReadRetries(validator, *parsed, config.retries);
  if (const toml::table* tools = validator.Table(*parsed, "tool", "")) {
    for (const auto& [name, node] : *tools) {
      const toml::table* table = node.as_table();
      if (table == nullptr) {
        validator.Error(node, absl::StrCat("tool.", Absl(name.str())),
                        "must be a table [tool.NAME]");
        continue;
      }
      config.tools.emplace(std::string(name.str()), ReadTool(validator, *table, Absl(name.str())));
    }
  }
  if (!validator.ok()) return absl::InvalidArgumentError(validator.Joined());
  return config;
}

absl::StatusOr<CallbackConfig> CallbackConfig::LoadFile(const std::string& path) {
  std::optional<std::string> text = ReadWholeFile(path);
  if (!text) return absl::NotFoundError(absl::StrCat("--callbacks ", path, ": cannot read it"));
  return FromString(*text, path);
}

absl::Status ResolveOnLimit(const CallbackConfig& callbacks, bool state_holds, Touch& touch) {
  const ToolCallback* tool = callbacks.Find(touch.tool);
  if (!touch.on_limit) {
    touch.on_limit =
        tool != nullptr && tool->hold && state_holds ? OnLimit::kHold : OnLimit::kDefer;
  }
  if (touch.on_limit != OnLimit::kHold) return absl::OkStatus();
  if (!state_holds) {
    return absl::InvalidArgumentError("on_limit: 'hold' needs state that holds touches");
  }
  if (tool == nullptr) {
    std::vector<absl::string_view> names;
    for (const auto& [name, callback] : callbacks.tools) names.push_back(name);
    std::sort(names.begin(), names.end());
    return absl::InvalidArgumentError(
        absl::StrCat("on_limit: 'hold' needs a callback for the touch's tool ('", touch.tool,
                     "') in tact serve --callbacks (tools with one: ",
                     names.empty() ? std::string("none") : absl::StrJoin(names, ", "), ")"));
  }
  return absl::OkStatus();
}

}  // namespace tact
