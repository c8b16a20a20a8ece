#include "policy/policy_loader.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <sstream>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "core/minutes.h"
#include "policy/suggest.h"
#include "policy/toml_validator.h"

namespace tact {
namespace {

std::optional<Scope> ParseScope(absl::string_view text) {
  Scope scope;
  if (text == "all") return scope;
  if (auto channel = ParseChannel(text)) {
    scope.type = Scope::Type::kChannel;
    scope.channel = *channel;
    return scope;
  }
  if (auto kind = ParseKind(text)) {
    scope.type = Scope::Type::kKind;
    scope.kind = *kind;
    return scope;
  }
  return std::nullopt;
}

std::optional<Scope> ReadScope(Validator& check, const toml::table& table, absl::string_view path) {
  const auto text = check.String(table, "scope", path);
  if (!text) {
    check.Require(table, "scope", path);
    return std::nullopt;
  }
  // "channel:sms" and "kind:cold" are accepted as spellings of "sms" and "cold".
  absl::string_view name = *text;
  if (absl::StartsWith(name, "channel:"))
    name.remove_prefix(8);
  else if (absl::StartsWith(name, "kind:"))
    name.remove_prefix(5);
  auto scope = ParseScope(name);
  if (!scope) {
    check.Error(*table.get("scope"), Validator::Join(path, "scope"),
                absl::StrCat("'", *text, "' is not a scope; use \"all\", a channel (",
                             ChannelNamesList(), ") or a kind (", KindNamesList(), ")"));
  }
  return scope;
}

void ReadKinds(Validator& check, const toml::table& root, Policy& policy) {
  const toml::table* kinds = check.Table(root, "kinds", "");
  if (kinds == nullptr) return;
  check.CheckKeys(*kinds, "kinds", {"transactional", "relationship", "promotional", "cold"});
  for (Kind kind : kAllKinds) {
    const std::string path = absl::StrCat("kinds.", KindName(kind));
    const toml::table* table = check.Table(*kinds, KindName(kind), "kinds");
    if (table == nullptr) continue;
    check.CheckKeys(
        *table, path,
        {"budgets", "quiet_hours", "followups", "requires_icp", "consent", "max_delay"});
    KindRules& rules = policy.kinds[static_cast<int>(kind)];
    if (auto value = check.Bool(*table, "budgets", path)) rules.budgets = *value;
    if (auto value = check.Bool(*table, "quiet_hours", path)) rules.quiet_hours = *value;
    if (auto value = check.Bool(*table, "followups", path)) rules.followups = *value;
    if (auto value = check.Bool(*table, "requires_icp", path)) rules.requires_icp = *value;
    if (auto value = check.Choice(*table, "consent", path, {"strict", "opt_out_only"}))
      rules.consent = *value == "strict" ? ConsentMode::kStrict : ConsentMode::kOptOutOnly;
    if (auto value = check.Span(*table, "max_delay", path)) rules.max_delay = *value;
  }
}

const toml::array* ArrayOfTables(Validator& check, const toml::table& root, absl::string_view key) {
  const toml::node* node = root.get(std::string_view(key.data(), key.size()));
  if (node == nullptr) return nullptr;
  const toml::array* array = node->as_array();
  if (array == nullptr || !array->is_array_of_tables()) {
    check.Error(*node, key, absl::StrCat("must be a list of tables, written [[", key, "]]"));
    return nullptr;
  }
  return array;
}

void ReadBudgets(Validator& check, const toml::table& root, Policy& policy) {
  const toml::array* budgets = ArrayOfTables(check, root, "budget");
  if (budgets == nullptr) return;
  for (size_t index = 0; index < budgets->size(); ++index) {
    const toml::table& table = *budgets->get(index)->as_table();
    const std::string path = absl::StrCat("budget[", index + 1, "]");
    check.CheckKeys(table, path, {"scope", "window", "max"});
    const auto scope = ReadScope(check, table, path);
    const auto window = check.Span(table, "window", path);
    const auto max = check.Integer(table, "max", path, 0, 100000);
    check.Require(table, "window", path);
    check.Require(table, "max", path);
    if (!scope || !window || !max) continue;
    Budget budget{*scope, *window, static_cast<int>(*max),
                  absl::StrCat("budget.", scope->Name(), ".", FormatSpan(*window))};
    for (const Budget& other : policy.budgets) {
      if (other.rule_id == budget.rule_id)
        check.Error(table, path, absl::StrCat("repeats ", budget.rule_id, "; keep one of them"));
    }
    policy.budgets.push_back(std::move(budget));
  }
}

void ReadGaps(Validator& check, const toml::table& root, Policy& policy) {
  const toml::array* gaps = ArrayOfTables(check, root, "gap");
  if (gaps == nullptr) return;
  for (size_t index = 0; index < gaps->size(); ++index) {
    const toml::table& table = *gaps->get(index)->as_table();
    const std::string path = absl::StrCat("gap[", index + 1, "]");
    check.CheckKeys(table, path, {"scope", "min"});
    const auto scope = ReadScope(check, table, path);
    const auto min = check.Span(table, "min", path);
    check.Require(table, "min", path);
    if (!scope || !min) continue;
    policy.gaps.push_back(Gap{*scope, *min, absl::StrCat("gap.", scope->Name())});
  }
}

void ReadTiers(Validator& check, const toml::table& root, Policy& policy) {
  const toml::table* tiers = check.Table(root, "tiers", "");
  if (tiers == nullptr) return;
  for (auto&& [key, node] : *tiers) {
    const std::string path = absl::StrCat("tiers.", Absl(key.str()));
    const auto share = node.value<double>();
    if (!share || !(node.is_integer() || node.is_floating_point())) {
      check.Error(node, path, "must be a number: the share of each budget this tier may use");
      continue;
    }
    if (*share > 1.0) {
      check.Error(node, path,
                  absl::StrCat("reserves more than the whole budget (share ", *share,
                               " > 1.0); a tier may use at most all of it"));
      continue;
    }
    if (*share <= 0.0) {
      check.Error(node, path,
                  absl::StrCat("must be above 0 (got ", *share,
                               "); to stop a kind entirely use a budget with max = 0"));
      continue;
    }
    policy.tiers.push_back(Tier{std::string(key.str()), *share});
  }
}

void ReadSender(Validator& check, const toml::table& root, Policy& policy) {
  const toml::table* sender = check.Table(root, "sender", "");
  if (sender == nullptr) return;
  check.CheckKeys(*sender, "sender", {"window", "max"});
  const auto window = check.Span(*sender, "window", "sender");
  const auto max = check.Integer(*sender, "max", "sender", 0, 100000);
  check.Require(*sender, "window", "sender");
  check.Require(*sender, "max", "sender");
  if (!window || !max) return;
  policy.sender = SenderLimit{true, *window, static_cast<int>(*max),
                              absl::StrCat("sender.", FormatSpan(*window))};
}

void ReadFollowups(Validator& check, const toml::table& root, Policy& policy) {
  policy.followups.memory = absl::Hours(24 * 90);
  const toml::table* followups = check.Table(root, "followups", "");
  if (followups == nullptr) return;
  check.CheckKeys(*followups, "followups", {"max_unanswered", "min_gap", "memory"});
  if (auto max = check.Integer(*followups, "max_unanswered", "followups", 0, 1000))
    policy.followups.max_unanswered = static_cast<int>(*max);
  if (auto gap = check.Span(*followups, "min_gap", "followups")) policy.followups.min_gap = *gap;
  if (auto memory = check.Span(*followups, "memory", "followups"))
    policy.followups.memory = *memory;
}

std::optional<int> ParseClock(absl::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (int index : {0, 1, 3, 4}) {
    if (text[index] < '0' || text[index] > '9') return std::nullopt;
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 24 || minutes > 59 || (hours == 24 && minutes != 0)) return std::nullopt;
  return hours * 60 + minutes;
}

std::optional<DayWindow> ReadDayWindow(Validator& check, const toml::table& table,
                                       absl::string_view key) {
  const auto text = check.String(table, key, "quiet_hours");
  if (!text) return std::nullopt;
  if (*text == "none") return DayWindow{0, 0};
  if (*text == "all-day") return DayWindow{0, 24 * 60};
  const std::vector<absl::string_view> parts = absl::StrSplit(*text, '-');
  std::optional<int> start, end;
  if (parts.size() == 2) {
    start = ParseClock(parts[0]);
    end = ParseClock(parts[1]);
  }
  if (!start || !end || *start == *end) {
    check.Error(*table.get(std::string_view(key.data(), key.size())),
                Validator::Join("quiet_hours", key),
                absl::StrCat("'", *text,
                             "' is not a quiet window; write \"HH:MM-HH:MM\" in the person's local "
                             "time (e.g. \"20:00-09:00\"), \"all-day\" or \"none\""));
    return std::nullopt;
  }
  return DayWindow{*start, *end};
}

void ReadQuietHours(Validator& check, const toml::table& root, Policy& policy) {
  QuietHours& quiet = policy.quiet_hours;
  quiet.default_clock = *LocalClock::ForZone("UTC");
  quiet.is_weekend[static_cast<int>(absl::Weekday::saturday)] = true;
  quiet.is_weekend[static_cast<int>(absl::Weekday::sunday)] = true;
  const toml::table* table = check.Table(root, "quiet_hours", "");
  if (table == nullptr) return;
  policy.quiet_hours_enabled = true;
  check.CheckKeys(*table, "quiet_hours",
                  {"weekdays", "weekends", "weekend_days", "channels", "default_time_zone"});
  if (auto window = ReadDayWindow(check, *table, "weekdays")) quiet.weekdays = *window;
  if (auto window = ReadDayWindow(check, *table, "weekends")) quiet.weekends = *window;
  if (auto days = check.Strings(*table, "weekend_days", "quiet_hours")) {
    static constexpr absl::string_view kDayNames[] = {"monday", "tuesday",  "wednesday", "thursday",
                                                      "friday", "saturday", "sunday"};
    quiet.is_weekend = {};
    for (const std::string& day : *days) {
      const auto* found = std::find(std::begin(kDayNames), std::end(kDayNames), day);
      if (found == std::end(kDayNames)) {
        check.Error(*table->get("weekend_days"), "quiet_hours.weekend_days",
                    absl::StrCat("'", day, "' is not a day; use monday … sunday in lower case"));
        continue;
      }
      quiet.is_weekend[found - std::begin(kDayNames)] = true;
    }
  }
  if (auto channels = check.Strings(*table, "channels", "quiet_hours")) {
    for (const std::string& name : *channels) {
      if (auto channel = ParseChannel(name)) {
        quiet.channels.Add(*channel);
      } else {
        check.Error(*table->get("channels"), "quiet_hours.channels",
                    absl::StrCat("'", name, "' is not a channel; use ", ChannelNamesList()));
      }
    }
  } else {
    for (Channel channel : kAllChannels) quiet.channels.Add(channel);
  }
  if (auto zone = check.String(*table, "default_time_zone", "quiet_hours")) {
    if (auto clock = LocalClock::ForZone(*zone); clock.ok()) {
      quiet.default_clock = *std::move(clock);
    } else {
      check.Error(*table->get("default_time_zone"), "quiet_hours.default_time_zone",
                  absl::StrCat("'", *zone,
                               "' is not a known IANA time zone (e.g. \"Europe/Berlin\", "
                               "\"America/New_York\", \"UTC\")"));
    }
  }
  const bool any_weekday =
      std::find(quiet.is_weekend.begin(), quiet.is_weekend.end(), false) != quiet.is_weekend.end();
  const bool any_weekend =
      std::find(quiet.is_weekend.begin(), quiet.is_weekend.end(), true) != quiet.is_weekend.end();
  if ((!any_weekday || quiet.weekdays.IsAllDay()) && (!any_weekend || quiet.weekends.IsAllDay())) {
    check.Error(*table, "quiet_hours", "leaves no time in the week to reach anyone");
  }
}

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

void ReadKindList(Validator& check, const toml::table& table, absl::string_view key,
                  absl::string_view path, KindSet* kinds) {
  const auto names = check.Strings(table, key, path);
  if (!names) return;
  *kinds = KindSet{};
  for (const std::string& name : *names) {
    if (auto kind = ParseKind(name)) {
      kinds->Add(*kind);
    } else {
      check.Error(*table.get(std::string_view(key.data(), key.size())), Validator::Join(path, key),
                  absl::StrCat("'", name, "' is not a kind; use ", KindNamesList()));
    }
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

void ReadLexicon(Validator& check, const toml::table& table, absl::string_view policy_source,
                 ContentRules& content) {
  const auto path = check.String(table, "lexicon", "content");
  if (!path) return;
  std::filesystem::path file(*path);
  if (file.is_relative()) {
    file = std::filesystem::path(std::string(policy_source)).parent_path() / file;
  }
  const auto text = ReadWholeFile(file.string());
  if (!text) {
    check.Error(*table.get("lexicon"), "content.lexicon",
                absl::StrCat("cannot open '", file.string(), "'"));
    return;
  }
  auto lexicon = LoadLexiconFromString(*text, file.string());
  if (!lexicon.ok()) {
    check.Error(*table.get("lexicon"), "content.lexicon", lexicon.status().message());
    return;
  }
  content.lexicon = std::make_shared<Lexicon>(*std::move(lexicon));
}

void ReadContent(Validator& check, const toml::table& root, Policy& policy) {
  ContentRules& content = policy.content;
  content.lexicon = DefaultLexicon();
  content.repeat_applies_to = AllButTransactional();
  content.bump_applies_to = AllButTransactional();
  content.mass_applies_to.Add(Kind::kCold);
  const toml::table* table = check.Table(root, "content", "");
  if (table == nullptr) return;
  check.CheckKeys(*table, "content",
                  {"lexicon", "near_distance", "repeat", "bump", "mass_template", "self_focus"});
  ReadLexicon(check, *table, policy.source, content);
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

void SetKindDefaults(Policy& policy) {
  KindRules& transactional = policy.kinds[static_cast<int>(Kind::kTransactional)];
  transactional.budgets = false;
  transactional.quiet_hours = false;
  transactional.followups = false;
  transactional.consent = ConsentMode::kOptOutOnly;
  policy.kinds[static_cast<int>(Kind::kCold)].requires_icp = true;
}

absl::Duration Retention(const Policy& policy) {
  absl::Duration longest = absl::ZeroDuration();
  for (const Budget& budget : policy.budgets) longest = std::max(longest, budget.window);
  for (const Gap& gap : policy.gaps) longest = std::max(longest, gap.min);
  if (policy.sender.enabled) longest = std::max(longest, policy.sender.window);
  longest = std::max(longest, policy.followups.min_gap);
  if (policy.followups.max_unanswered > 0) longest = std::max(longest, policy.followups.memory);
  if (policy.engagement.dormant_after_ignored > 0) {
    longest = std::max(longest, policy.engagement.dormant_window);
    longest = std::max(longest, policy.engagement.attribution_window);
  }
  if (policy.content.repeat) longest = std::max(longest, policy.content.repeat_window);
  if (policy.content.mass_max_recipients > 0)
    longest = std::max(longest, policy.content.mass_window);
  return longest;
}

int ScopeIndex(Policy& policy, const Scope& scope) {
  for (size_t index = 0; index < policy.scopes.size(); ++index) {
    if (policy.scopes[index] == scope) return static_cast<int>(index);
  }
  policy.scopes.push_back(scope);
  return static_cast<int>(policy.scopes.size() - 1);
}

// Precomputes what every decision would otherwise recompute.
void Finalize(Policy& policy) {
  for (Budget& budget : policy.budgets) {
    budget.window_minutes = SpanMinutes(budget.window);
    budget.scope_index = ScopeIndex(policy, budget.scope);
  }
  for (Gap& gap : policy.gaps) {
    gap.min_minutes = SpanMinutes(gap.min);
    gap.scope_index = ScopeIndex(policy, gap.scope);
  }
  policy.sender.window_minutes = SpanMinutes(policy.sender.window);
  policy.followups.min_gap_minutes = SpanMinutes(policy.followups.min_gap);
  policy.followups.memory_minutes = SpanMinutes(policy.followups.memory);
  policy.retention_minutes = SpanMinutes(policy.retention);
  policy.engagement.attribution_minutes = SpanMinutes(policy.engagement.attribution_window);
  policy.engagement.dormant_window_minutes = SpanMinutes(policy.engagement.dormant_window);
  policy.content.repeat_window_minutes = SpanMinutes(policy.content.repeat_window);
  policy.content.mass_window_minutes = SpanMinutes(policy.content.mass_window);
}

}  // namespace

absl::StatusOr<Policy> LoadPolicyFromString(absl::string_view text, absl::string_view source_name) {
  auto parsed = ParseToml(text, source_name);
  if (!parsed.ok()) return parsed.status();
  const toml::table& root = *parsed;
  Validator check(source_name);
  check.CheckKeys(root, "",
                  {"kinds", "budget", "gap", "tiers", "sender", "followups", "quiet_hours",
                   "consent", "icp", "health", "engagement", "reputation", "relevance", "content"});
  Policy policy;
  policy.source = std::string(source_name);
  policy.text = std::string(text);
  SetKindDefaults(policy);
  ReadKinds(check, root, policy);
  ReadBudgets(check, root, policy);
  ReadGaps(check, root, policy);
  ReadTiers(check, root, policy);
  ReadSender(check, root, policy);
  ReadFollowups(check, root, policy);
  ReadQuietHours(check, root, policy);
  ReadConsent(check, root, policy);
  ReadIcp(check, root, policy);
  ReadHealth(check, root, policy);
  ReadEngagement(check, root, policy);
  ReadReputation(check, root, policy);
  ReadRelevance(check, root, policy);
  ReadContent(check, root, policy);
  if (!check.ok()) return absl::InvalidArgumentError(check.Joined());
  policy.retention = Retention(policy);
  Finalize(policy);
  return policy;
}

absl::StatusOr<Policy> LoadPolicyFile(const std::string& path) {
  const auto text = ReadWholeFile(path);
  if (!text) return absl::NotFoundError(absl::StrCat(path, ": cannot open the policy file"));
  return LoadPolicyFromString(*text, path);
}

}  // namespace tact
