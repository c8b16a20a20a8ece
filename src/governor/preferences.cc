// A person's own say (core/preferences.h): read and changed by tools with a
// preference centre of their own and by the person's preference page.
#include <utility>

#include "absl/strings/str_cat.h"
#include "governor/governor.h"
#include "policy/preference_choices.h"

namespace tact {

absl::StatusOr<Preferences> Governor::PreferencesOf(absl::string_view person_id) const {
  absl::StatusOr<std::shared_ptr<const Person>> person = state_.profiles.FindPerson(person_id);
  if (!person.ok()) return person.status();
  if (*person == nullptr) {
    return absl::NotFoundError(absl::StrCat("no profile for person '", person_id, "'"));
  }
  return (*person)->preferences ? *(*person)->preferences : Preferences{};
}

absl::StatusOr<PreferencesChanged> Governor::ChangePreferences(absl::string_view person_id,
                                                               const PreferenceChange& change,
                                                               absl::Time at,
                                                               absl::string_view tool) {
  // A change stamped ahead of the clock would outrank every change made
  // until then; a few minutes allow for the clocks of the tools reporting.
  if (at > Now() + kPreferenceClockSkew) {
    return absl::InvalidArgumentError(
        absl::StrCat("at: ", FormatUtc(at), " is in the future; give when the person chose"));
  }
  const Minute minute = ToMinute(at);
  const std::shared_ptr<const Policy> policy = policy_.load();
  if (absl::Status valid = CheckPreferenceChange(policy->preferences, change, minute);
      !valid.ok()) {
    return valid;
  }
  PreferencesChanged changed;
  PreferenceShift shift;
  absl::Status stored = state_.profiles.UpdatePerson(person_id, [&](Person& person) {
    const Preferences before = person.preferences ? *person.preferences : Preferences{};
    Preferences kept = before;
    changed.replaced = ApplyPreferenceChange(change, minute, kept);
    // A shared store may run this again on what another node wrote first:
    // the last run's shift is the one that was stored.
    shift = ShiftOf(before, kept, minute);
    changed.preferences = kept;
    if (!changed.replaced.empty()) {
      person.preferences = std::make_shared<const Preferences>(std::move(kept));
    }
  });
  if (!stored.ok()) return stored;
  // The mirror: people who chose less instead of leaving, on the day they
  // chose, under the tool it came through.
  const MirrorSource source{.tool = tool};
  const Day day = DayOfMinute(minute);
  if (shift.less) state_.mirror.CountOutcome(source, day, Measure::kOptedDown);
  if (shift.paused) state_.mirror.CountOutcome(source, day, Measure::kPaused);
  const auto set = [&](PreferencePart part, bool given) {
    if (!given) return;
    for (PreferencePart replaced : changed.replaced) {
      if (replaced == part) return;
    }
    changed.outranked.push_back(part);
  };
  set(PreferencePart::kFrequency, change.frequency.has_value());
  set(PreferencePart::kChannels, change.channels.has_value());
  set(PreferencePart::kTopics, change.topics.has_value());
  set(PreferencePart::kLanguages, change.languages.has_value());
  set(PreferencePart::kPause, change.paused_until.has_value());
  return changed;
}

}  // namespace tact
