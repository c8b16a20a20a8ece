#include "policy/policy_meaning.h"

#include <algorithm>

#include "absl/container/btree_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "core/day.h"
#include "core/minutes.h"

namespace tact {
namespace {

// Statements by subject: sorted, and a repeated subject keeps its last
// meaning (a policy cannot repeat a rule id).
using Statements = absl::btree_map<std::string, std::string>;

std::string Kinds(const KindSet& kinds) {
  std::vector<absl::string_view> names;
  for (Kind kind : kAllKinds) {
    if (kinds.Contains(kind)) names.push_back(KindName(kind));
  }
  return names.empty() ? "no kind" : absl::StrJoin(names, ", ");
}

std::string Channels(const ChannelSet& channels) {
  std::vector<absl::string_view> names;
  for (Channel channel : kAllChannels) {
    if (channels.Contains(channel)) names.push_back(ChannelName(channel));
  }
  return names.empty() ? "no channel" : absl::StrJoin(names, ", ");
}

std::string ScopeWords(const Scope& scope) {
  switch (scope.type) {
    case Scope::Type::kChannel:
      return absl::StrCat("on ", ChannelName(scope.channel));
    case Scope::Type::kKind:
      return absl::StrCat("of ", KindName(scope.kind), " touches");
    case Scope::Type::kAll:
      break;
  }
  return "across all channels";
}

std::string Clock(int minute) { return absl::StrFormat("%02d:%02d", minute / 60, minute % 60); }

std::string Window(const DayWindow& window) {
  if (window.IsNone()) return "none";
  if (window.IsAllDay()) return "all day";
  return absl::StrCat(Clock(window.start_minute), "-", Clock(window.end_minute));
}

std::string Percent(double share) { return absl::StrFormat("%.4g %%", share * 100); }

void DescribeKinds(const Policy& policy, Statements& out) {
  for (Kind kind : kAllKinds) {
    const KindRules& rules = policy.RulesFor(kind);
    std::vector<std::string> parts;
    parts.push_back(rules.budgets ? "counts for budgets, gaps and tiers" : "outside budgets");
    parts.push_back(rules.quiet_hours ? "keeps quiet hours" : "ignores quiet hours");
    parts.push_back(rules.followups ? "follow-up rules apply" : "no follow-up rules");
    if (rules.requires_icp) parts.push_back("needs an ICP fit");
    parts.push_back(rules.consent == ConsentMode::kStrict ? "consent: opt-in where required"
                                                          : "consent: only opt-outs stop it");
    parts.push_back(rules.max_delay == absl::InfiniteDuration()
                        ? "may wait any time"
                        : absl::StrCat("waits at most ", FormatSpan(rules.max_delay)));
    parts.push_back(rules.when_unavailable == WhenUnavailable::kDefer
                        ? "deferred when state is unreachable"
                        : "retried when state is unreachable");
    out[absl::StrCat("kinds.", KindName(kind))] = absl::StrJoin(parts, "; ");
  }
}

void DescribeLimits(const Policy& policy, Statements& out) {
  for (const Budget& budget : policy.budgets) {
    out[budget.rule_id] = absl::StrCat("at most ", budget.max, " touches ",
                                       ScopeWords(budget.scope), " in ", FormatSpan(budget.window));
  }
  for (const Gap& gap : policy.gaps) {
    out[gap.rule_id] = absl::StrCat("touches ", ScopeWords(gap.scope), " at least ",
                                    FormatSpan(gap.min), " apart");
  }
  for (const Tier& tier : policy.tiers) {
    out[absl::StrCat("tiers.", tier.name)] =
        absl::StrCat(tier.name, " touches may use ", Percent(tier.share), " of every budget");
  }
  if (policy.sender.enabled) {
    out[policy.sender.rule_id] =
        absl::StrCat("at most ", policy.sender.max, " touches from one sender to a person in ",
                     FormatSpan(policy.sender.window));
  }
  const Followups& followups = policy.followups;
  if (followups.max_unanswered > 0) {
    out["followup.unanswered"] =
        absl::StrCat("a thread ends after ", followups.max_unanswered,
                     " unanswered touches; threads are remembered ", FormatSpan(followups.memory));
  }
  if (followups.min_gap > absl::ZeroDuration()) {
    out["followup.gap"] =
        absl::StrCat("steps of a thread at least ", FormatSpan(followups.min_gap), " apart");
  }
}

void DescribeAudience(const Policy& policy, Statements& out) {
  if (policy.quiet_hours_enabled) {
    const QuietHours& quiet = policy.quiet_hours;
    std::vector<std::string> weekend_days;
    for (int day = 0; day < 7; ++day) {
      static constexpr const char* kDays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                              "friday", "saturday", "sunday"};
      if (quiet.is_weekend[day]) weekend_days.emplace_back(kDays[day]);
    }
    out["quiet_hours"] = absl::StrCat(
        "quiet ", Window(quiet.weekdays), " on weekdays and ", Window(quiet.weekends),
        " on weekends (", absl::StrJoin(weekend_days, ", "), "), on ", Channels(quiet.channels),
        ", in ", quiet.default_clock ? quiet.default_clock->name() : "UTC",
        " for people with no zone");
    for (const auto& [place, holidays] : quiet.holidays) {
      out[absl::StrCat("quiet_hours.holidays.", place)] = absl::StrCat(
          "quiet all day on ", holidays->size(), " public holiday days in ", place, " (",
          FormatDay(holidays->first_day()), " to ", FormatDay(holidays->last_day()), ")");
    }
  }
  absl::btree_map<std::string, std::vector<std::string>> opt_in;
  for (const OptInRequirement& requirement : policy.opt_in) {
    auto& countries = opt_in[absl::StrCat("consent.", ChannelName(requirement.channel))];
    if (requirement.countries.empty()) countries.push_back("everywhere");
    countries.insert(countries.end(), requirement.countries.begin(), requirement.countries.end());
  }
  for (auto& [subject, countries] : opt_in) {
    std::sort(countries.begin(), countries.end());
    out[subject] = absl::StrCat("opt-in needed: ", absl::StrJoin(countries, ", "));
  }
  if (!policy.icp.rules.empty()) {
    out["icp.fit"] =
        absl::StrFormat("a cold touch needs an ICP fit of at least %g", policy.icp.threshold);
    for (const IcpRule& rule : policy.icp.rules) {
      std::vector<std::string> values = rule.in;
      std::sort(values.begin(), values.end());
      out[absl::StrCat("icp.", rule.attribute)] =
          rule.is_between
              ? absl::StrFormat("between %g and %g weighs %g", rule.low, rule.high, rule.weight)
              : absl::StrFormat("in [%s] weighs %g", absl::StrJoin(values, ", "), rule.weight);
    }
  }
  if (!policy.health_hold.Empty()) {
    out["health"] = absl::StrCat(
        "held while the account has an open escalation or missed "
        "commitment: ",
        Kinds(policy.health_hold));
  }
  out["check.unknown_person"] = policy.check_suppresses_unknown
                                    ? "/v1/check suppresses a person tact does not know"
                                    : "/v1/check decides a person tact does not know";
}

void DescribeEngagement(const Policy& policy, Statements& out) {
  const Engagement& engagement = policy.engagement;
  if (engagement.dormant_after_ignored > 0) {
    out["engagement.dormant"] = absl::StrCat(
        "after ", engagement.dormant_after_ignored, " ignored touches (engagement counted ",
        FormatSpan(engagement.attribution_window), " after each), at most ", engagement.dormant_max,
        " in ", FormatSpan(engagement.dormant_window), " for ", Kinds(engagement.applies_to),
        "; machine opens ", engagement.count_machine_opens ? "counted" : "ignored");
  }
  const ComplaintGuard& complaints = policy.complaints;
  if (complaints.enabled()) {
    out["reputation.complaints"] =
        absl::StrCat("throttled above ", Percent(complaints.rate_max), " complaints in ",
                     FormatSpan(complaints.window), " (judged from ", complaints.min_sent,
                     " sends) for ", Kinds(complaints.applies_to));
  }
  const Relevance& relevance = policy.relevance;
  if (relevance.language_required) {
    out["relevance.language"] =
        absl::StrCat("in a language the person reads, for ", Kinds(relevance.language_applies_to));
  }
  if (relevance.max_event_distance_km || relevance.event_region != RegionLevel::kWorld) {
    out["relevance.region"] =
        absl::StrCat("events ",
                     relevance.max_event_distance_km
                         ? absl::StrFormat("within %g km", *relevance.max_event_distance_km)
                         : std::string("at any distance"),
                     " and in the person's ", RegionLevelName(relevance.event_region), ", for ",
                     Kinds(relevance.region_applies_to));
  }
}

void DescribeContent(const Policy& policy, Statements& out) {
  const ContentRules& content = policy.content;
  out["content.analysis"] = absl::StrCat(
      "texts at most ", content.near_distance, " bits apart are the same; a detected language ",
      content.detection_overrides_percent, " % sure overrides the declared one; self-focus note ",
      content.self_focus_note ? "on" : "off");
  if (content.repeat) {
    out["content.repeat"] =
        absl::StrCat("no same text twice in ", FormatSpan(content.repeat_window), " for ",
                     Kinds(content.repeat_applies_to));
  }
  if (content.bump) {
    out["content.bump"] =
        absl::StrCat("no \"just bumping this\" text of at most ", content.bump_max_words,
                     " words, for ", Kinds(content.bump_applies_to));
  }
  if (content.mass_max_recipients > 0) {
    out["content.mass_template"] =
        absl::StrCat("one text to at most ", content.mass_max_recipients, " people in ",
                     FormatSpan(content.mass_window), ", for ", Kinds(content.mass_applies_to));
  }
  const HypothesisRule& hypothesis = policy.hypothesis;
  if (hypothesis.enabled) {
    out["brief.hypothesis"] = absl::StrFormat(
        "%s touches need the sender's own hypothesis: at most %s old, at least %d words, at "
        "most %g %% of it from the brief",
        Kinds(hypothesis.applies_to), FormatSpan(hypothesis.max_age), hypothesis.min_words,
        hypothesis.max_brief_share * 100);
  }
}

void DescribePreferences(const Policy& policy, Statements& out) {
  const PreferencePolicy& preferences = policy.preferences;
  if (preferences.enabled) {
    std::vector<std::string> topics = preferences.topics;
    std::sort(topics.begin(), topics.end());
    out["preference.topics"] = absl::StrCat("topics: ", absl::StrJoin(topics, ", "),
                                            "; exempt: ", Kinds(preferences.exempt));
    for (const FrequencyChoice& choice : preferences.frequencies) {
      out[absl::StrCat("preference.frequency.", choice.id)] =
          choice.only_kinds
              ? absl::StrCat("only ", Kinds(choice.only))
              : absl::StrCat("at most ", choice.max, " in ", FormatSpan(choice.window));
    }
    out["preference.pause"] = absl::StrCat("a pause of at most ", FormatSpan(preferences.max_pause),
                                           " suppresses ", Kinds(preferences.pause_suppress),
                                           " and defers ", Kinds(preferences.pause_defer));
    for (const PreferencePolicy::Label& label : preferences.labels) {
      out[absl::StrCat("preference.label.", label.id, ".", label.language)] =
          absl::StrCat("\"", label.text, "\"");
    }
  }
  const ControlGroup& control = policy.control;
  if (control.enabled) {
    out["control.holdout"] =
        absl::StrCat(Percent(control.holdout), " of people get no ", Kinds(control.kinds),
                     " touches (salt \"", control.salt, "\")");
    for (const auto& [team, share] : control.teams) {
      out[absl::StrCat("control.teams.", team)] =
          absl::StrCat(Percent(share), " of people get none of them from ", team);
    }
  }
  const SendTimePolicy& send_time = policy.send_time;
  if (send_time.enabled) {
    out["send_time"] =
        absl::StrCat("best_at within ", FormatSpan(send_time.horizon), " for ",
                     Kinds(send_time.applies_to), " on ", Channels(send_time.channels));
  }
}

Statements Describe(const Policy& policy) {
  Statements out;
  DescribeKinds(policy, out);
  DescribeLimits(policy, out);
  DescribeAudience(policy, out);
  DescribeEngagement(policy, out);
  DescribeContent(policy, out);
  DescribePreferences(policy, out);
  return out;
}

}  // namespace

