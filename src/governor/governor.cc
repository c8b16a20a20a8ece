#include "governor/governor.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "core/holdout.h"
#include "engine/decide.h"
#include "events/consent_change.h"
#include "events/preference_link.h"
#include "events/unsubscribe_token.h"
#include "rules/quiet_hours.h"
#include "rules/window.h"

namespace tact {
namespace {

Day Today(absl::Time now) { return DayOfMinute(ToMinute(now)); }

}  // namespace

Governor::Governor(std::shared_ptr<const Policy> policy, StatePorts state,
                   GovernorObserver& observer, std::function<absl::Time()> clock,
                   UnsubscribeLinks links)
    : policy_(std::move(policy)),
      state_(state),
      observer_(observer),
      clock_(std::move(clock)),
      links_(std::move(links)),
      // The built-in playbook lives as long as the process: not owned.
      playbook_(std::shared_ptr<const Playbook>(), &DefaultPlaybook()) {
  const Policy& current = *policy_.load();
  state_.persistence.SetRetention(current.retention_minutes, LedgerRetentionMinutes(current));
}

void Governor::SaveMirror() {
  state_.mirror.Flush(Today(clock_()));
  reading_cohorts_.Publish();
}

absl::StatusOr<Subject> Governor::Find(const std::string& person_id) const {
  // One person's profile and account, found one by one: what FindAll does
  // for one id, without its lists.
  absl::StatusOr<std::shared_ptr<const Person>> person = state_.profiles.FindPerson(person_id);
  if (!person.ok()) return person.status();
  Subject subject;
  subject.known = *std::move(person);
  if (!subject.known) subject.SetUnknown(person_id);
  if (const std::string& account_id = subject.person().account_id; !account_id.empty()) {
    absl::StatusOr<std::shared_ptr<const Account>> account =
        state_.profiles.FindAccount(account_id);
    if (!account.ok()) return account.status();
    subject.account = *std::move(account);
  }
  return subject;
}

absl::StatusOr<std::vector<Subject>> Governor::FindAll(
    absl::Span<const std::string> person_ids) const {
  absl::StatusOr<std::vector<std::shared_ptr<const Person>>> people =
      state_.profiles.FindPeople(person_ids);
  if (!people.ok()) return people.status();
  std::vector<Subject> subjects(person_ids.size());
  std::vector<std::string> account_ids;
  absl::flat_hash_map<std::string, size_t> account_index;  // into account_ids
  for (size_t i = 0; i < subjects.size(); ++i) {
    subjects[i].known = std::move((*people)[i]);
    if (!subjects[i].known) subjects[i].SetUnknown(person_ids[i]);
    const std::string& account_id = subjects[i].person().account_id;
    if (!account_id.empty() && account_index.try_emplace(account_id, account_ids.size()).second) {
      account_ids.push_back(account_id);
    }
  }
  if (account_ids.empty()) return subjects;
  absl::StatusOr<std::vector<std::shared_ptr<const Account>>> accounts =
      state_.profiles.FindAccounts(account_ids);
  if (!accounts.ok()) return accounts.status();
  for (Subject& subject : subjects) {
    const std::string& account_id = subject.person().account_id;
    if (!account_id.empty()) subject.account = (*accounts)[account_index.at(account_id)];
  }
  return subjects;
}

absl::StatusOr<WhyView> Governor::Why(const std::string& person_id, Kind kind,
                                      absl::Time at) const {
  WhyView view;
  view.policy = policy_.load();
  const Policy& policy = *view.policy;
  view.person_id = person_id;
  auto subject = Find(person_id);
  if (!subject.ok()) return subject.status();
  view.subject = *std::move(subject);
  view.at = at;
  view.kind = kind;
  auto history = state_.histories.Get(person_id);
  if (!history.ok()) return history.status();
  view.history = history->value_or(History{});
  view.history.PruneBefore(RetentionHorizon(policy, at));
  view.sources = SourcesOf(view.history);
  const Minute minute = ToMinute(at);
  // Budgets as they stand at `at`: touches in each window ending there.
  for (const Budget& budget : policy.budgets) {
    std::vector<Minute> minutes;
    for (const TouchRecord& record : view.history.touches()) {
      if (budget.scope.Counts(record)) minutes.push_back(record.minute);
    }
    view.budgets.push_back({&budget, CountInWindow(minutes, minute, budget.window_minutes)});
  }
  // What a touch of `kind` on each channel would get, asked at `at`.
  for (Channel channel : kAllChannels) {
    Touch touch;
    touch.person_id = person_id;
    touch.channel = channel;
    touch.kind = kind;
    touch.at = at;
    touch.dry_run = true;
    Decision decision = tact::Decide(policy, view.subject.person(), view.subject.account.get(),
                                     view.history, touch, at);
    view.channels.push_back({std::move(touch), std::move(decision)});
  }
  return view;
}

ReputationView Governor::Reputation() {
  ReputationView view;
  view.policy = policy_.load();
  view.rows = state_.reputation.Report(view.policy->complaints, ToMinute(clock_()));
  return view;
}

std::string Governor::UnsubscribeUrl(const Touch& touch) const {
  if (touch.channel != Channel::kEmail || touch.kind == Kind::kTransactional || links_.key.empty())
    return "";
  const auto token = MintUnsubscribeToken(
      links_.key, UnsubscribeTarget{touch.person_id, touch.channel, touch.list});
  if (!token) return "";
  return absl::StrCat(links_.public_url, "/v1/unsubscribe/", *token);
}

std::string Governor::PreferencesUrl(absl::string_view person_id) const {
  const auto token = MintPreferenceToken(links_.key, person_id, Now());
  if (!token) return "";
  return absl::StrCat(links_.public_url, "/v1/preferences/", *token);
}

absl::StatusOr<DecideResult> Governor::Decide(const Policy& policy, const Touch& touch,
                                              absl::Time now, const ContentFacts* analysed) {
  // Never seen (DecideTogether sets every result); one Status shared, not
  // one made per decision.
  static const absl::Status* const kNotDecided =
      new absl::Status(absl::InternalError("not decided"));
  absl::StatusOr<DecideResult> result = *kNotDecided;
  DecideTogether(policy, absl::MakeConstSpan(&touch, 1), now, absl::MakeSpan(&result, 1),
                 [analysed](const Touch&) { return analysed; });
  return result;
}

DecideResult Governor::Conclude(const Policy& policy, const Touch& touch, absl::Time now,
                                absl::string_view domain, Subject subject, Decision decision,
                                uint64_t touch_id, const Noticed& noticed) {
  DecideResult result{
      .decision = std::move(decision), .subject = std::move(subject), .touch_id = touch_id};
  // Commit.
  if (result.decision.record) Commit(touch, domain, result.decision);
  // Observe.
  Observe(policy, touch, now, result.decision, noticed);
  if (result.decision.outcome == Outcome::kSend) {
    result.unsubscribe_url = UnsubscribeUrl(touch);
    if (!result.unsubscribe_url.empty() && policy.preferences.enabled) {
      result.preferences_url = PreferencesUrl(touch.person_id);
    }
  }
  return result;
}

Signals Governor::LoadSignals(const Policy& policy, const Touch& touch, absl::string_view domain,
                              absl::Time now) {
  Signals signals;
  if (policy.complaints.enabled() && policy.complaints.applies_to.Contains(touch.kind) &&
      (!touch.campaign.empty() || !domain.empty())) {
    signals = state_.reputation.SignalsFor(touch.campaign, domain, policy.complaints,
                                           ToMinute(touch.at.value_or(now)));
  }
  return signals;
}

void Governor::Commit(const Touch& touch, absl::string_view domain, const Decision& decision) {
  state_.reputation.CountSend(touch.campaign, domain, decision.record->minute);
}

absl::StatusOr<DecideResult> Governor::Unavailable(absl::string_view stage, const Policy& policy,
                                                   const Touch& touch, absl::Time now,
                                                   Subject subject, absl::Status error) {
  observer_.OnStateFailure(stage, error);
  if (policy.RulesFor(touch.kind).when_unavailable == WhenUnavailable::kRetry) return error;
  if (!subject.known) subject.SetUnknown(touch.person_id);
  DecideResult result{.subject = std::move(subject)};
  Decision& decision = result.decision;
  decision.outcome = Outcome::kDefer;
  decision.not_before = now + kUnavailableRetryAfter;
  Reason reason{ReasonCode::kStateUnavailable, "state.unavailable", -1, ToMinute(now)};
  reason.not_before = decision.not_before;
  decision.reasons.push_back(reason);
  observer_.OnDecision(decision);
  return result;
}

void Governor::Observe(const Policy& policy, const Touch& touch, absl::Time now,
                       const Decision& decision, const Noticed& noticed) {
  observer_.OnDecision(decision);
  if (touch.dry_run) return;
  const Minute minute = ToMinute(touch.at.value_or(now));
  const Day day = DayOfMinute(minute);
  if (decision.record) team_names_.Note(decision.record->team, touch.team);
  MirrorCrowd crowd;
  std::vector<std::string> crowders;
  if (noticed.crowd != nullptr) {
    const Crowd& seen = *noticed.crowd;
    crowd = {seen.week_all, seen.week_team, seen.period_all, seen.period_team, {}};
    for (TeamKey team : seen.crowded_by) crowders.push_back(team_names_.NameOf(team));
    for (const std::string& team : crowders) crowd.crowded_by.push_back(team);
  }
  state_.mirror.CountDecision(MirrorSource::Of(touch), day, decision, crowd);
  if (decision.outcome == Outcome::kSend && touch.kind == Kind::kCold) {
    state_.mirror.CountOutcome(MirrorSource::Of(touch), day, Measure::kColdSent);
    if (noticed.backed) {
      state_.mirror.CountOutcome(MirrorSource::Of(touch), day, Measure::kColdBacked);
    }
  }
  if (noticed.became_dormant) state_.mirror.CountBecameDormant(day);
  if (decision.outcome != Outcome::kSend && state_.held_back.Keeps())
    state_.held_back.Add(HeldBackOf(policy, touch, minute, decision));
}

HeldBack Governor::HeldBackOf(const Policy& policy, const Touch& touch, Minute minute,
                              const Decision& decision) const {
  HeldBack held{.person_id = touch.person_id,
                .minute = minute,
                .outcome = decision.outcome,
                .rule = decision.reasons.empty() ? "" : std::string(decision.reasons[0].rule),
                .team = touch.team,
                .campaign = touch.campaign,
                .sender = touch.sender,
                .channel = touch.channel,
                .kind = touch.kind,
                .not_before = decision.outcome == Outcome::kDefer ? decision.not_before
                                                                  : std::optional<absl::Time>(),
                .policy_version = policy.version};
  // The reasons point into the policy: kept when it is the one in force (a
  // decision of the service's), so that they can be explained when read.
  std::shared_ptr<const Policy> in_force = policy_.load();
  if (in_force.get() == &policy) {
    held.policy = std::move(in_force);
    held.reasons = decision.reasons;
    held.touch = ExplainableTouch(touch);
  } else {
    for (const Reason& reason : decision.reasons)
      held.explained.push_back({std::string(reason.rule), ""});
  }
  return held;
}

void Governor::Observe(const Event& event, const std::optional<LedgerEntry>& before, absl::Time now,
                       const Policy& policy) {
  const std::optional<Measure> measure = OutcomeMeasure(event.type);
  if (!measure) return;
  if (event.machine && !policy.engagement.count_machine_opens) return;
  if (before) {
    // Once per touch: a second open (or a STOP after an unsubscribe) adds nothing.
    for (int type = 0; type < kEventTypeCount; ++type) {
      if (before->Has(static_cast<EventType>(type)) &&
          OutcomeMeasure(static_cast<EventType>(type)) == measure)
        return;
    }
    const MirrorSource source{before->team, before->campaign, before->sender,
                              before->tool, before->channel,  before->kind};
    const Day day = DayOfMinute(before->minute);
    state_.mirror.CountOutcome(source, day, *measure);
    CountForControlGroups(policy, event.person_id, *measure, Today(event.at.value_or(now)));
    const bool valued = *measure == Measure::kReplied || *measure == Measure::kMeetings;
    if (before->kind == Kind::kCold && valued) {
      const bool replied = *measure == Measure::kReplied;
      state_.mirror.CountOutcome(source, day,
                                 replied ? Measure::kColdReplied : Measure::kColdMeetings);
      if (BackedWhenSent(*before)) {
        state_.mirror.CountOutcome(source, day,
                                   replied ? Measure::kBackedReplied : Measure::kBackedMeetings);
      }
    }
    return;
  }
  // Not linked to a touch tact knows: counted for no source, on its own day.
  state_.mirror.CountOutcome(MirrorSource{"", "", "", "", event.channel.value_or(Channel::kEmail)},
                             Today(event.at.value_or(now)), *measure);
  CountForControlGroups(policy, event.person_id, *measure, Today(event.at.value_or(now)));
}

void Governor::CountForControlGroups(const Policy& policy, absl::string_view person_id,
                                     Measure measure, Day day) {
  const ControlGroup& control = policy.control;
  if (!control.enabled || person_id.empty()) return;
  const int outcome = measure == Measure::kReplied     ? 0
                      : measure == Measure::kMeetings  ? 1
                      : measure == Measure::kConverted ? 2
                                                       : -1;
  if (outcome < 0) return;
  const auto count = [&](absl::string_view team, bool held_out) {
    const Measure base = held_out ? Measure::kControlReplied : Measure::kTreatedReplied;
    state_.mirror.CountOutcome(MirrorSource{team, "", "", "", Channel::kEmail}, day,
                               static_cast<Measure>(static_cast<int>(base) + outcome));
  };
  const bool company_held = InHoldout(control.salt, "", person_id, control.holdout);
  if (control.holdout > 0) count("", company_held);
  // A team's comparison is among the people the company-wide group leaves in.
  if (company_held) return;
  for (const auto& [team, share] : control.teams) {
    count(team, InHoldout(control.salt, team, person_id, share));
  }
}

absl::Status Governor::ApplyEngagement(const Event& event, const EventEffect& effect,
                                       const Policy& policy) {
  // Under [send_time], when the person read, in their local time.
  const std::optional<EngagementKind> reading =
      policy.send_time.enabled ? effect.reading : std::nullopt;
  if (!effect.reply && !effect.engaged && !reading) return absl::OkStatus();
  std::shared_ptr<const Person> person;
  Minute local = effect.at;
  if (reading) {
    absl::StatusOr<std::shared_ptr<const Person>> found =
        state_.profiles.FindPerson(event.person_id);
    if (!found.ok()) return found.status();
    person = *std::move(found);
    local = ClockFor(policy, person != nullptr ? *person : Person{}).ToLocal(effect.at);
  }
  absl::Status stored =
      state_.histories.Apply(event.person_id, [&](History& history) -> std::optional<LedgerWrite> {
        if (effect.reply) history.RecordReply(*effect.reply);
        if (effect.engaged) history.RecordEngagement(*effect.engaged);
        if (reading) history.CountReading(*reading, local, DayOfMinute(effect.at));
        return std::nullopt;
      });
  if (!stored.ok()) return stored;
  if (reading && person != nullptr) reading_cohorts_.Count(*person, *reading, HourOfWeek(local));
  return absl::OkStatus();
}

absl::Status Governor::ApplyEffects(const Event& event, const EventEffect& effect,
                                    const Policy& policy, absl::Time now) {
  if (absl::Status engaged = ApplyEngagement(event, effect, policy); !engaged.ok()) {
    return engaged;
  }
  if (effect.ChangesProfile()) {
    absl::Status stored = state_.profiles.UpdatePerson(event.person_id, [&](Person& person) {
      if (!ApplyConsentChange(effect, person)) observer_.OnIgnoredConsentChange();
      if (effect.undeliverable) person.undeliverable.Add(*effect.undeliverable);
    });
    if (!stored.ok()) return stored;
  }
  std::optional<LedgerEntry> before;
  if (const std::optional<uint64_t> touch_id = ParseTouchId(event.touch_id)) {
    auto marked = state_.ledger.MarkOutcome(*touch_id, event.type);
    if (!marked.ok()) return marked.status();
    before = *std::move(marked);
    if (before && event.type == EventType::kComplained && !before->Has(EventType::kComplained)) {
      state_.reputation.CountComplaint(before->campaign, before->domain, before->minute);
    }
  }
  Observe(event, before, now, policy);
  return absl::OkStatus();
}

absl::StatusOr<AppliedEvents> Governor::ApplyEvents(std::vector<Event>& events, absl::Time now) {
  const std::shared_ptr<const Policy> policy = policy_.load();
  AppliedEvents applied;
  for (Event& event : events) {
    if (event.person_id.empty()) {
      const absl::StatusOr<bool> linked = Link(event);
      if (!linked.ok()) {
        observer_.OnStateFailure("event", linked.status());
        return linked.status();
      }
      if (!*linked) {
        ++applied.unmatched;
        continue;
      }
    }
    const EventEffect effect = EffectOf(event, now, policy->engagement.count_machine_opens);
    const absl::StatusOr<bool> applies = state_.event_ids.ApplyOnce(
        event, now, [&] { return ApplyEffects(event, effect, *policy, now); });
    if (!applies.ok()) {
      observer_.OnStateFailure("event", applies.status());
      return applies.status();
    }
    if (!*applies) {
      ++applied.duplicates;
      continue;
    }
    // Opt-outs, complaints, bounces and consent changes are durable first.
    if (effect.ChangesProfile() || event.type == EventType::kComplained) {
      applied.urgency = Urgency::kAlways;
    }
    observer_.OnEvent(event.type);
    ++applied.accepted;
  }
  return applied;
}

absl::StatusOr<bool> Governor::FirstUse(const std::string& key, absl::Time now) {
  Event marker;
  marker.id = key;
  return state_.event_ids.ApplyOnce(marker, now, [] { return absl::OkStatus(); });
}

absl::StatusOr<bool> Governor::Link(Event& event) const {
  if (auto id = ParseTouchId(event.touch_id)) {
    auto entry = state_.ledger.Find(*id);
    if (!entry.ok()) return entry.status();
    if (*entry) {
      event.person_id = (*entry)->person_id;
      if (!event.channel) event.channel = (*entry)->channel;
      return true;
    }
  }
  if (!event.address.empty()) {
    auto person = state_.profiles.PersonWithAddress(event.address);
    if (!person.ok()) return person.status();
    event.person_id = *std::move(person);
  }
  return !event.person_id.empty();
}

std::optional<DurableAfter> Governor::Acknowledgement(Urgency urgency) const {
  if (!state_.persistence.durable()) return std::nullopt;
  return DurableAfter{state_.persistence.Mark(), urgency};
}

void Governor::WhenDurable(const std::optional<DurableAfter>& after,
                           std::function<void(absl::Status)> send) {
  if (!after) return send(absl::OkStatus());
  state_.persistence.WhenDurable(after->mark, after->urgency, std::move(send));
}

absl::Status Governor::StorageHealth() const { return state_.persistence.Health(); }

absl::Status Governor::Backup(const std::string& to) { return state_.persistence.Backup(to); }

}  // namespace tact
