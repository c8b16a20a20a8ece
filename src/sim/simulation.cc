#include "sim/simulation.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <queue>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "content/analysis.h"
#include "content/region.h"
#include "governor/governor.h"
#include "rules/hypothesis_rule.h"
#include "store/memory_state.h"

namespace tact::sim {
namespace {

constexpr Minute kDay = 24 * 60;

// Purposes of the per-touch draws.
enum Purpose : uint32_t { kOpen = 1, kReply, kMeeting, kUnsubscribe, kComplaint, kSilence };

bool InQuietHours(const Person& person, Minute at) {
  const Minute local = person.clock ? person.clock->ToLocal(at) : at;
  const Minute day = local - ((local % kDay) + kDay) % kDay;
  const int hour = static_cast<int>((local - day) / 60);
  return hour < 8 || hour >= 20 || LocalClock::Weekday(day) >= 5;
}

struct Feedback {
  Minute at;
  uint32_t person;
  bool reply;  // else an open (engagement)
  bool operator>(const Feedback& other) const { return at > other.at; }
};

struct Ask {
  Minute at;
  uint32_t touch;  // index in the stream
  bool operator>(const Ask& other) const {
    return at != other.at ? at > other.at : touch > other.touch;
  }
};

// One run over the stream. With `policy` every touch is asked of tact first.
class Run {
 public:
  // With `at_best`, every governed touch asks to go at its best_at.
  Run(const World& world, const ModelParams& params, uint64_t seed, const Policy* policy,
      const DecisionObserver& observer, const std::vector<int>& team_of_campaign, int teams,
      bool at_best = false)
      : world_(world),
        params_(params),
        seed_(seed),
        policy_(policy),
        at_best_(at_best),
        observer_(observer),
        team_of_campaign_(team_of_campaign),
        people_(world.people.size()) {
    result_.by_team.resize(teams);
    result_.by_campaign.resize(world.campaigns.size());
    result_.value_by_person.resize(world.people.size());
    if (policy_ != nullptr) tact_ = std::make_unique<Tact>(world, *policy_);
  }

  RunResult Go() {
    size_t next = 0;
    const auto& stream = world_.touches;
    while (next < stream.size() || !asks_.empty()) {
      Ask ask;
      if (!asks_.empty() && (next == stream.size() || asks_.top().at <= stream[next].at)) {
        ask = asks_.top();
        asks_.pop();
      } else {
        ask = Ask{stream[next].at, static_cast<uint32_t>(next)};
        ++next;
        Count(stream[ask.touch]).proposed += 1;
      }
      if (tact_ == nullptr) {
        Ungoverned(ask);
      } else {
        ApplyFeedback(ask.at);
        PublishDaily(ask.at);
        WriteHypotheses(ask.at);
        Governed(ask);
      }
    }
    for (size_t campaign = 0; campaign < world_.campaigns.size(); ++campaign) {
      result_.by_team[team_of_campaign_[campaign]] += result_.by_campaign[campaign];
    }
    for (const Tally& team : result_.by_team) result_.total += team;
    if (tact_ != nullptr) {
      for (const auto& [rule, count] : tact_->held_back) {
        result_.held_back_by_rule[std::string(rule)] = count;
      }
    }
    return std::move(result_);
  }

 private:
  struct PersonState {
    Fatigue fatigue;
    bool silent = false;
    ChannelSet opted_out;  // the providers' suppression lists: every tool honours them
  };