std::vector<PolicyStatement> DescribePolicy(const Policy& policy) {
  std::vector<PolicyStatement> statements;
  for (auto& [subject, meaning] : Describe(policy)) statements.push_back({subject, meaning});
  return statements;
}

std::vector<PolicyChange> DiffPolicies(const Policy& before, const Policy& after) {
  const Statements old_statements = Describe(before);
  const Statements new_statements = Describe(after);
  std::vector<PolicyChange> changes;
  for (const auto& [subject, meaning] : old_statements) {
    const auto found = new_statements.find(subject);
    if (found == new_statements.end()) {
      changes.push_back({PolicyChange::Type::kRemoved, subject, meaning, ""});
    } else if (found->second != meaning) {
      changes.push_back({PolicyChange::Type::kChanged, subject, meaning, found->second});
    }
  }
  for (const auto& [subject, meaning] : new_statements) {
    if (!old_statements.contains(subject)) {
      changes.push_back({PolicyChange::Type::kAdded, subject, "", meaning});
    }
  }
  std::sort(changes.begin(), changes.end(),
            [](const PolicyChange& left, const PolicyChange& right) {
              return left.subject < right.subject;
            });
  return changes;
}

std::string ChangeLine(const PolicyChange& change) {
  switch (change.type) {
    case PolicyChange::Type::kAdded:
      return absl::StrCat("+ ", change.subject, ": ", change.after);
    case PolicyChange::Type::kRemoved:
      return absl::StrCat("- ", change.subject, ": ", change.before);
    case PolicyChange::Type::kChanged:
      break;
  }
  return absl::StrCat("~ ", change.subject, ": ", change.before, " -> ", change.after);
}

}  // namespace tact
