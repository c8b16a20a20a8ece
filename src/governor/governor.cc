#include "governor/governor.h"

#include <random>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "core/address.h"
#include "engine/decide.h"
#include "events/consent_change.h"
#include "events/unsubscribe_token.h"
#include "report/mirror_codec.h"
#include "rules/window.h"
#include "store/governor.h"

namespace tact {
namespace {

// How long sent touches stay linkable to events and counted for the
// complaint guard and the template counts: long enough for the reputation
// and mass-template windows and for opens and replies to arrive.
Minute LedgerRetention(const Policy& policy) {
  return std::max({SpanMinutes(policy.complaints.window),
                   SpanMinutes(policy.engagement.attribution_window),
                   policy.content.mass_max_recipients > 0 ? policy.content.mass_window_minutes : 0,
                   Minute{7 * 24 * 60}});
}

Day Today(absl::Time now) { return DayOfMinute(ToMinute(now)); }

}  // namespace

Governor::Governor(std::shared_ptr<const Policy> policy, Store& store, Profiles& profiles,
                   GovernorObserver& observer, GovernorLimits limits,
                   std::function<absl::Time()> clock, Journal* journal, UnsubscribeLinks links)
    : policy_(std::move(policy)),
      store_(store),
      profiles_(profiles),
      observer_(observer),
      clock_(std::move(clock)),
      journal_(journal),
      links_(std::move(links)),
      seen_events_(journal ? 1 : limits.remembered_event_ids),
      touch_id_prefix_(std::random_device{}()) {
  if (journal_) {
    journal_->SetRetention(policy_.load()->retention_minutes);
    journal_->SetLedgerRetention(LedgerRetention(*policy_.load()));
  }
}

absl::Status Governor::Load() {
  const Policy& policy = *policy_.load();
  if (journal_) {
    auto loaded = journal_->LoadTouches(ToMinute(clock_()) - LedgerRetention(policy), ledger_);
    if (!loaded.ok()) return loaded.status();
  }
  // Each person counts once per text, as when the sends were decided.
  absl::flat_hash_set<std::pair<uint64_t, std::string>> template_recipients;
  ledger_.ForEach([&](uint64_t, const LedgerEntry& entry) {
    reputation_.CountSend(entry.campaign, entry.domain, entry.minute);
    if (entry.Has(EventType::kComplained))
      reputation_.CountComplaint(entry.campaign, entry.domain, entry.minute);
    if (entry.fingerprint != 0 && CountsTemplates(policy, entry.kind) &&
        template_recipients.emplace(entry.fingerprint, entry.person_id).second) {
      templates_.Add(entry.fingerprint, entry.minute);
    }
  });
  if (absl::Status mirror = LoadMirror(); !mirror.ok()) return mirror;
  if (journal_) {
    ledger_.SetWriteThrough([journal = journal_](uint64_t id, const LedgerEntry& entry) {
      journal->WriteTouch(id, entry);
    });
  }
  return absl::OkStatus();
}

absl::Status Governor::LoadMirror() {
  if (!journal_) return absl::OkStatus();
  const Day oldest = Today(clock_()) - kMirrorDaysKept;
  return journal_->LoadMirrorDays([&](absl::string_view bytes) -> absl::Status {
    auto day = DecodeMirrorDay(bytes);
    if (!day.ok()) return day.status();
    if (day->day >= oldest)
      mirror_.RestoreDay(day->day, std::move(day->cells), day->became_dormant);
    return absl::OkStatus();
  });
}

void Governor::SaveMirror() {
  mirror_.ForgetBefore(Today(clock_()) - kMirrorDaysKept);
  mirror_.Trim();
  // While the journal takes no writes the changed days stay marked, to be
  // saved once it does (or counted again by nobody: a restart then loses at
  // most what changed since the last save, as after a crash).
  if (journal_ && !journal_->health().ok()) return;
  const std::vector<Day> days = mirror_.TakeChangedDays();
  if (!journal_) return;
  for (auto& [day, cells] : mirror_.CellsOf(days)) {
    journal_->WriteMirrorDay(
        MirrorDayKey(day), EncodeMirrorDay({day, std::move(cells), mirror_.BecameDormantOn(day)}));
  }
}

absl::Status Governor::ReplacePolicy(absl::StatusOr<Policy> policy) {
  observer_.OnPolicyReload(policy.ok());
  if (!policy.ok()) return policy.status();
  if (journal_) {
    journal_->SetRetention(policy->retention_minutes);
    journal_->SetLedgerRetention(LedgerRetention(*policy));
  }
  policy_.store(std::make_shared<const Policy>(*std::move(policy)));
  return absl::OkStatus();
}

Subject Governor::Find(const std::string& person_id) const {
  Subject subject;
  subject.known = profiles_.people.Find(person_id);
  if (!subject.known) subject.unknown.id = person_id;
  const Person& person = subject.person();
  if (!person.account_id.empty()) subject.account = profiles_.accounts.Find(person.account_id);
  return subject;
}

WhyView Governor::Why(const std::string& person_id, Kind kind, absl::Time at) const {
  WhyView view;
  view.policy = policy_.load();
  const Policy& policy = *view.policy;
  view.person_id = person_id;
  view.subject = Find(person_id);
  view.at = at;
  view.kind = kind;
  view.history = store_.Get(person_id).value_or(History{});
  view.history.PruneBefore(RetentionHorizon(policy, at));
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
  view.rows = reputation_.Report(view.policy->complaints, ToMinute(clock_()));
  return view;
}

uint64_t Governor::NewTouchId() {
  // The process's random prefix and a counter.
  return (uint64_t{touch_id_prefix_} << 32) |
         (touch_counter_.fetch_add(1, std::memory_order_relaxed) & 0xffffffffu);
}

std::string Governor::UnsubscribeUrl(const Touch& touch) const {
  if (touch.channel != Channel::kEmail || touch.kind == Kind::kTransactional || links_.key.empty())
    return "";
  const auto token = MintUnsubscribeToken(
      links_.key, UnsubscribeTarget{touch.person_id, touch.channel, touch.list});
  if (!token) return "";
  return absl::StrCat(links_.public_url, "/v1/unsubscribe/", *token);
}

DecideResult Governor::Decide(const Policy& policy, const Touch& touch, absl::Time now) {
  // Load.
  Subject subject = Find(touch.person_id);
  const std::string domain = EmailDomain(touch.sender);
  const Signals signals = LoadSignals(policy, touch, domain, now);
  // Decide (recording a send in the person's history atomically with it).
  bool became_dormant = false;
  DecideResult result{
      .decision = DecideAndRecord(store_, policy, subject.person(), subject.account.get(), touch,
                                  now, &signals, &templates_, &became_dormant),
      .subject = std::move(subject),
      .touch_id = NewTouchId()};
  // Commit.
  if (result.decision.record) {
    Commit(policy, touch, domain, result.decision, result.touch_id, now);
  }
  // Observe.
  Observe(touch, now, result.decision, became_dormant);
  if (result.decision.outcome == Outcome::kSend) result.unsubscribe_url = UnsubscribeUrl(touch);
  return result;
}

Signals Governor::LoadSignals(const Policy& policy, const Touch& touch, absl::string_view domain,
                              absl::Time now) {
  Signals signals;
  if (policy.complaints.enabled() && policy.complaints.applies_to.Contains(touch.kind) &&
      (!touch.campaign.empty() || !domain.empty())) {
    signals = reputation_.SignalsFor(touch.campaign, domain, policy.complaints,
                                     ToMinute(touch.at.value_or(now)));
  }
  return signals;
}

void Governor::Commit(const Policy& policy, const Touch& touch, absl::string_view domain,
                      const Decision& decision, uint64_t touch_id, absl::Time now) {
  ledger_.Add(touch_id,
              LedgerEntry{touch.person_id, touch.campaign, std::string(domain), touch.list,
                          decision.record->minute, touch.channel, touch.kind, 0,
                          decision.record->fingerprint, touch.team, touch.sender, touch.tool},
              ToMinute(now) - LedgerRetention(policy));
  reputation_.CountSend(touch.campaign, domain, decision.record->minute);
}

void Governor::Observe(const Touch& touch, absl::Time now, const Decision& decision,
                       bool became_dormant) {
  observer_.OnDecision(decision);
  if (touch.dry_run) return;
  const Minute minute = ToMinute(touch.at.value_or(now));
  const Day day = DayOfMinute(minute);
  mirror_.CountDecision(MirrorSource::Of(touch), day, decision);
  if (became_dormant) mirror_.CountBecameDormant(day);
  if (decision.outcome != Outcome::kSend) {
    held_back_.Add(HeldBack{touch.person_id, minute, decision.outcome,
                            decision.reasons.empty() ? "" : std::string(decision.reasons[0].rule),
                            touch.team, touch.campaign, touch.sender, touch.channel});
  }
}

void Governor::Observe(const Event& event, const std::optional<LedgerEntry>& before, absl::Time now,
                       bool count_machine_opens) {
  const std::optional<Measure> measure = OutcomeMeasure(event.type);
  if (!measure) return;
  if (event.machine && !count_machine_opens) return;
  if (before) {
    // Once per touch: a second open (or a STOP after an unsubscribe) adds nothing.
    for (int type = 0; type < kEventTypeCount; ++type) {
      if (before->Has(static_cast<EventType>(type)) &&
          OutcomeMeasure(static_cast<EventType>(type)) == measure)
        return;
    }
    mirror_.CountOutcome(
        MirrorSource{before->team, before->campaign, before->sender, before->tool, before->channel},
        DayOfMinute(before->minute), *measure);
    return;
  }
  // Not linked to a touch tact knows: counted for no source, on its own day.
  mirror_.CountOutcome(MirrorSource{"", "", "", "", event.channel.value_or(Channel::kEmail)},
                       Today(event.at.value_or(now)), *measure);
}

AppliedEvents Governor::ApplyEvents(std::vector<Event>& events, absl::Time now) {
  const std::shared_ptr<const Policy> policy = policy_.load();
  AppliedEvents applied;
  for (Event& event : events) {
    if (event.person_id.empty() && !Link(event)) {
      ++applied.unmatched;
      continue;
    }
    const std::optional<uint64_t> touch_id = ParseTouchId(event.touch_id);
    const EventEffect effect = EffectOf(event, now, policy->engagement.count_machine_opens);
    // Every effect is idempotent, as Journal::ApplyEventOnce requires.
    const auto apply = [&] {
      if (effect.reply || effect.engaged) {
        store_.Apply(event.person_id, [&](History& history) {
          if (effect.reply) history.RecordReply(*effect.reply);
          if (effect.engaged) history.RecordEngagement(*effect.engaged);
        });
      }
      if (effect.ChangesProfile()) {
        Person fresh;
        fresh.id = event.person_id;
        profiles_.people.Update(event.person_id, fresh, [&](Person& person) {
          if (!ApplyConsentChange(effect, person)) observer_.OnIgnoredConsentChange();
          if (effect.undeliverable) person.undeliverable.Add(*effect.undeliverable);
        });
      }
      std::optional<LedgerEntry> before;
      if (touch_id) {
        before = ledger_.MarkOutcome(*touch_id, event.type);
        if (before && event.type == EventType::kComplained &&
            !before->Has(EventType::kComplained)) {
          reputation_.CountComplaint(before->campaign, before->domain, before->minute);
        }
      }
      Observe(event, before, now, policy->engagement.count_machine_opens);
    };
    bool fresh = false;
    if (journal_) {
      fresh = journal_->ApplyEventOnce(event, now, apply);
    } else if ((fresh = seen_events_.Insert(event.id))) {
      apply();
    }
    if (!fresh) {
      ++applied.duplicates;
      continue;
    }
    // Opt-outs, complaints, bounces and consent changes are on disk first.
    if (effect.ChangesProfile() || event.type == EventType::kComplained) {
      applied.urgency = Urgency::kAlways;
    }
    observer_.OnEvent(event.type);
    ++applied.accepted;
  }
  return applied;
}

bool Governor::FirstUse(const std::string& key, absl::Time now) {
  if (!journal_) return seen_events_.Insert(key);
  Event marker;
  marker.id = key;
  return journal_->ApplyEventOnce(marker, now, [] {});
}

bool Governor::Link(Event& event) const {
  if (auto id = ParseTouchId(event.touch_id)) {
    if (auto entry = ledger_.Find(*id)) {
      event.person_id = entry->person_id;
      if (!event.channel) event.channel = entry->channel;
      return true;
    }
  }
  if (!event.address.empty()) {
    event.person_id = profiles_.addresses.Find(event.address);
  }
  return !event.person_id.empty();
}

std::optional<DurableAfter> Governor::Acknowledgement(Urgency urgency) const {
  if (!journal_) return std::nullopt;
  return DurableAfter{journal_->Mark(), urgency};
}

void Governor::WhenDurable(const std::optional<DurableAfter>& after,
                           std::function<void(absl::Status)> send) {
  if (!journal_ || !after) return send(absl::OkStatus());
  journal_->WhenDurable(after->mark, after->urgency, std::move(send));
}

absl::Status Governor::StorageHealth() const {
  return journal_ ? journal_->health() : absl::OkStatus();
}

absl::Status Governor::Backup(const std::string& to) {
  if (!journal_) return absl::FailedPreconditionError("no durable store to back up");
  return journal_->Backup(to);
}

}  // namespace tact
