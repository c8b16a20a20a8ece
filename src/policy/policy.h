// The validated, immutable policy every decision reads. Built only by
// LoadPolicy (policy_loader.h), so the core never sees an unvalidated policy.
// Every key is documented in docs/policy.md.
//
// Thread safety: immutable after load; share it freely between threads.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/btree_map.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "content/analysis.h"
#include "content/lexicon.h"
#include "content/region.h"
#include "core/channel.h"
#include "core/history.h"
#include "core/kind.h"
#include "core/local_clock.h"
#include "core/minutes.h"
#include "core/signals.h"
#include "policy/holidays.h"

namespace tact {

// What a budget or gap counts: every channel, one channel, or one kind.
struct Scope {
  enum class Type : uint8_t { kAll, kChannel, kKind };
  Type type = Type::kAll;
  Channel channel = Channel::kEmail;
  Kind kind = Kind::kPromotional;

  // "all", a channel name ("sms") or a kind name ("cold"); static storage.
  absl::string_view Name() const;
  // Whether a recorded touch is counted by this scope (exempt kinds never are).
  bool Counts(const TouchRecord& record) const {
    return record.counts_for_budgets && Covers(record.channel, record.kind);
  }
  // Whether this scope limits a touch of this channel and kind.
  bool Covers(Channel touch_channel, Kind touch_kind) const {
    switch (type) {
      case Type::kChannel:
        return touch_channel == channel;
      case Type::kKind:
        return touch_kind == kind;
      case Type::kAll:
        break;
    }
    return true;
  }
  bool operator==(const Scope& other) const {
    return type == other.type && (type != Type::kChannel || channel == other.channel) &&
           (type != Type::kKind || kind == other.kind);
  }
};

struct Budget {
  Scope scope;
  absl::Duration window;
  int max = 0;
  std::string rule_id;  // "budget.<scope>.<window>", e.g. "budget.all.7d"
  Minute window_minutes = 0;
  int scope_index = 0;  // into Policy::scopes
};

struct Gap {
  Scope scope;
  absl::Duration min;
  std::string rule_id;  // "gap.<scope>", e.g. "gap.all"
  Minute min_minutes = 0;
  int scope_index = 0;  // into Policy::scopes
};

struct SenderLimit {
  bool enabled = false;
  absl::Duration window;
  int max = 0;
  std::string rule_id;  // "sender.<window>"
  Minute window_minutes = 0;
};

struct Followups {
  int max_unanswered = 0;  // 0: no limit
  absl::Duration min_gap;  // zero: no gap
  absl::Duration memory;   // how long a thread's touches are remembered
  Minute min_gap_minutes = 0;
  Minute memory_minutes = 0;
};

// Quiet minutes of one local day: [start, end) in minutes after midnight; an
// overnight window such as 20:00-09:00 is quiet before 09:00 and from 20:00.
struct DayWindow {
  int start_minute = 0;
  int end_minute = 0;  // start == end means "none"; 0-1440 means all day
  bool IsQuiet(int minute_of_day) const;
  bool IsNone() const { return start_minute == end_minute; }
  bool IsAllDay() const { return start_minute == 0 && end_minute == 24 * 60; }
};

struct QuietHours {
  DayWindow weekdays;
  DayWindow weekends;
  std::array<bool, 7> is_weekend{};  // indexed by absl::Weekday (monday = 0)
  ChannelSet channels;
  std::shared_ptr<const LocalClock> default_clock;  // for people with no zone of their own
  // Public holidays, quiet all day, by country ("DE") or region ("DE-BY",
  // ISO 3166-2): a person's country's and region's both apply.
  absl::btree_map<std::string, std::shared_ptr<const Holidays>> holidays;
};

// How a kind answers to consent: "strict" honours opt-outs and the opt-in
// requirements; "opt_out_only" honours explicit opt-outs only.
enum class ConsentMode : uint8_t { kStrict, kOptOutOnly };

// What a kind's touches are answered when tact cannot reach its state in
// time (a Redis Cluster unreachable or slow): deferred a little
// (`state.unavailable`), or the caller is told to retry (HTTP 503 with
// Retry-After). Either way nothing is sent that was not recorded.
enum class WhenUnavailable : uint8_t { kDefer, kRetry };

struct KindRules {
  bool budgets = true;  // budgets, gaps, sender limit and tiers
  bool quiet_hours = true;
  bool followups = true;
  bool requires_icp = false;
  ConsentMode consent = ConsentMode::kStrict;
  // A touch that would wait longer than this after it was first asked is
  // stale: suppressed (`max_delay`) rather than deferred. No limit unless
  // the policy sets one (the default policy does).
  absl::Duration max_delay = absl::InfiniteDuration();
  // `unavailable`: by default promotional and cold touches are deferred, the
  // rest retried (policy_loader.cc sets the default per kind).
  WhenUnavailable when_unavailable = WhenUnavailable::kRetry;
};

// How long a touch deferred because the state was unavailable waits, and
// the Retry-After of the 503 that asks a caller to retry.
inline constexpr absl::Duration kUnavailableRetryAfter = absl::Seconds(30);

struct OptInRequirement {
  Channel channel = Channel::kEmail;
  std::vector<std::string> countries;  // empty: everywhere
};

struct Tier {
  std::string name;
  double share = 1.0;  // (0, 1]: the share of every budget this tier may use
};

struct IcpRule {
  std::string attribute;        // "industry", "employees", "country" or an account attribute
  std::vector<std::string> in;  // set for `in`
  bool is_between = false;
  double low = 0, high = 0;  // set for `between`, inclusive
  double weight = 0;
};

struct Icp {
  double threshold = 0;
  std::vector<IcpRule> rules;
};

// engagement.*: people who stop engaging hear less. A touch on a channel
// that reports engagement (History::IsIgnorable) is ignored when no counted
// engagement followed it within the attribution window.
struct Engagement {
  int dormant_after_ignored = 0;  // 0: the model is off
  absl::Duration attribution_window = absl::Hours(24 * 7);
  absl::Duration dormant_window = absl::Hours(24 * 30);  // the dormant budget
  int dormant_max = 1;
  KindSet applies_to;                // kinds the dormant budget limits
  bool count_machine_opens = false;  // Apple Mail Privacy Protection and scanners
  Minute attribution_minutes = 0;
  Minute dormant_window_minutes = 0;
};

// reputation.complaints: promotional and cold touches of a campaign (or from
// a sending domain) whose complaint rate over the window reached the limit
// are deferred until the rate falls below it.
struct ComplaintGuard {
  double rate_max = 0.0008;  // Gmail asks bulk senders to stay below 0.10 %
  absl::Duration window = absl::Hours(24 * 7);
  int64_t min_sent = 1000;  // below this many sends in the window a rate is not judged
  KindSet applies_to;
  bool enabled() const { return rate_max > 0; }
};

// Whether `rate` is at or above the guard's limit and judged (enough sends).
bool OverComplaintLimit(const ComplaintGuard& guard, const ComplaintRate& rate);

// relevance.*: a touch in a language the person does not read, or an
// invitation to an event far from them, is suppressed.
struct Relevance {
  bool language_required = false;  // relevance.language
  KindSet language_applies_to;
  std::optional<double> max_event_distance_km;     // relevance.region, by distance
  RegionLevel event_region = RegionLevel::kWorld;  // relevance.region, by M.49 region
  KindSet region_applies_to;
};

// The longest content.mass_template window: the template counter keeps a
// count per day for this many days.
inline constexpr int kTemplateWindowDaysMax = 60;

// content.*: gates on the touch's text (subject and new body text).
struct ContentRules {
  std::shared_ptr<const Lexicon> lexicon;  // never null after load
  // [relevance] detection_overrides_at: when CLD2 reliably reads the text as
  // another language than the touch declares, in at least this percent of
  // its letters, the detected language is the touch's language (the
  // declaration is taken for a mistake). 0: the declaration always decides.
  int detection_overrides_percent = 90;
  int near_distance = 3;  // fingerprints at most this many bits apart are the same text
  // content.repeat: the same text to the same person within the window.
  bool repeat = false;
  absl::Duration repeat_window = absl::Hours(24 * 30);
  KindSet repeat_applies_to;
  // content.bump: a follow-up that adds nothing over the thread's last step.
  bool bump = false;
  int bump_max_words = 60;  // a bump phrase counts only in a text this short
  KindSet bump_applies_to;
  // content.mass_template: the same text to more than max_recipients people.
  int mass_max_recipients = 0;  // 0: off
  absl::Duration mass_window = absl::Hours(24 * 30);
  KindSet mass_applies_to;
  bool self_focus_note = true;  // content.self_focus
  Minute repeat_window_minutes = 0;
  Minute mass_window_minutes = 0;