  // What only the governed run has: the Governor over its state in memory,
  // as `tact serve --store memory` runs it.
  struct Tact {
    Tact(const World& world, const Policy& policy)
        : state(MemoryStateOptions{.expected_people = world.people.size(),
                                   // Event ids are unique by construction.
                                   .remembered_event_ids = 1 << 16,
                                   .keep_held_back = false}),
          governor(
              std::make_shared<const Policy>(policy), state.ports(), observer,
              [] { return absl::UnixEpoch(); }, UnsubscribeLinks{}),
          facts(world.texts.size()) {
      // The memory state never fails.
      for (const auto& account : world.accounts) state.profiles.PutAccount(*account).IgnoreError();
      state.profiles.Reserve(world.people.size());
      for (const SimPerson& person : world.people) {
        state.profiles.PutPerson(person.profile, [](const Person*, Person&) {}).IgnoreError();
      }
    }
    MemoryState state;
    NullObserver observer;
    Governor governor;
    std::vector<std::optional<ContentFacts>> facts;  // by text: each text analysed once
    uint64_t events = 0;                             // event ids given so far
    // Rule ids point into the policy or static storage, which outlive the run.
    absl::flat_hash_map<absl::string_view, int64_t> held_back;
    std::priority_queue<Feedback, std::vector<Feedback>, std::greater<>> feedback;
    size_t hypotheses = 0;  // of the world's, written so far
    Minute published = 0;   // when the reading cohorts were last published
    // What tact judged each seller's hypothesis, by (campaign, account).
    absl::flat_hash_map<std::pair<uint16_t, uint32_t>, HypothesisStanding> standing;
  };

  Tally& Count(const SimTouch& touch) { return result_.by_campaign[touch.campaign]; }

  // Sellers write their hypotheses through the Governor, as through
  // POST /v1/accounts/{id}/hypotheses, citing their own research.
  void WriteHypotheses(Minute now) {
    const auto& due = world_.hypotheses;
    for (size_t& next = tact_->hypotheses; next < due.size() && due[next].at <= now; ++next) {
      const SimHypothesis& written = due[next];
      const Campaign& campaign = world_.campaigns[written.campaign];
      const absl::StatusOr<Hypothesis> hypothesis =
          tact_->governor.WriteHypothesis({.account_id = world_.accounts[written.account]->id,
                                           .seller = campaign.sender,
                                           .team = campaign.team,
                                           .text = world_.texts[written.text].body,
                                           .evidence = "own research",
                                           .at = FromMinute(written.at)});
      // The memory state never fails, and every account is known.
      if (hypothesis.ok()) {
        tact_->standing[{written.campaign, written.account}] = hypothesis->standing();
      }
    }
  }

  // A cold touch backed by its sender's hypothesis when sent (the mirror's
  // cold_backed).
  bool Backed(const SimTouch& touch, Minute at) const {
    const auto found = tact_->standing.find(
        std::pair<uint16_t, uint32_t>{touch.campaign, world_.people[touch.person].account});
    return found != tact_->standing.end() &&
           HypothesisBacks(policy_->hypothesis, found->second, at);
  }

  void Ungoverned(const Ask& ask) {
    const SimTouch& touch = world_.touches[ask.touch];
    if (people_[touch.person].opted_out.Contains(world_.campaigns[touch.campaign].channel)) {
      Count(touch).suppressed += 1;
      return;
    }
    Deliver(ask);
  }

  void Governed(const Ask& ask) {
    const SimTouch& touch = world_.touches[ask.touch];
    FillTouch(world_, touch, &request_);
    request_.at = FromMinute(ask.at);
    request_.at_best = at_best_;
    // The memory state never fails.
    const Decision decision =
        tact_->governor.Decide(*policy_, request_, *request_.at, Facts(touch.text))->decision;
    ++result_.decisions;
    if (observer_) observer_(request_, decision);
    if (decision.outcome != Outcome::kSend) {
      for (const Reason& reason : decision.reasons) tact_->held_back[reason.rule]++;
    }
    switch (decision.outcome) {
      case Outcome::kSend:
        Deliver(ask);
        return;
      case Outcome::kDefer:
        asks_.push(Ask{ToMinute(decision.not_before), ask.touch});
        return;
      case Outcome::kSuppress:
        Count(touch).suppressed += 1;
        return;
    }
  }

  const ContentFacts* Facts(uint32_t text) {
    std::optional<ContentFacts>& facts = tact_->facts[text];
    if (!facts) facts = AnalyzeContent(policy_->content.analysis(), request_);
    return &*facts;
  }

  // As the service does every few seconds: the mirror saved, and what
  // people like each person read published (governor/reading_cohorts.h).
  void PublishDaily(Minute now) {
    if (now - tact_->published < kDay) return;
    tact_->governor.SaveMirror();
    tact_->published = now;
  }

