#include "sim/model.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/local_clock.h"
#include "toml++/toml.h"
#include "xxhash.h"

namespace tact::sim {
namespace {

double Clamp01(double value) { return std::clamp(value, 0.0, 1.0); }

struct ParamSpec {
  const char* key;
  double ModelParams::*field;
  double min;
  double max;
};

// Every key a params file may set, with the values that keep the model sane.
constexpr ParamSpec kParams[] = {
    {"fatigue_per_touch", &ModelParams::fatigue_per_touch, 0, 100},
    {"fatigue_half_life_days", &ModelParams::fatigue_half_life_days, 0.01, 3650},
    {"irrelevant_weight", &ModelParams::irrelevant_weight, 0, 100},
    {"repeat_weight", &ModelParams::repeat_weight, 0, 100},
    {"quiet_hours_weight", &ModelParams::quiet_hours_weight, 0, 100},
    {"open_base", &ModelParams::open_base, 0, 1},
    {"open_fatigue", &ModelParams::open_fatigue, 0, 100},
    {"reply_base", &ModelParams::reply_base, 0, 1},
    {"broadcast_reply", &ModelParams::broadcast_reply, 0, 1},
    {"reply_fatigue", &ModelParams::reply_fatigue, 0, 100},
    {"meeting_share", &ModelParams::meeting_share, 0, 1},
    {"unsubscribe_base", &ModelParams::unsubscribe_base, 0, 1},
    {"unsubscribe_fatigue", &ModelParams::unsubscribe_fatigue, 0, 100},
    {"complaint_base", &ModelParams::complaint_base, 0, 1},
    {"complaint_fatigue", &ModelParams::complaint_fatigue, 0, 100},
    {"irrelevance_harm", &ModelParams::irrelevance_harm, 0, 100},
    {"silence_threshold", &ModelParams::silence_threshold, 0, 1000},
    {"silence_rate", &ModelParams::silence_rate, 0, 1},
    {"foreign_language", &ModelParams::foreign_language, 0, 1},
    {"far_event", &ModelParams::far_event, 0, 1},
    {"far_event_km", &ModelParams::far_event_km, 0, 40000},
    {"bump_relevance", &ModelParams::bump_relevance, 0, 1},
    {"repeat_relevance", &ModelParams::repeat_relevance, 0, 1},
    {"outside_need", &ModelParams::outside_need, 0, 1},
    {"scripted_pitch", &ModelParams::scripted_pitch, 0, 1},
    {"timing_weight", &ModelParams::timing_weight, 0, 1},
    {"bury_hours", &ModelParams::bury_hours, 0.01, 1000},
};

}  // namespace

absl::StatusOr<ModelParams> ParseModelParams(const std::string& text, const std::string& source) {
  toml::table table;
  try {
    table = toml::parse(text, source);
  } catch (const toml::parse_error& error) {
    return absl::InvalidArgumentError(absl::StrCat(source, ":", error.source().begin.line, ": ",
                                                   std::string(error.description())));
  }
  ModelParams params;
  for (auto&& [key, node] : table) {
    const ParamSpec* spec = nullptr;
    for (const ParamSpec& candidate : kParams) {
      if (key.str() == candidate.key) spec = &candidate;
    }
    const std::string name(key.str());
    if (spec == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat(source, ": ", name, ": unknown parameter (docs/simulation.md lists them)"));
    }
    const std::optional<double> value = node.value<double>();
    if (!value || !std::isfinite(*value) || *value < spec->min || *value > spec->max) {
      return absl::InvalidArgumentError(absl::StrCat(source, ": ", name, ": must be a number from ",
                                                     spec->min, " to ", spec->max));
    }
    params.*(spec->field) = *value;
  }
  return params;
}

absl::StatusOr<ModelParams> LoadModelParams(const std::string& path) {
  std::ifstream file(path);
  if (!file) return absl::NotFoundError(absl::StrCat(path, ": cannot read the model parameters"));
  std::stringstream text;
  text << file.rdbuf();
  return ParseModelParams(text.str(), path);
}

std::vector<std::pair<std::string, double>> ParamValues(const ModelParams& params) {
  std::vector<std::pair<std::string, double>> values;
  for (const ParamSpec& spec : kParams) values.emplace_back(spec.key, params.*(spec.field));
  return values;
}

