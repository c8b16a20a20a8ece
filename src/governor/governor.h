// The Governor: tact's application layer. Every entry point — the HTTP
// routes, the demo's replay, `tact report` — calls it; it speaks in typed
// results (decisions, touch ids, counts of applied events), never in HTTP.
// Everything tact holds between requests is behind the ports it is given
// (ports/state.h): person histories and profiles, the touch ledger, seen
// event ids, reputation, template and mirror counts, the held-back log and
// when all of it is durable. It keeps nothing of its own but the policy and
// the reading cohorts (governor/reading_cohorts.h), a prior learnt anew by
// each process.
//
// A decide runs four named stages, in order, from Decide():
//   Load     the person's profile and account, the complaint-guard signals,
//            the sender's hypothesis for the account (brief.hypothesis)
//   Decide   the pure engine (engine/decide.h), recording a send in the
//            person's history with its ledger entry, atomically per person
//   Commit   what a send leaves in the counts: reputation (the template
//            count is taken with the decision)
//   Observe  the observer (metrics), the mirror and the held-back log
//
// When the state fails (ports/store.h: a shared store unreachable or slow),
// nothing unrecorded is ever answered `send`: Decide answers the kind's
// WhenUnavailable (policy.h), a defer with `state.unavailable` or the
// error for the caller to retry; the other methods return the error.
// Encoding the answer is the transport's job.
//
// Durability: a change is acknowledged only once Acknowledgement() is as
// durable as its urgency requires (WhenDurable); state in memory only
// (Persistence::durable() false) waits for nothing.
//
// Thread safety: every method may be called from any thread. Decisions for
// one person are linearizable (the store serialises them); the policy is
// swapped atomically and each request keeps the one it started with.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "brief/brief.h"
#include "core/decision.h"
#include "core/preferences.h"
#include "core/signals.h"
#include "core/touch.h"
#include "events/consent_change.h"
#include "events/event.h"
#include "governor/crowd.h"
#include "governor/observer.h"
#include "governor/reading_cohorts.h"
#include "governor/subject.h"
#include "governor/views.h"
#include "policy/policy.h"
#include "ports/state.h"
#include "report/team_names.h"

namespace tact {

// A response that acknowledges changes must not be sent before the journal
// has everything up to `mark` as durable as `urgency` requires.
struct DurableAfter {
  uint64_t mark = 0;
  Urgency urgency = Urgency::kByMode;
};

// What a brief is asked for (GET /v1/accounts/{id}/brief).
struct BriefRequest {
  std::string account_id;
  std::string role;       // the person's role as free text; "" to take the person's
  std::string person_id;  // "" for none
  Day as_of = kNoDay;     // only facts filed by then; kNoDay for all
};

// A hypothesis as a seller writes it (POST /v1/accounts/{id}/hypotheses).
struct HypothesisDraft {
  std::string account_id;
  std::string seller;
  std::string team;
  std::string text;
  std::vector<std::string> signals;
  std::string evidence;
  std::optional<absl::Time> at;  // when it was written; now when absent
};

struct DecideResult {
  Decision decision;
  Subject subject;  // whom it was for (the encoder's explanations read it)
  uint64_t touch_id = 0;
  std::string unsubscribe_url;  // for a send by email that is not transactional; may be empty
  // With an unsubscribe link: the person's preference page (for the foot).
  std::string preferences_url;
  // Set when the defer was held (on_limit = "hold"): the held touch's id.
  uint64_t held_id = 0;
  // For a touch brief.hypothesis suppressed: the account brief's top
  // questions for the person's role, the work to do before writing one
  // (empty when the account has no facts).
  std::vector<std::string> questions;
};

// What ChangePreferences did.
struct PreferencesChanged {
  Preferences preferences;                // the person's, as kept after the change
  std::vector<PreferencePart> replaced;   // the parts the change replaced
  std::vector<PreferencePart> outranked;  // the parts it set that a later change keeps
};

// How far ahead of the clock a preference change may be stamped (the
// clocks of the tools that report changes).
inline constexpr absl::Duration kPreferenceClockSkew = absl::Minutes(5);

// How callbacks for released touches are retried: the n-th failure waits
// first_retry × 2^(n-1), at most max_retry; after max_attempts the held
// touch is dead.
struct CallbackRetries {
  int max_attempts = 8;
  absl::Duration first_retry = absl::Seconds(30);
  absl::Duration max_retry = absl::Hours(1);
};

// What ApplyEvents did with a list of events.
struct AppliedEvents {
  int accepted = 0;
  int duplicates = 0;
  int unmatched = 0;  // neither a person_id nor a touch or address tact knows
  Urgency urgency = Urgency::kByMode;
};

// Where one-click unsubscribe links point and the key that signs them.
struct UnsubscribeLinks {
  std::string key;         // empty: no links
  std::string public_url;  // no trailing slash
};

class Governor {
 public:
  // `state` (each port) and `observer` must outlive it. The state's
  // retention is set from `policy` (and again on ReplacePolicy).
  Governor(std::shared_ptr<const Policy> policy, StatePorts state, GovernorObserver& observer,
           std::function<absl::Time()> clock, UnsubscribeLinks links);