  // Outcomes reach tact as events, as the service takes them, once their
  // time has come.
  void ApplyFeedback(Minute now) {
    auto& feedback = tact_->feedback;
    while (!feedback.empty() && feedback.top().at <= now) {
      const Feedback event = feedback.top();
      feedback.pop();
      Tell(event.reply ? EventType::kReplied : EventType::kOpened, event.person, event.at,
           std::nullopt);
    }
  }

  // One event about a person, as a provider reports it. It names the person,
  // not the touch: a complaint opts the person out but is not counted
  // against a campaign.
  void Tell(EventType type, uint32_t person, Minute at, std::optional<Channel> channel) {
    std::vector<Event> events(1);
    Event& event = events.front();
    event.id = absl::StrCat("sim-", ++tact_->events);
    event.type = type;
    event.person_id = world_.people[person].profile.id;
    event.at = FromMinute(at);
    event.channel = channel;
    tact_->governor.ApplyEvents(events, *event.at).IgnoreError();  // in memory: never fails
  }

  // The providers' suppression lists take the person off the channel at
  // once; tact hears it as an event.
  void OptOut(uint32_t person, Channel channel, EventType type, Minute at) {
    people_[person].opted_out.Add(channel);
    if (tact_ != nullptr) Tell(type, person, at, channel);
  }

  void Deliver(const Ask& ask) {
    const SimTouch& touch = world_.touches[ask.touch];
    const Campaign& campaign = world_.campaigns[touch.campaign];
    PersonState& state = people_[touch.person];
    Tally& tally = Count(touch);
    tally.sent += 1;
    if (tact_ != nullptr && campaign.kind == Kind::kCold && Backed(touch, ask.at)) {
      tally.backed += 1;
    }
    TouchTraits traits;
    traits.relevance = RelevanceOf(world_, params_, touch);
    traits.repeat_or_bump = touch.bump || touch.repeat;
    const SimPerson& person = world_.people[touch.person];
    traits.quiet_hours = InQuietHours(person.profile, ask.at);
    const double fatigue = state.fatigue.At(ask.at, params_.fatigue_half_life_days);
    const bool one_to_one = campaign.kind == Kind::kCold || campaign.kind == Kind::kRelationship;
    Chances chances = ChancesFor(params_, traits.relevance, fatigue, one_to_one);
    if (!params_.valueless_team.empty() && campaign.team == params_.valueless_team) {
      chances.reply = 0;  // and so no meeting
    }
    // The person reads at their next session: the longer the touch waits
    // for it, the deeper it is buried. Opens and replies happen then.
    const Minute local = person.profile.clock ? person.profile.clock->ToLocal(ask.at) : ask.at;
    const Minute reads = ask.at + (NextReading(local, person.reading_hours) - local);
    chances.open *= TimingFactor(params_, (reads - ask.at) / 60.0);
    const auto draw = [&](Purpose purpose) { return Draw(seed_, ask.touch, purpose); };
    if (!state.silent && draw(kOpen) < chances.open) {
      tally.opens += 1;
      if (tact_ != nullptr) tact_->feedback.push(Feedback{reads + 5, touch.person, false});
      if (draw(kReply) < chances.reply) {
        tally.replies += 1;
        result_.value_by_person[touch.person] += 1;
        if (tact_ != nullptr) tact_->feedback.push(Feedback{reads + 30, touch.person, true});
        if (draw(kMeeting) < chances.meeting) {
          tally.meetings += 1;
          result_.value_by_person[touch.person] += 1;
        }
      }
    }
    if (draw(kUnsubscribe) < chances.unsubscribe) {
      tally.unsubscribes += 1;
      OptOut(touch.person, campaign.channel, EventType::kUnsubscribed, ask.at);
    } else if (draw(kComplaint) < chances.complaint) {
      tally.complaints += 1;
      OptOut(touch.person, campaign.channel, EventType::kComplained, ask.at);
    }
    if (!state.silent && draw(kSilence) < chances.silence) {
      state.silent = true;
      tally.silenced += 1;
    }
    state.fatigue.Add(ask.at, FatigueOf(params_, traits), params_.fatigue_half_life_days);
  }

