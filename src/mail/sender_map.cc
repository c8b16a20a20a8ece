#include "mail/sender_map.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "core/address.h"
#include "core/kind.h"
#include "files/read_file.h"
#include "policy/toml_validator.h"

namespace tact {
namespace {

// The touch fields of `table` (an entry or [unlisted]) into `into`.
void ReadFields(Validator& validator, const toml::table& table, const std::string& path,
                MailSender& into) {
  if (auto sender = validator.String(table, "sender", path)) into.sender = *sender;
  if (auto team = validator.String(table, "team", path)) into.team = *team;
  if (auto tool = validator.String(table, "tool", path)) into.tool = *tool;
  if (auto campaign = validator.String(table, "campaign", path)) into.campaign = *campaign;
  if (const toml::node* kind = table.get("kind")) {
    const std::optional<std::string> name = kind->value<std::string>();
    if (!name || !ParseKind(*name)) {
      validator.Error(*kind, Validator::Join(path, "kind"),
                      absl::StrCat("must be one of ", KindNamesList()));
    } else {
      into.kind = *name;
    }
  }
  if (auto on_defer = validator.Choice(table, "on_defer", path, {"tempfail", "hold"})) {
    into.on_defer = *on_defer == "hold" ? OnDefer::kHold : OnDefer::kTempfail;
  }
}

using SendersBy = absl::flat_hash_map<std::string, MailSender>;

// One [[sender]] entry into the map of what it matches by; its mistakes
// reported to `validator`.
void AddEntry(Validator& validator, const toml::table& table, const std::string& path,
              SendersBy& by_user, SendersBy& by_address, SendersBy& by_domain) {
  std::initializer_list<absl::string_view> keys = {
      "sasl_user", "address", "domain", "sender", "team", "tool", "kind", "campaign", "on_defer"};
  validator.CheckKeys(table, path, keys);
  MailSender fields;
  ReadFields(validator, table, path, fields);
  int matches = 0;
  const auto add = [&](absl::string_view key, SendersBy& to, bool is_address) {
    std::optional<std::string> value = validator.String(table, key, path);
    if (!value) return;
    ++matches;
    std::string normal = absl::AsciiStrToLower(absl::StripAsciiWhitespace(*value));
    if (is_address && !NormalizeEmail(normal)) {
      validator.Error(*table.get(std::string_view(key.data(), key.size())),
                      Validator::Join(path, key),
                      absl::StrCat("'", *value, "' is not an email address"));
      return;
    }
    if (!to.emplace(normal, fields).second) {
      validator.Error(*table.get(std::string_view(key.data(), key.size())),
                      Validator::Join(path, key),
                      absl::StrCat("'", *value, "' is named by an earlier entry too"));
    }
  };
  add("sasl_user", by_user, false);
  add("address", by_address, true);
  add("domain", by_domain, false);
  if (matches != 1) {
    validator.Error(table, path, "must match mail by exactly one of sasl_user, address or domain");
  }
}

}  // namespace

absl::StatusOr<SenderMap> SenderMap::LoadFile(const std::string& path) {
  const std::optional<std::string> text = ReadWholeFile(path);
  if (!text) return absl::InvalidArgumentError(absl::StrCat(path, ": cannot be read"));
  return Parse(*text, path);
}

absl::StatusOr<SenderMap> SenderMap::Parse(absl::string_view text, absl::string_view origin) {
  absl::StatusOr<toml::table> parsed = ParseToml(text, origin);
  if (!parsed.ok()) return parsed.status();
  const toml::table& root = *parsed;
  Validator validator(origin);
  validator.CheckKeys(root, "", {"sender", "unlisted"});
  SenderMap map;
  if (const toml::node* entries = root.get("sender")) {
    const toml::array* array = entries->as_array();
    if (array == nullptr) validator.Error(*entries, "sender", "must be an array of tables");
    for (size_t i = 0; array != nullptr && i < array->size(); ++i) {
      const std::string path = absl::StrCat("sender[", i, "]");
      const toml::table* table = (*array)[i].as_table();
      if (table == nullptr) {
        validator.Error((*array)[i], path, "must be a table ([[sender]])");
        continue;
      }
      AddEntry(validator, *table, path, map.by_user_, map.by_address_, map.by_domain_);
    }
  }
  if (const toml::table* unlisted = validator.Table(root, "unlisted", "")) {
    std::initializer_list<absl::string_view> keys = {"action", "sender",   "team",    "tool",
                                                     "kind",   "campaign", "on_defer"};
    validator.CheckKeys(*unlisted, "unlisted", keys);
    MailSender fields;
    ReadFields(validator, *unlisted, "unlisted", fields);
    if (validator.Choice(*unlisted, "action", "unlisted", {"pass", "ask"}).value_or("pass") ==
        "ask") {
      map.unlisted_ = fields;
    }
  }
  if (!validator.ok()) return absl::InvalidArgumentError(validator.Joined());
  return map;
}

std::optional<MailSender> SenderMap::Match(absl::string_view sasl_user,
                                           absl::string_view from) const {
  const std::string address = absl::AsciiStrToLower(from);
  const auto fill = [&](MailSender fields) {
    if (fields.sender.empty()) fields.sender = sasl_user.empty() ? address : std::string(sasl_user);
    return fields;
  };
  if (!sasl_user.empty()) {
    if (auto found = by_user_.find(absl::AsciiStrToLower(sasl_user)); found != by_user_.end())
      return fill(found->second);
  }
  if (auto found = by_address_.find(address); found != by_address_.end()) {
    return fill(found->second);
  }
  const std::string domain = EmailDomain(address);
  if (!domain.empty()) {
    if (auto found = by_domain_.find(domain); found != by_domain_.end()) {
      return fill(found->second);
    }
  }
  if (unlisted_) return fill(*unlisted_);
  return std::nullopt;
}

}  // namespace tact
