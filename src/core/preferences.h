// What a person chose about being contacted: on their preference page, or
// written for them by a tool with its own preference centre
// (PUT /v1/people/{id}/preferences). Every tool that asks tact obeys it
// through the preference.* rules (rules/preference_rule.h).
//
// Each part carries the minute it last changed, and a change older than the
// part's never overwrites it: tools report changes late and out of order.
//
// Thread safety: a value type; a Person holds it immutable behind a
// shared_ptr.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/channel.h"
#include "core/minutes.h"

namespace tact {

enum class PreferencePart : uint8_t { kFrequency, kChannels, kTopics, kLanguages, kPause };
inline constexpr int kPreferencePartCount = 5;

// The wire name of a part, as the API's fields name it: "frequency",
// "channels", "topics", "languages", "paused_until".
absl::string_view PreferencePartName(PreferencePart part);

struct Preferences {
  // The id of one of the policy's frequency choices ([[preferences.frequency]]);
  // empty: as often as the policy allows.
  std::string frequency;
  // The channels the person accepts; empty: every channel.
  ChannelSet channels;
  // The policy's topics the person wants; empty: every topic.
  std::vector<std::string> topics;
  // The languages the person reads (BCP 47, most preferred first); empty:
  // the profile's.
  std::vector<std::string> languages;
  // Paused until this minute (kNotPaused: not paused).
  static constexpr Minute kNotPaused = 0;
  Minute paused_until = kNotPaused;
  // The minute each part last changed, indexed by PreferencePart
  // (kNeverChanged: never).
  static constexpr Minute kNeverChanged = -1;
  std::array<Minute, kPreferencePartCount> changed = {kNeverChanged, kNeverChanged, kNeverChanged,
                                                      kNeverChanged, kNeverChanged};

  bool Paused(Minute at) const { return paused_until != kNotPaused && at < paused_until; }
  Minute Changed(PreferencePart part) const { return changed[static_cast<int>(part)]; }
};

// A change to some parts, as a tool or the page reports it: the parts not
// set are left as they are.
struct PreferenceChange {
  std::optional<std::string> frequency;
  std::optional<ChannelSet> channels;
  std::optional<std::vector<std::string>> topics;
  std::optional<std::vector<std::string>> languages;
  std::optional<Minute> paused_until;  // kNotPaused ends a pause
};

// What a change meant for what reaches the person, for the mirror: `less`
// when they chose a frequency (another than before) or fewer channels or
// topics than they had; `paused` when a break now holds past what held before.
struct PreferenceShift {
  bool less = false;
  bool paused = false;
};
PreferenceShift ShiftOf(const Preferences& before, const Preferences& after, Minute at);

// Applies `change`, made at minute `at`, to `kept`: each part it sets
// replaces the kept one unless the kept one changed after `at` (at the same
// minute, the later report wins). Returns the parts it replaced.
std::vector<PreferencePart> ApplyPreferenceChange(const PreferenceChange& change, Minute at,
                                                  Preferences& kept);

}  // namespace tact