  // What content analysis (content/analysis.h) reads of these rules.
  AnalysisOptions analysis() const {
    return {lexicon.get(), detection_overrides_percent, bump_max_words};
  }
};

// brief.hypothesis: a touch of the kinds it applies to (cold, by default)
// goes only from a sender with a current hypothesis for the person's account
// (ports/hypotheses.h) in their own words: written within max_age, at least
// min_words long, and not a near-copy of the account's brief (more than
// max_brief_share of its word trigrams from it, content/originality.h), of a
// hypothesis for another account or of another seller's (fingerprints at
// most content.near_distance bits apart).
struct HypothesisRule {
  bool enabled = false;
  KindSet applies_to;
  absl::Duration max_age = absl::Hours(24 * 90);
  int min_words = 25;
  double max_brief_share = 0.5;
  Minute max_age_minutes = 0;
};

// [preferences]: what a person may choose on their preference page and what
// each choice does (core/preferences.h; the preference.* rules). Kinds in
// `exempt` (transactional) are never held back by a preference.
struct FrequencyChoice {
  std::string id;     // what the person's record names
  std::string label;  // what the page shows
  // A budget of the person's own: at most `max` touches in `window`...
  int max = 0;
  absl::Duration window = absl::ZeroDuration();
  Minute window_minutes = 0;
  // ...or, when `only` names kinds, nothing but touches of those kinds
  // ("only about my account").
  KindSet only;
  bool only_kinds = false;
};
struct PreferencePolicy {
  bool enabled = false;  // the section is present
  std::vector<std::string> topics;
  std::vector<FrequencyChoice> frequencies;
  KindSet exempt;
  // A pause of at most `max_pause`; touches of kinds in `pause_suppress` are
  // suppressed while it lasts, of kinds in `pause_defer` deferred to its end.
  absl::Duration max_pause = absl::Hours(24 * 7 * 26);
  KindSet pause_suppress;
  KindSet pause_defer;
  // [preferences.labels]: what the preference page calls a topic or
  // frequency choice in each language.
  struct Label {
    std::string id;        // a topic or frequency choice
    std::string language;  // a language tag, as written
    std::string text;
  };
  std::vector<Label> labels;

