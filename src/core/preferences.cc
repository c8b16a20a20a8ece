#include "core/preferences.h"

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
