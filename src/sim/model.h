// The simulated recipient: how a person's fatigue rises with each touch and
// fades, and how likely they are to open, reply, book a meeting, unsubscribe,
// complain or silently stop paying attention. Pure functions of the model's
// parameters; every default and where it comes from is in docs/simulation.md.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "core/minutes.h"

namespace tact::sim {

struct ModelParams {
  // Fatigue: each touch adds `fatigue_per_touch`, more when it is irrelevant,
  // a repeat or a bump, or lands in the person's evening, night or weekend;
  // it halves every `fatigue_half_life_days`.
  double fatigue_per_touch = 1.0;
  double fatigue_half_life_days = 7.0;
  double irrelevant_weight = 1.0;   // extra × (1 − relevance)
  double repeat_weight = 1.0;       // extra for a repeated text or a bump
  double quiet_hours_weight = 0.5;  // extra for a touch outside 08:00–20:00 on weekdays

  // Responses to a delivered touch.
  double open_base = 0.30;            // opens of a fully relevant touch to a fresh person
  double open_fatigue = 0.08;         // open × exp(−open_fatigue × fatigue)
  double reply_base = 0.10;           // replies per open of a fully relevant one-to-one touch
  double broadcast_reply = 0.01;      // the same for a newsletter, launch, invitation or offer
  double reply_fatigue = 0.20;        // reply × exp(−reply_fatigue × fatigue)
  double meeting_share = 0.30;        // meetings per reply to a sales or relationship touch
  double unsubscribe_base = 0.0008;   // per delivered touch at zero fatigue, fully relevant
  double unsubscribe_fatigue = 0.15;  // × (1 + unsubscribe_fatigue × fatigue)
  double complaint_base = 0.0001;     // per delivered touch at zero fatigue, fully relevant
  double complaint_fatigue = 0.15;    // × (1 + complaint_fatigue × fatigue)
  double irrelevance_harm = 1.0;   // unsubscribes and complaints × (1 + this × (1 − relevance))
  double silence_threshold = 6.0;  // fatigue above which a person starts to tune out
  double silence_rate = 0.01;      // per touch and unit of fatigue above the threshold

  // Relevance multipliers.
  double foreign_language = 0.1;  // a text in a language the person does not read
  double far_event = 0.2;         // an event more than `far_event_km` away
  double far_event_km = 1500;
  double bump_relevance = 0.3;    // "just checking in": nothing new
  double repeat_relevance = 0.2;  // the same text again
  double outside_need = 0.1;      // a sales pitch to a company that cannot use the product
  double scripted_pitch = 0.6;    // a script sent to everyone, against one written for the account

  // Reading hours: each person reads in two sessions a day, at local hours
  // of their own; a touch that waits long for the next session is buried
  // under what arrives after it: open × (1 − timing_weight × (1 −
  // exp(−hours waited / bury_hours))).
  double timing_weight = 0.15;
  double bury_hours = 8;

  // A team whose touches bring no replies or meetings (they are still read,
  // and tire people as any touch does): what a control group held out of
  // that team should then see. Empty: every team's touches can bring value.
  std::string valueless_team;
};

// The defaults, overridden by a TOML file of `key = number` (unknown keys and
// out-of-range values are errors naming the key).
absl::StatusOr<ModelParams> LoadModelParams(const std::string& path);
absl::StatusOr<ModelParams> ParseModelParams(const std::string& text, const std::string& source);

// Every parameter by its key in a params file, with its value in `params`.
std::vector<std::pair<std::string, double>> ParamValues(const ModelParams& params);
// Sets one parameter by key; false when there is no such key.
bool SetParam(ModelParams& params, const std::string& key, double value);

// A person's fatigue, decaying continuously from the last change.
class Fatigue {
 public:
  double At(Minute now, double half_life_days) const;
  void Add(Minute now, double amount, double half_life_days);

 private:
  double level_ = 0;
  Minute at_ = 0;
};

// The local hours of the day (0 to 23) a person reads at; the first is
// their main session.
using ReadingHours = std::array<uint8_t, 2>;

// Hours from local minute `local` until the start of the next reading
// session (0 when one starts then; under 24).
double HoursUntilReading(Minute local, const ReadingHours& hours);

// The local minute the next reading session starts, at or after `local`.
Minute NextReading(Minute local, const ReadingHours& hours);

// What waiting `hours` for the person to read does to the chance they open.
double TimingFactor(const ModelParams& params, double hours);

// Where people of one place have their main reading session: the shares
// in the morning (07:00-09:59) and in the evening (17:00-21:59); the rest
// at midday (12:00-13:59).
struct ReadingHabits {
  double morning = 0.5;
  double evening = 0.33;
};

// A person's reading hours, drawn from `seed` and their index: the main
// session as `habits` say, the second at any other hour from 07:00 to
// 21:59.
ReadingHours DrawReadingHours(uint64_t seed, uint64_t person, const ReadingHabits& habits);

// What the person makes of one touch, before fatigue.
struct TouchTraits {
  double relevance = 1.0;  // 0..1
  bool repeat_or_bump = false;
  bool quiet_hours = false;
};

// The fatigue one touch adds.
double FatigueOf(const ModelParams& params, const TouchTraits& traits);

// Each probability is in [0, 1]. reply is per open; meeting per reply.
struct Chances {
  double open = 0;
  double reply = 0;
  double meeting = 0;
  double unsubscribe = 0;
  double complaint = 0;
  double silence = 0;
};
// `one_to_one`: a seller's or account manager's message, which people answer
// and which can lead to a meeting; else a broadcast.
Chances ChancesFor(const ModelParams& params, double relevance, double fatigue, bool one_to_one);

// A uniform draw in [0, 1) that depends only on its arguments, so the same
// touch meets the same luck in both runs of a simulation.
double Draw(uint64_t seed, uint64_t touch, uint32_t purpose);

}  // namespace tact::sim