  // Flushes the mirror's counts (MirrorStore::Flush) and publishes the
  // reading cohorts' (governor/reading_cohorts.h). Called every few seconds
  // and at exit: a crash loses at most that much of the mirror, never a
  // decision or event.
  void SaveMirror();

  std::shared_ptr<const Policy> policy() const { return policy_.load(); }
  // Swaps in `policy` if it loaded; otherwise keeps the current one and
  // returns the loader's error.
  absl::Status ReplacePolicy(absl::StatusOr<Policy> policy);
  // Makes `policy` (read from `text`, which came from `origin`, by `token`:
  // a token's name, empty for a file) the policy in force, kept as a new
  // version (ports/policy_versions.h) with what it changes in meaning —
  // unless `text` is the latest version's, which changes nothing. With a shared
  // policy (several nodes on one state), adding the version publishes it so
  // that every node adopts it (FollowPolicy). If keeping it fails, the
  // state's error and nothing changes. The loader's error when `policy` did
  // not load.
  absl::Status ChangePolicy(absl::StatusOr<Policy> policy, absl::string_view text,
                            absl::string_view origin, absl::string_view token = "");
  // At start: the policy this node was given (`text`, from `origin`) is
  // the latest version if it is the latest version's text, else it is kept
  // as a new one (published, when shared), with what changed from the
  // latest (read by `parse`). The state's errors.
  absl::Status KeepStartingPolicy(
      absl::string_view text, absl::string_view origin,
      absl::FunctionRef<absl::StatusOr<Policy>(absl::string_view text)> parse);
  // The policy's versions, the latest first (PolicyVersions::List); empty
  // where none are kept.
  absl::StatusOr<std::vector<PolicyVersion>> PolicyHistory(size_t limit, int64_t before) const;
  // With a shared policy: adopts the one in force when another node
  // published a newer version since, read by `parse`; what it adopted,
  // nullopt when nothing was newer (or the policy is not shared). The
  // state's or the parser's errors (the current policy stays, and a text
  // that does not load is not read again).
  absl::StatusOr<std::optional<SharedPolicy::Published>> FollowPolicy(
      absl::FunctionRef<absl::StatusOr<Policy>(absl::string_view text)> parse);
  bool shares_policy() const { return state_.shared_policy != nullptr; }
  absl::Time Now() const { return clock_(); }
  void SetDefaultPublicUrl(const std::string& url) {
    if (links_.public_url.empty()) links_.public_url = url;
  }
  // Where providers and recipients reach tact, and the unsubscribe key.
  const UnsubscribeLinks& links() const { return links_; }
  // A fresh signed link to the person's preference page
  // (events/preference_link.h); "" without a key.
  std::string PreferencesUrl(absl::string_view person_id) const;