  const World& world_;
  const ModelParams& params_;
  const uint64_t seed_;
  const Policy* policy_;
  const bool at_best_;
  const DecisionObserver& observer_;
  const std::vector<int>& team_of_campaign_;
  std::vector<PersonState> people_;
  std::unique_ptr<Tact> tact_;  // governed runs only
  Touch request_;
  std::priority_queue<Ask, std::vector<Ask>, std::greater<>> asks_;  // re-asks
  RunResult result_;
};

// Each campaign's team, as an index into `teams` (filled in order of first
// appearance).
std::vector<int> TeamOfCampaign(const World& world, std::vector<std::string>* teams) {
  std::vector<int> team_of_campaign;
  for (const Campaign& campaign : world.campaigns) {
    auto found = std::find(teams->begin(), teams->end(), campaign.team);
    if (found == teams->end()) found = teams->insert(found, campaign.team);
    team_of_campaign.push_back(static_cast<int>(found - teams->begin()));
  }
  return team_of_campaign;
}

}  // namespace

Tally& Tally::operator+=(const Tally& other) {
  proposed += other.proposed;
  sent += other.sent;
  suppressed += other.suppressed;
  opens += other.opens;
  replies += other.replies;
  meetings += other.meetings;
  unsubscribes += other.unsubscribes;
  complaints += other.complaints;
  silenced += other.silenced;
  backed += other.backed;
  return *this;
}

double RelevanceOf(const World& world, const ModelParams& params, const SimTouch& touch) {
  const SimPerson& person = world.people[touch.person];
  const Campaign& campaign = world.campaigns[touch.campaign];
  const Text& text = world.texts[touch.text];
  double relevance = person.interest[static_cast<int>(campaign.topic)];
  if (campaign.topic == Topic::kSales) {
    if (!person.needs_product) relevance *= params.outside_need;
    if (campaign.scripted) relevance *= params.scripted_pitch;
  }
  const auto& languages = person.profile.languages;
  if (!text.written_in.empty() &&
      std::find(languages.begin(), languages.end(), text.written_in) == languages.end()) {
    relevance *= params.foreign_language;
  }
  if (campaign.event && campaign.event->point && person.profile.location &&
      DistanceKm(*person.profile.location, *campaign.event->point) > params.far_event_km) {
    relevance *= params.far_event;
  }
  if (touch.bump) relevance *= params.bump_relevance;
  if (touch.repeat) relevance *= params.repeat_relevance;
  return std::clamp(relevance, 0.0, 1.0);
}

SimulationResult Simulate(const World& world, const Policy& policy, const ModelParams& params,
                          uint64_t seed, const DecisionObserver& observer) {
  SimulationResult result;
  const std::vector<int> team_of_campaign = TeamOfCampaign(world, &result.teams);
  const int teams = static_cast<int>(result.teams.size());
  result.ungoverned = Run(world, params, seed, nullptr, observer, team_of_campaign, teams).Go();
  result.governed = Run(world, params, seed, &policy, observer, team_of_campaign, teams).Go();
  if (policy.send_time.enabled) {
    const DecisionObserver none;
    result.at_best =
        Run(world, params, seed, &policy, none, team_of_campaign, teams, /*at_best=*/true).Go();
  }
  return result;
}

SellerComparison CompareSellers(const World& world, const Policy& policy, const ModelParams& params,
                                uint64_t seed, const SimulationResult& result) {
  Policy flipped = policy;
  flipped.hypothesis.enabled = !policy.hypothesis.enabled;
  std::vector<std::string> teams;
  const std::vector<int> team_of_campaign = TeamOfCampaign(world, &teams);
  const DecisionObserver none;
  const RunResult other =
      Run(world, params, seed, &flipped, none, team_of_campaign, static_cast<int>(teams.size()))
          .Go();
  const auto by_style = [&](const RunResult& run) {
    SellerComparison::BySellerStyle styles;
    for (size_t campaign = 0; campaign < world.campaigns.size(); ++campaign) {
      const Campaign& one = world.campaigns[campaign];
      if (one.kind == Kind::kCold) styles[one.scripted ? 1 : 0] += run.by_campaign[campaign];
    }
    return styles;
  };
  const RunResult& on = policy.hypothesis.enabled ? result.governed : other;
  const RunResult& off = policy.hypothesis.enabled ? other : result.governed;
  return {by_style(result.ungoverned), by_style(off), by_style(on)};
}

}  // namespace tact::sim