  const FrequencyChoice* FindFrequency(absl::string_view id) const;
  // What the page shows for the topic or frequency choice `id` to a reader
  // of `language`: its label in that (primary) language, else the frequency
  // choice's own label, else the English one, else the id itself.
  std::string LabelOf(absl::string_view id, absl::string_view language) const;
};

// [send_time]: answers for touches of these kinds on these channels carry
// `best_at`, the moment within `horizon` of the decided one when the person
// is most likely to read (core/send_time.h) that every rule allows.
struct SendTimePolicy {
  bool enabled = false;  // the section is present
  absl::Duration horizon = absl::Hours(24);
  Minute horizon_minutes = 24 * 60;
  KindSet applies_to;   // default: all but transactional
  ChannelSet channels;  // default: email, sms and push
  bool AppliesTo(Kind kind, Channel channel) const {
    return enabled && applies_to.Contains(kind) && channels.Contains(channel);
  }
};

// [control]: people held out of some kinds of touch (control.holdout), so
// that the mirror compares what treated and held-out people do.
struct ControlGroup {
  bool enabled = false;  // the section is present
  double holdout = 0;    // the company-wide share, [0, 0.5]
  // Teams with a group of their own: a person in it gets none of that
  // team's touches of `kinds` (drawn apart from the company-wide group).
  absl::btree_map<std::string, double> teams;
  KindSet kinds;     // default: promotional and cold
  std::string salt;  // a new salt draws new groups
  // The share of `team`'s own group (0 when it has none).
  double TeamShare(absl::string_view team) const {
    const auto found = teams.find(team);
    return found == teams.end() ? 0 : found->second;
  }
};

struct Policy {
  std::string source;  // file name the policy was loaded from
  std::string text;    // the TOML it was loaded from, as written
  // The version it came into force as (ports/policy_versions.h); 0 where
  // no versions are kept (tact plan, tact decide). Decisions carry it.
  int64_t version = 0;
  std::array<KindRules, kKindCount> kinds{};
  std::vector<Budget> budgets;
  std::vector<Gap> gaps;
  std::vector<Tier> tiers;
  SenderLimit sender;
  Followups followups;
  QuietHours quiet_hours;
  bool quiet_hours_enabled = false;
  std::vector<OptInRequirement> opt_in;
  Icp icp;
  KindSet health_hold;
  // [check] unknown_person: a /v1/check about someone tact does not know by
  // the address given is suppressed (check.unknown_person) rather than
  // decided as a new person.
  bool check_suppresses_unknown = false;
  Engagement engagement;
  ComplaintGuard complaints;
  Relevance relevance;
  ContentRules content;
  HypothesisRule hypothesis;
  PreferencePolicy preferences;
  SendTimePolicy send_time;
  ControlGroup control;
  // The longest look-back of any rule: history older than this is pruned.
  absl::Duration retention;
  Minute retention_minutes = 0;
  // The distinct scopes of budgets and gaps; a decision collects each scope's
  // touches once.
  std::vector<Scope> scopes;

  const KindRules& RulesFor(Kind kind) const { return kinds[static_cast<int>(kind)]; }
  // The tier named `name`, or nullptr.
  const Tier* FindTier(absl::string_view name) const;
};

// The oldest minute a history must keep for this policy at `now`; older
// touches can be pruned without changing any decision.
Minute RetentionHorizon(const Policy& policy, absl::Time now);
// Whether content.mass_template counts touches of this kind.
bool CountsTemplates(const Policy& policy, Kind kind);
// The mass-template window in whole days (template counts are kept by day).
int TemplateWindowDays(const Policy& policy);
// How long sent touches stay linkable to events and counted for the
// complaint guard and the template counts: long enough for the reputation
// and mass-template windows and for opens and replies to arrive.
Minute LedgerRetentionMinutes(const Policy& policy);

}  // namespace tact