  absl::StatusOr<Subject> Find(const std::string& person_id) const;
  // The id of the person with this normalised email address or phone number
  // (core/address.h), or "" when nobody has it. The state's errors.
  absl::StatusOr<std::string> PersonWithAddress(absl::string_view address) const {
    return state_.profiles.PersonWithAddress(address);
  }
  // The first answers to checks (GET/POST /v1/check) by send: the state's,
  // shared by every node, or this process's own.
  CheckAnswers& check_answers() {
    return state_.check_answers != nullptr ? *state_.check_answers : own_check_answers_;
  }

  // A person's why at `at`: what tact knows and would allow a touch of
  // `kind` on each channel. Reads only.
  absl::StatusOr<WhyView> Why(const std::string& person_id, Kind kind, absl::Time at) const;
  // The complaint guard's standing now.
  ReputationView Reputation();

  // The playbook briefs are read with (the built-in one unless replaced at
  // start-up, before serving).
  void UsePlaybook(std::shared_ptr<const Playbook> playbook) { playbook_ = std::move(playbook); }
  // An account's brief (governor/briefs.cc) from its facts (the state's
  // AccountFacts: its facts table rows, else its CIK's companyfacts), for
  // the role given or, failing that, the person's. Errors: NotFound for an
  // unknown account or person or an account without facts;
  // FailedPrecondition when tact has no facts at all; InvalidArgument for a
  // person of another account; the state's.
  absl::StatusOr<Brief> AccountBrief(const BriefRequest& request) const;

  // Sellers' hypotheses (governor/hypotheses.cc). Writes one for an account
  // tact knows (a profile or facts), judging whether it is in the seller's
  // own words: not mostly the brief's generated text (the policy's
  // brief.hypothesis max_brief_share), nor within content.near_distance of
  // a hypothesis for another account or by another seller. Errors: NotFound
  // for an unknown account; InvalidArgument naming a cited signal that is
  // not the brief's (or no signal at all, without facts); the state's.
  absl::StatusOr<Hypothesis> WriteHypothesis(const HypothesisDraft& draft);
  // The account's, the latest written first, at most `limit`.
  absl::StatusOr<std::vector<Hypothesis>> AccountHypotheses(absl::string_view account_id,
                                                            size_t limit) const;

  // People's own say (governor/preferences.cc). The person's preferences
  // (none chosen when the profile has none); NotFound without a profile.
  // The state's errors.
  absl::StatusOr<Preferences> PreferencesOf(absl::string_view person_id) const;
  // Applies `change`, made at `at`, to the person's preferences (creating
  // a profile with only the id when tact has none): each part it sets
  // replaces the kept one unless that one changed later
  // (ApplyPreferenceChange). Errors: InvalidArgument for a choice the
  // policy does not offer (CheckPreferenceChange) or an `at` more than
  // kPreferenceClockSkew ahead of now; FailedPrecondition without a
  // [preferences] policy; the state's. The mirror counts a change that lets
  // less through (kOptedDown) or starts a break (kPaused) under `tool`,
  // where it came from.
  absl::StatusOr<PreferencesChanged> ChangePreferences(absl::string_view person_id,
                                                       const PreferenceChange& change,
                                                       absl::Time at, absl::string_view tool);

