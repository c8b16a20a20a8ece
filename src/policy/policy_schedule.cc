// The policy sections that say when and how often: [kinds], [[budget]],
// [[gap]], [tiers], [sender], [followups], [quiet_hours].
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

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "core/minutes.h"
#include "policy/policy_sections.h"
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

}  // namespace

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

void ReadKinds(Validator& check, const toml::table& root, Policy& policy) {
  const toml::table* kinds = check.Table(root, "kinds", "");
  if (kinds == nullptr) return;
  check.CheckKeys(*kinds, "kinds", {"transactional", "relationship", "promotional", "cold"});
  for (Kind kind : kAllKinds) {
    const std::string path = absl::StrCat("kinds.", KindName(kind));
    const toml::table* table = check.Table(*kinds, KindName(kind), "kinds");
    if (table == nullptr) continue;
    check.CheckKeys(*table, path,
                    {"budgets", "quiet_hours", "followups", "requires_icp", "consent", "max_delay",
                     "unavailable"});
    KindRules& rules = policy.kinds[static_cast<int>(kind)];
    if (auto value = check.Bool(*table, "budgets", path)) rules.budgets = *value;
    if (auto value = check.Bool(*table, "quiet_hours", path)) rules.quiet_hours = *value;
    if (auto value = check.Bool(*table, "followups", path)) rules.followups = *value;
    if (auto value = check.Bool(*table, "requires_icp", path)) rules.requires_icp = *value;
    if (auto value = check.Choice(*table, "consent", path, {"strict", "opt_out_only"}))
      rules.consent = *value == "strict" ? ConsentMode::kStrict : ConsentMode::kOptOutOnly;
    if (auto value = check.Span(*table, "max_delay", path)) rules.max_delay = *value;
    if (auto value = check.Choice(*table, "unavailable", path, {"defer", "retry"}))
      rules.when_unavailable =
          *value == "defer" ? WhenUnavailable::kDefer : WhenUnavailable::kRetry;
  }
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

// quiet_hours.holidays: { DE = "holidays/de.ics", "DE-BY" = "holidays/de-by.ics" }.
void ReadHolidays(Validator& check, const toml::table& table, const PolicyFileReader& read_file,
                  QuietHours& quiet) {
  const toml::table* holidays = check.Table(table, "holidays", "quiet_hours");
  if (holidays == nullptr) return;
  for (const auto& [key, node] : *holidays) {
    const std::string where = absl::StrCat("quiet_hours.holidays.", Absl(key.str()));
    const std::string place(key.str());
    const bool country = place.size() == 2 && absl::c_all_of(place, absl::ascii_isupper);
    const bool region = place.size() > 3 && place[2] == '-' &&
                        absl::c_all_of(place.substr(0, 2), absl::ascii_isupper);
    if (!country && !region) {
      check.Error(node, where,
                  "must be a country (ISO 3166-1, \"DE\") or a region (ISO 3166-2, \"DE-BY\")");
      continue;
    }
    const std::optional<std::string> name = node.value<std::string>();
    if (!name) {
      check.Error(node, where, "must be the name of an iCalendar file");
      continue;
    }
    absl::StatusOr<PolicyFile> file = read_file(*name);
    if (!file.ok()) {
      check.Error(node, where, file.status().message());
      continue;
    }
    absl::StatusOr<Holidays> parsed = Holidays::Parse(file->text, file->name);
    if (!parsed.ok()) {
      check.Error(node, where, parsed.status().message());
      continue;
    }
    quiet.holidays[place] = std::make_shared<const Holidays>(*std::move(parsed));
  }
}

void ReadQuietHours(Validator& check, const toml::table& root, const PolicyFileReader& read_file,
                    Policy& policy) {
  QuietHours& quiet = policy.quiet_hours;
  quiet.default_clock = *LocalClock::ForZone("UTC");
  quiet.is_weekend[static_cast<int>(absl::Weekday::saturday)] = true;
  quiet.is_weekend[static_cast<int>(absl::Weekday::sunday)] = true;
  const toml::table* table = check.Table(root, "quiet_hours", "");
  if (table == nullptr) return;
  policy.quiet_hours_enabled = true;
  check.CheckKeys(
      *table, "quiet_hours",
      {"weekdays", "weekends", "weekend_days", "channels", "default_time_zone", "holidays"});
  ReadHolidays(check, *table, read_file, quiet);
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
  for (Channel channel : kAllChannels) quiet.channels.Add(channel);
  ReadChannelList(check, *table, "channels", "quiet_hours", &quiet.channels);
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

}  // namespace tact