bool SetParam(ModelParams& params, const std::string& key, double value) {
  for (const ParamSpec& spec : kParams) {
    if (key == spec.key) {
      params.*(spec.field) = value;
      return true;
    }
  }
  return false;
}

double Fatigue::At(Minute now, double half_life_days) const {
  if (level_ == 0) return 0;
  const double days = std::max<Minute>(0, now - at_) / (24.0 * 60.0);
  return level_ * std::exp2(-days / half_life_days);
}

void Fatigue::Add(Minute now, double amount, double half_life_days) {
  level_ = At(now, half_life_days) + amount;
  at_ = now;
}

double FatigueOf(const ModelParams& params, const TouchTraits& traits) {
  double weight = 1.0 + params.irrelevant_weight * (1.0 - Clamp01(traits.relevance));
  if (traits.repeat_or_bump) weight += params.repeat_weight;
  if (traits.quiet_hours) weight += params.quiet_hours_weight;
  return params.fatigue_per_touch * weight;
}

Chances ChancesFor(const ModelParams& params, double relevance, double fatigue, bool one_to_one) {
  relevance = Clamp01(relevance);
  fatigue = std::max(0.0, fatigue);
  const double harm = 1.0 + params.irrelevance_harm * (1.0 - relevance);
  Chances chances;
  chances.open = Clamp01(params.open_base * (0.5 + 0.5 * relevance) *
                         std::exp(-params.open_fatigue * fatigue));
  chances.reply = Clamp01((one_to_one ? params.reply_base : params.broadcast_reply) * relevance *
                          std::exp(-params.reply_fatigue * fatigue));
  chances.meeting = one_to_one ? Clamp01(params.meeting_share) : 0.0;
  chances.unsubscribe =
      Clamp01(params.unsubscribe_base * (1.0 + params.unsubscribe_fatigue * fatigue) * harm);
  chances.complaint =
      Clamp01(params.complaint_base * (1.0 + params.complaint_fatigue * fatigue) * harm);
  chances.silence =
      Clamp01(params.silence_rate * std::max(0.0, fatigue - params.silence_threshold));
  return chances;
}

double Draw(uint64_t seed, uint64_t touch, uint32_t purpose) {
  const uint64_t words[3] = {seed, touch, purpose};
  const uint64_t hash = XXH3_64bits(words, sizeof words);
  return (hash >> 11) * 0x1.0p-53;
}

Minute NextReading(Minute local, const ReadingHours& hours) {
  constexpr Minute kDay = 24 * 60;
  const Minute midnight = local - LocalClock::MinuteOfDay(local);
  Minute next = midnight + 2 * kDay;
  for (uint8_t hour : hours) {
    Minute session = midnight + hour * 60;
    if (session < local) session += kDay;
    next = std::min(next, session);
  }
  return next;
}

double HoursUntilReading(Minute local, const ReadingHours& hours) {
  return (NextReading(local, hours) - local) / 60.0;
}

double TimingFactor(const ModelParams& params, double hours) {
  return 1 - params.timing_weight * (1 - std::exp(-hours / params.bury_hours));
}

ReadingHours DrawReadingHours(uint64_t seed, uint64_t person, const ReadingHabits& habits) {
  // Purposes apart from the per-touch draws' (simulation.cc).
  constexpr uint32_t kMainSession = 101, kMainHour = 102, kSecondHour = 103;
  const double when = Draw(seed, person, kMainSession);
  const double hour = Draw(seed, person, kMainHour);
  uint8_t main;
  if (when < habits.morning) {
    main = static_cast<uint8_t>(7 + hour * 3);  // 07:00-09:59
  } else if (when < 1 - habits.evening) {
    main = static_cast<uint8_t>(12 + hour * 2);  // 12:00-13:59
  } else {
    main = static_cast<uint8_t>(17 + hour * 5);  // 17:00-21:59
  }
  uint8_t second = static_cast<uint8_t>(7 + Draw(seed, person, kSecondHour) * 15);  // 07-21
  if (second == main) second = static_cast<uint8_t>(second == 21 ? 7 : second + 1);
  return {main, second};
}

}  // namespace tact::sim