  // Decides one touch (validated against `policy`) at `now`, through the
  // four stages. A send that is not a dry run is recorded. `analysed`, if
  // given, is the touch's text as AnalyzeContent found it under `policy`
  // (a caller deciding one text many times analyses it once); it must
  // outlive the call. Errors: the state's, when the touch's kind is retried
  // rather than deferred on a failure (then nothing was recorded, or it
  // may have been and the caller must not send).
  absl::StatusOr<DecideResult> Decide(const Policy& policy, const Touch& touch, absl::Time now,
                                      const ContentFacts* analysed = nullptr);
  // A hint that a touch to `person_id` will be decided soon: the state's
  // stores in memory start loading the person's profile, account and
  // history, and return without waiting. Step by step, as
  // ProfileStore::Prefetch says; the history with the profile's kValue step
  // (Store::Prefetch finds its own way).
  void Prefetch(absl::string_view person_id, ProfileStore::PrefetchStep step) const {
    state_.profiles.Prefetch(person_id, step);
    if (step == ProfileStore::PrefetchStep::kValue) state_.histories.Prefetch(person_id);
  }
  // Decides `touches` in order, as Decide on each would (a touch sees the
  // sends recorded before it to its person), sharing the state's round
  // trips: the people are read together (ProfileStore::FindPeople) and
  // their histories written together (Store::ApplyAll). A touch whose text
  // content.mass_template counts is decided on its own, after the touches
  // before it, so that it counts them; the complaint guard sees the sends of
  // the touches decided together with it only from the next touch on. One
  // result per touch, as Decide answers it.
  std::vector<absl::StatusOr<DecideResult>> DecideAll(const Policy& policy,
                                                      absl::Span<const Touch> touches,
                                                      absl::Time now);

  // Held touches (ports/held_touches.h). A decide whose touch says
  // on_limit = "hold" and is deferred is held (DecideResult::held_id);
  // FailedPrecondition from these when the state cannot hold touches.
  //
  // Decides again the held touches due at `now` (at most `limit`): a send is
  // recorded under the held touch's id, and it (or a suppress, or an expiry)
  // moves to `calling`; a defer waits for its new not_before. Returns every
  // held touch now calling whose callback is due. The state's errors.
  absl::StatusOr<std::vector<HeldTouch>> ReleaseDue(absl::Time now, size_t limit);
  // The callback of a calling held touch was tried: delivered when
  // `delivered` is OK, else retried as `retries` says or dead. NotFound,
  // FailedPrecondition when it is not calling.
  absl::StatusOr<HeldTouch> CallbackTried(uint64_t id, const absl::Status& delivered,
                                          absl::Time now, const CallbackRetries& retries);
  // Cancels a held touch that is still held (FailedPrecondition once it was
  // decided), or calls a dead one back again from its first attempt.
  // NotFound for an unknown id.
  absl::StatusOr<HeldTouch> CancelHeld(uint64_t id, absl::Time now);
  absl::StatusOr<HeldTouch> RetryHeld(uint64_t id, absl::Time now);
  absl::StatusOr<std::optional<HeldTouch>> FindHeld(uint64_t id) const;
  absl::StatusOr<std::vector<HeldTouch>> ListHeld(const HeldQuery& query) const;
  // Zero counts when the state cannot hold touches.
  HeldCounts CountHeld() const;
  bool holds_touches() const { return state_.held != nullptr; }
  // Forgets finished held touches last changed before `before`.
  absl::StatusOr<size_t> ForgetHeld(absl::Time before);

  // Applies each event once (a repeated id changes nothing); events name
  // their person, or are linked by touch_id or address first (events are
  // updated with the person they were linked to). Errors: the state's, at
  // the first event it failed; the events before it were applied and a
  // retry of the whole list applies nothing twice.
  absl::StatusOr<AppliedEvents> ApplyEvents(std::vector<Event>& events, absl::Time now);
  // True the first time `key` is seen within the event window (Mailgun's
  // one-time tokens).
  absl::StatusOr<bool> FirstUse(const std::string& key, absl::Time now);

