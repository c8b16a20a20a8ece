#include "core/preferences.h"

#include <algorithm>
#include <utility>

namespace tact {
namespace {

template <typename Value>
void Replace(const std::optional<Value>& given, Value& kept, PreferencePart part, Minute at,
             Preferences& preferences, std::vector<PreferencePart>& replaced) {
  Minute& changed = preferences.changed[static_cast<int>(part)];
  if (!given || changed > at) return;
  kept = *given;
  changed = at;
  replaced.push_back(part);
}

}  // namespace

absl::string_view PreferencePartName(PreferencePart part) {
  switch (part) {
    case PreferencePart::kFrequency:
      return "frequency";
    case PreferencePart::kChannels:
      return "channels";
    case PreferencePart::kTopics:
      return "topics";
    case PreferencePart::kLanguages:
      return "languages";
    case PreferencePart::kPause:
      return "paused_until";
  }
  return "unknown";
}

PreferenceShift ShiftOf(const Preferences& before, const Preferences& after, Minute at) {
  // Fewer channels: some chosen where every one was, or a strict subset.
  bool fewer_channels = !after.channels.Empty() && !(after.channels == before.channels);
  int after_channels = 0;
  for (Channel channel : kAllChannels) {
    after_channels += after.channels.Contains(channel) ? 1 : 0;
    if (!before.channels.Empty() && after.channels.Contains(channel) &&
        !before.channels.Contains(channel)) {
      fewer_channels = false;
    }
  }
  fewer_channels = fewer_channels && after_channels < kChannelCount;
  // Fewer topics, the same way (each list holds a topic once).
  bool fewer_topics = !after.topics.empty() &&
                      (before.topics.empty() || after.topics.size() < before.topics.size());
  for (const std::string& topic : after.topics) {
    if (!before.topics.empty() &&
        std::find(before.topics.begin(), before.topics.end(), topic) == before.topics.end()) {
      fewer_topics = false;
    }
  }
  PreferenceShift shift;
  shift.less = (!after.frequency.empty() && after.frequency != before.frequency) ||
               fewer_channels || fewer_topics;
  shift.paused = after.Paused(at) && after.paused_until > before.paused_until;
  return shift;
}

std::vector<PreferencePart> ApplyPreferenceChange(const PreferenceChange& change, Minute at,
                                                  Preferences& kept) {
  std::vector<PreferencePart> replaced;
  Replace(change.frequency, kept.frequency, PreferencePart::kFrequency, at, kept, replaced);
  Replace(change.channels, kept.channels, PreferencePart::kChannels, at, kept, replaced);
  Replace(change.topics, kept.topics, PreferencePart::kTopics, at, kept, replaced);
  Replace(change.languages, kept.languages, PreferencePart::kLanguages, at, kept, replaced);
  Replace(change.paused_until, kept.paused_until, PreferencePart::kPause, at, kept, replaced);
  return replaced;
}

}  // namespace tact
