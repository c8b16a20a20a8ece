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
