// The policy sections that say who and what: [consent], [icp], [health],
// [engagement], [reputation], [relevance], [content].
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "core/minutes.h"
#include "policy/lexicon_loader.h"
#include "policy/policy_sections.h"
#include "policy/suggest.h"
#include "policy/toml_validator.h"

namespace tact {

namespace {

// Reads `key` of `table`, a list of names that `parse` knows, into `set`
// (emptied first); leaves it as it is when the key is absent. Each unknown
// name is reported with the names to use.
template <typename Set, typename Value>
void ReadNameList(Validator& check, const toml::table& table, absl::string_view key,
                  absl::string_view path, Set* set,
                  std::optional<Value> (*parse)(absl::string_view), absl::string_view what,
                  absl::string_view known) {
  const auto names = check.Strings(table, key, path);
  if (!names) return;
  *set = Set{};
  for (const std::string& name : *names) {
    if (auto value = parse(name)) {
      set->Add(*value);
    } else {
      check.Error(*table.get(std::string_view(key.data(), key.size())), Validator::Join(path, key),
                  absl::StrCat("'", name, "' is not a ", what, "; use ", known));
    }
  }
}

}  // namespace

void ReadKindList(Validator& check, const toml::table& table, absl::string_view key,
                  absl::string_view path, KindSet* kinds) {
  ReadNameList(check, table, key, path, kinds, &ParseKind, "kind", KindNamesList());
}

void ReadChannelList(Validator& check, const toml::table& table, absl::string_view key,
                     absl::string_view path, ChannelSet* channels) {
  ReadNameList(check, table, key, path, channels, &ParseChannel, "channel", ChannelNamesList());
}

namespace {

// Kinds a relevance or content gate applies to by default: all but
// transactional ones (a receipt goes out whatever it says).
KindSet AllButTransactional() {
  KindSet kinds;
  for (int index = 0; index < kKindCount; ++index) {
    const auto kind = static_cast<Kind>(index);
    if (kind != Kind::kTransactional) kinds.Add(kind);
  }
  return kinds;
}

std::shared_ptr<const Lexicon> DefaultLexicon() {
  static const auto* const lexicon = [] {
    auto loaded = LoadLexiconFromString(DefaultLexiconText(), "bump-phrases.toml (built in)");
    // The build checks the compiled-in file (content tests); a broken one
    // would be a build error, not a user's.
    if (!loaded.ok()) std::abort();
    return new std::shared_ptr<const Lexicon>(std::make_shared<Lexicon>(*std::move(loaded)));
  }();
  return *lexicon;
}

void ReadLexicon(Validator& check, const toml::table& table, const PolicyFileReader& read_file,
                 ContentRules& content) {
  const auto name = check.String(table, "lexicon", "content");
  if (!name) return;
  absl::StatusOr<PolicyFile> file = read_file(*name);
  if (!file.ok()) {
    check.Error(*table.get("lexicon"), "content.lexicon", file.status().message());
    return;
  }
  auto lexicon = LoadLexiconFromString(file->text, file->name);
  if (!lexicon.ok()) {
    check.Error(*table.get("lexicon"), "content.lexicon", lexicon.status().message());
    return;
  }
  content.lexicon = std::make_shared<Lexicon>(*std::move(lexicon));
}

}  // namespace

void ReadConsent(Validator& check, const toml::table& root, Policy& policy) {
  const toml::table* consent = check.Table(root, "consent", "");
  if (consent == nullptr) return;
  check.CheckKeys(*consent, "consent", {"opt_in"});
  const toml::node* node = consent->get("opt_in");
  if (node == nullptr) return;
  const toml::array* list = node->as_array();
  if (list == nullptr || !list->is_array_of_tables()) {
    check.Error(*node, "consent.opt_in",
                "must be a list of tables, e.g. [{ channel = \"sms\" }, { channel = \"email\", "
                "countries = [\"DE\"] }]");
    return;
  }
  for (size_t index = 0; index < list->size(); ++index) {
    const toml::table& table = *list->get(index)->as_table();
    const std::string path = absl::StrCat("consent.opt_in[", index + 1, "]");
    check.CheckKeys(table, path, {"channel", "countries"});
    check.Require(table, "channel", path);
    const auto name = check.String(table, "channel", path);
    if (!name) continue;
    const auto channel = ParseChannel(*name);
    if (!channel) {
      check.Error(*table.get("channel"), Validator::Join(path, "channel"),
                  absl::StrCat("'", *name, "' is not a channel; use ", ChannelNamesList()));
      continue;
    }
    OptInRequirement requirement{*channel, {}};
    if (auto countries = check.Strings(table, "countries", path))
      requirement.countries = *countries;
    policy.opt_in.push_back(std::move(requirement));
  }
}

void ReadIcp(Validator& check, const toml::table& root, Policy& policy) {
  const toml::table* icp = check.Table(root, "icp", "");
  if (icp == nullptr) return;
  check.CheckKeys(*icp, "icp", {"threshold", "rules"});
  if (auto threshold = check.Number(*icp, "threshold", "icp", 0.0, 1.0))
    policy.icp.threshold = *threshold;
  const toml::node* node = icp->get("rules");
  if (node == nullptr) return;
  const toml::array* rules = node->as_array();
  if (rules == nullptr || !rules->is_array_of_tables()) {
    check.Error(*node, "icp.rules", "must be a list of tables");
    return;
  }
  double total_weight = 0;
  for (size_t index = 0; index < rules->size(); ++index) {
    const toml::table& table = *rules->get(index)->as_table();
    const std::string path = absl::StrCat("icp.rules[", index + 1, "]");
    check.CheckKeys(table, path, {"attribute", "in", "between", "weight"});
    check.Require(table, "attribute", path);
    check.Require(table, "weight", path);
    IcpRule rule;
    const auto attribute = check.String(table, "attribute", path);
    const auto weight = check.Number(table, "weight", path, 0.0, 1000.0);
    const auto in = check.Strings(table, "in", path);
    const toml::node* between = table.get("between");
    if ((in.has_value()) == (between != nullptr)) {
      check.Error(table, path, "needs exactly one of 'in' (a list) or 'between' (two numbers)");
      continue;
    }
    if (between != nullptr) {
      const toml::array* bounds = between->as_array();
      std::optional<double> low, high;
      if (bounds != nullptr && bounds->size() == 2) {
        low = bounds->get(0)->value<double>();
        high = bounds->get(1)->value<double>();
      }
      if (!low || !high || *low > *high) {
        check.Error(*between, Validator::Join(path, "between"),
                    "must be two numbers, low first, e.g. [200, 5000]");
        continue;
      }
      rule.is_between = true;
      rule.low = *low;
      rule.high = *high;
    }
    if (!attribute || !weight) continue;
    rule.attribute = *attribute;
    rule.weight = *weight;
    if (in) rule.in = *in;
    total_weight += rule.weight;
    policy.icp.rules.push_back(std::move(rule));
  }
  if (!policy.icp.rules.empty() && total_weight <= 0) {
    check.Error(*node, "icp.rules", "weights add up to 0; give at least one rule a weight");
  }
}

void ReadHealth(Validator& check, const toml::table& root, Policy& policy) {
  const toml::table* health = check.Table(root, "health", "");
  if (health == nullptr) return;
  check.CheckKeys(*health, "health", {"hold"});
  const auto hold = check.Strings(*health, "hold", "health");
  if (!hold) return;
  for (const std::string& name : *hold) {
    if (auto kind = ParseKind(name)) {
      policy.health_hold.Add(*kind);
    } else {
      check.Error(*health->get("hold"), "health.hold",
                  absl::StrCat("'", name, "' is not a kind; use ", KindNamesList()));
    }
  }
}

void ReadCheck(Validator& check, const toml::table& root, Policy& policy) {
  const toml::table* section = check.Table(root, "check", "");
  if (section == nullptr) return;
  check.CheckKeys(*section, "check", {"unknown_person"});
  if (section->get("unknown_person") == nullptr) return;
  if (auto choice = check.Choice(*section, "unknown_person", "check", {"decide", "suppress"})) {
    policy.check_suppresses_unknown = *choice == "suppress";
  }
}

void ReadEngagement(Validator& check, const toml::table& root, Policy& policy) {
  Engagement& engagement = policy.engagement;
  engagement.applies_to.Add(Kind::kPromotional);
  engagement.applies_to.Add(Kind::kCold);
  const toml::table* table = check.Table(root, "engagement", "");
  if (table == nullptr) return;
  check.CheckKeys(*table, "engagement",
                  {"attribution_window", "dormant_after_ignored", "dormant_budget", "applies_to",
                   "machine_opens"});
  if (auto span = check.Span(*table, "attribution_window", "engagement"))
    engagement.attribution_window = *span;
  if (auto count = check.Integer(*table, "dormant_after_ignored", "engagement", 0, 1000))
    engagement.dormant_after_ignored = static_cast<int>(*count);
  if (const toml::table* budget = check.Table(*table, "dormant_budget", "engagement")) {
    check.CheckKeys(*budget, "engagement.dormant_budget", {"window", "max"});
    if (auto window = check.Span(*budget, "window", "engagement.dormant_budget"))
      engagement.dormant_window = *window;
    if (auto max = check.Integer(*budget, "max", "engagement.dormant_budget", 0, 100000))
      engagement.dormant_max = static_cast<int>(*max);
  }
  ReadKindList(check, *table, "applies_to", "engagement", &engagement.applies_to);
  if (auto opens = check.Choice(*table, "machine_opens", "engagement", {"ignore", "count"}))
    engagement.count_machine_opens = *opens == "count";
}

void ReadReputation(Validator& check, const toml::table& root, Policy& policy) {
  ComplaintGuard& guard = policy.complaints;
  guard.applies_to.Add(Kind::kPromotional);
  guard.applies_to.Add(Kind::kCold);
  const toml::table* table = check.Table(root, "reputation", "");
  if (table == nullptr) return;
  check.CheckKeys(*table, "reputation", {"complaint_rate_max", "window", "min_sent", "applies_to"});
  if (auto rate = check.Number(*table, "complaint_rate_max", "reputation", 0, 1))
    guard.rate_max = *rate;
  if (auto window = check.Span(*table, "window", "reputation")) guard.window = *window;
  if (auto min_sent = check.Integer(*table, "min_sent", "reputation", 1, 1000000000))
    guard.min_sent = *min_sent;
  ReadKindList(check, *table, "applies_to", "reputation", &guard.applies_to);
}

void ReadRelevance(Validator& check, const toml::table& root, Policy& policy) {
  Relevance& relevance = policy.relevance;
  relevance.language_applies_to = AllButTransactional();
  relevance.region_applies_to = AllButTransactional();
  const toml::table* table = check.Table(root, "relevance", "");
  if (table == nullptr) return;
  check.CheckKeys(*table, "relevance",
                  {"language", "applies_to", "detection_overrides_at", "max_event_distance_km",
                   "event_region", "event_applies_to"});
  if (auto language = check.Choice(*table, "language", "relevance", {"required", "off"}))
    relevance.language_required = *language == "required";
  ReadKindList(check, *table, "applies_to", "relevance", &relevance.language_applies_to);
  if (table->get("detection_overrides_at") != nullptr) {
    const auto percent = check.Number(*table, "detection_overrides_at", "relevance", 0, 100);
    if (percent && *percent != 0 && *percent < 50) {
      check.Error(*table->get("detection_overrides_at"), "relevance.detection_overrides_at",
                  "must be 0 (the declaration always decides) or 50 to 100 (percent)");
    } else if (percent) {
      policy.content.detection_overrides_percent = static_cast<int>(*percent);
    }
  }
  relevance.max_event_distance_km =
      check.Number(*table, "max_event_distance_km", "relevance", 1, 40075);
  if (auto level = check.Choice(*table, "event_region", "relevance",
                                {"country", "subcontinent", "continent", "world"}))
    relevance.event_region = *ParseRegionLevel(*level);
  ReadKindList(check, *table, "event_applies_to", "relevance", &relevance.region_applies_to);
}

void ReadContent(Validator& check, const toml::table& root, const PolicyFileReader& read_file,
                 Policy& policy) {
  ContentRules& content = policy.content;
  content.lexicon = DefaultLexicon();
  content.repeat_applies_to = AllButTransactional();
  content.bump_applies_to = AllButTransactional();
  content.mass_applies_to.Add(Kind::kCold);
  const toml::table* table = check.Table(root, "content", "");
  if (table == nullptr) return;
  check.CheckKeys(*table, "content",
                  {"lexicon", "near_distance", "repeat", "bump", "mass_template", "self_focus"});
  ReadLexicon(check, *table, read_file, content);
  if (auto distance = check.Integer(*table, "near_distance", "content", 0, 16))
    content.near_distance = static_cast<int>(*distance);
  if (auto note = check.Bool(*table, "self_focus", "content")) content.self_focus_note = *note;
  if (const toml::table* repeat = check.Table(*table, "repeat", "content")) {
    check.CheckKeys(*repeat, "content.repeat", {"window", "applies_to"});
    content.repeat = true;
    if (auto window = check.Span(*repeat, "window", "content.repeat"))
      content.repeat_window = *window;
    ReadKindList(check, *repeat, "applies_to", "content.repeat", &content.repeat_applies_to);
  }
  if (const toml::table* bump = check.Table(*table, "bump", "content")) {
    check.CheckKeys(*bump, "content.bump", {"max_words", "applies_to"});
    content.bump = true;
    if (auto words = check.Integer(*bump, "max_words", "content.bump", 1, 10000))
      content.bump_max_words = static_cast<int>(*words);
    ReadKindList(check, *bump, "applies_to", "content.bump", &content.bump_applies_to);
  }
  if (const toml::table* mass = check.Table(*table, "mass_template", "content")) {
    check.CheckKeys(*mass, "content.mass_template", {"max_recipients", "window", "applies_to"});
    check.Require(*mass, "max_recipients", "content.mass_template");
    if (auto max = check.Integer(*mass, "max_recipients", "content.mass_template", 1, 1000000))
      content.mass_max_recipients = static_cast<int>(*max);
    if (auto window = check.Span(*mass, "window", "content.mass_template")) {
      if (*window > absl::Hours(24 * kTemplateWindowDaysMax) || *window < absl::Hours(24)) {
        check.Error(*mass->get("window"), "content.mass_template.window",
                    absl::StrCat("must be between 1d and ", kTemplateWindowDaysMax, "d"));
      } else {
        content.mass_window = *window;
      }
    }
    ReadKindList(check, *mass, "applies_to", "content.mass_template", &content.mass_applies_to);
  }
}

}  // namespace tact