  // What a response acknowledging every change so far waits for; nullopt
  // without a journal.
  std::optional<DurableAfter> Acknowledgement(Urgency urgency) const;
  // Calls `send` once `after` holds (at once without a journal), with an
  // error if the journal failed.
  void WhenDurable(const std::optional<DurableAfter>& after,
                   std::function<void(absl::Status)> send);
  // OK unless the journal failed (then nothing more is acknowledged).
  absl::Status StorageHealth() const;
  // Whether the state answers now (readiness): StorageHealth, and a round
  // trip to state on the network.
  absl::Status Probe() { return state_.persistence.Probe(); }
  // Whether state is durable, not in memory only.
  bool durable() const { return state_.persistence.durable(); }
  // A consistent copy of the durable state in `to`; FailedPrecondition in
  // memory, the store's errors (AlreadyExists, PermissionDenied, I/O).
  absl::Status Backup(const std::string& to);

  // Profiles as callers last sent them; PUTs go through here.
  ProfileStore& profiles() { return state_.profiles; }
  const MirrorReader& mirror() const { return state_.mirror; }
  const HeldBackLog& held_back() const { return state_.held_back; }
  // The newest `limit` rows of the held-back log, each with its reasons as
  // sentences (read with the person and account as they are now). The
  // state's errors.
  absl::StatusOr<std::vector<HeldBack>> RecentlyHeldBack(size_t limit) const;
  GovernorObserver& observer() { return observer_; }

 private:
  // Whom each of `person_ids` is (profile and account), read together;
  // someone without a profile is named by their id (Subject::SetUnknown).
  absl::StatusOr<std::vector<Subject>> FindAll(absl::Span<const std::string> person_ids) const;
  // The four stages for `touches` at once: their people read together, their
  // histories written together; `results` has one place each. `analysed`:
  // a touch's text as AnalyzeContent found it, when the caller has it (null:
  // the decision analyses it). `touch_ids`: the ids their sends are recorded
  // under, one per touch, or empty for new ones.
  using AnalysedFn = absl::FunctionRef<const ContentFacts*(const Touch&)>;
  void DecideTogether(const Policy& policy, absl::Span<const Touch> touches, absl::Time now,
                      absl::Span<absl::StatusOr<DecideResult>> results, AnalysedFn analysed,
                      absl::Span<const uint64_t> touch_ids = {});
  // Keeps a deferred touch that asked to be held; sets result.held_id.
  void Hold(const Policy& policy, const Touch& touch, absl::Time now, DecideResult& result);
  // Changes the held touch `id` under held_mutex_ and puts it; `change`
  // refuses with an error. NotFound for an unknown id.
  absl::StatusOr<HeldTouch> ChangeHeld(uint64_t id,
                                       absl::FunctionRef<absl::Status(HeldTouch&)> change);
  // Decides a held touch again at `now` (under held_mutex_).
  absl::Status Release(const Policy& policy, HeldTouch& held, absl::Time now);
  // The stages of a decide.
  Signals LoadSignals(const Policy& policy, const Touch& touch, absl::string_view domain,
                      absl::Time now);
  // The touch's sender's latest hypothesis for the person's account, for a
  // touch brief.hypothesis applies to and for every cold touch (the mirror
  // counts those backed by one); nullopt for others and when there is none.
  // The state's errors.
  absl::StatusOr<std::optional<HypothesisStanding>> LoadHypothesis(const Policy& policy,
                                                                   const Touch& touch,
                                                                   const Subject& subject) const;
  // Whether the cold touch of `entry` was backed by its sender's hypothesis
  // for the person's account when it was sent (the hypothesis the seller had
  // written by then); false when the state cannot say.
  bool BackedWhenSent(const LedgerEntry& entry) const;
  // The brief of `account_id` from its facts, `account` its profile (null
  // when it has none), for `role`; errors as AccountBrief's.
  absl::StatusOr<Brief> BriefOf(absl::string_view account_id, const Account* account,
                                absl::string_view role, Day as_of) const;
  // FailedPrecondition: tact was started without facts.
  static absl::Status NoFacts();
  // The brief's top questions when brief.hypothesis suppressed `decision`.
  std::vector<std::string> QuestionsFor(const Subject& subject, const Decision& decision) const;
  void Commit(const Touch& touch, absl::string_view domain, const Decision& decision);
  // Commit and Observe, once the decision is recorded, and the answer.
  // `policy`: the one the touch was decided with (whether it offers a
  // preference page).
  // What deciding noticed beside the decision, for the mirror.
  struct Noticed {
    bool became_dormant = false;
    bool backed = false;  // a cold touch backed by its sender's hypothesis (HypothesisBacks)
    const Crowd* crowd = nullptr;
  };
  DecideResult Conclude(const Policy& policy, const Touch& touch, absl::Time now,
                        absl::string_view domain, Subject subject, Decision decision,
                        uint64_t touch_id, const Noticed& noticed);
  // What a touch is answered when the state failed it at `stage` ("load"
  // or "decide").
  absl::StatusOr<DecideResult> Unavailable(absl::string_view stage, const Policy& policy,
                                           const Touch& touch, absl::Time now, Subject subject,
                                           absl::Status error);
  // `policy`: the one the decision was made under.
  void Observe(const Policy& policy, const Touch& touch, absl::Time now, const Decision& decision,
               const Noticed& noticed);
  // WhyView::sources of `history`'s touches.
  std::vector<WhyView::TouchSource> SourcesOf(const History& history) const;
  // What the held-back log keeps of a decision that held `touch` back.
  HeldBack HeldBackOf(const Policy& policy, const Touch& touch, Minute minute,
                      const Decision& decision) const;
  // The mirror's share of an applied event (`before`: its touch's ledger
  // entry as it was, when the event is linked to one).
  void Observe(const Event& event, const std::optional<LedgerEntry>& before, absl::Time now,
               const Policy& policy);
  // A reply, meeting or conversion of `person_id` in the control groups'
  // counts (report/control_groups.h), on `day`.
  void CountForControlGroups(const Policy& policy, absl::string_view person_id, Measure measure,
                             Day day);

  std::string UnsubscribeUrl(const Touch& touch) const;
  // Sets the event's person from its touch id or address; false when
  // neither leads to one.
  absl::StatusOr<bool> Link(Event& event) const;
  // Applies one event's effects (all idempotent, as EventIds requires).
  absl::Status ApplyEffects(const Event& event, const EventEffect& effect, const Policy& policy,
                            absl::Time now);
  // Its reply and engagement in the person's history and, under
  // [send_time], when they read (their profile and their cohorts').
  absl::Status ApplyEngagement(const Event& event, const EventEffect& effect, const Policy& policy);

  std::atomic<std::shared_ptr<const Policy>> policy_;
  // What people like a person read when; learnt from this process's events.
  ReadingCohorts reading_cohorts_;
  // The version `text` is kept as: the latest version's when it has that
  // text, else a new one (from `origin`, by `token`) with the `changes` from
  // the latest (null when there is none). Raises policy_version_. The
  // state's errors (observed).
  absl::StatusOr<int64_t> KeepVersion(
      absl::string_view text, absl::string_view origin, absl::string_view token,
      absl::FunctionRef<std::vector<std::string>(const PolicyVersion* latest)> changes);

  // The version of the policy in force (of the shared policy, when several
  // nodes follow one).
  std::atomic<int64_t> policy_version_{0};
  const StatePorts state_;
  MemoryCheckAnswers own_check_answers_{CheckAnswersOptions{}};
  // Serialises the changes to held touches (one process holds them).
  mutable std::mutex held_mutex_;
  GovernorObserver& observer_;
  // Names the teams of the touches that held a touch back.
  TeamNames team_names_{state_.mirror};
  const std::function<absl::Time()> clock_;
  UnsubscribeLinks links_;                    // set before serving
  std::shared_ptr<const Playbook> playbook_;  // set before serving
};

}  // namespace tact
