// A person's preferences on the wire (GET and PUT
// /v1/people/{id}/preferences; docs/api.md):
//   {"person_id", "frequency": id | null, "channels": [...], "topics": [...],
//    "languages": [...], "paused_until": time | null, "paused": bool,
//    "changed": {"frequency": time | null, ...}}
// and, after a PUT, "replaced" and "outranked": the parts the change
// replaced and those a later change keeps.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "codec/record.h"
#include "core/preferences.h"

namespace tact {

// A change as a PUT body gives it: the parts given (frequency "" for as
// often as the policy allows, [] for every channel, topic or language,
// paused_until "" to end a pause), `at`, when the person chose (absent:
// nullopt), and `tool`, the tool reporting it. Errors: InvalidArgument naming each field that is
// malformed (an unknown channel with the nearest name); whether the choices are the policy's is
// CheckPreferenceChange's (policy/preference_choices.h).
struct PreferenceChangeRequest {
  PreferenceChange change;
  std::optional<absl::Time> at;
  std::string tool;  // the tool reporting it (the mirror counts under it); may be empty
};
absl::StatusOr<PreferenceChangeRequest> DecodePreferenceChange(const Record& record);

// The person's preferences, `now` telling whether the pause still holds;
// `replaced` and `outranked` are written when given (a PUT's answer).
std::string PreferencesToJson(absl::string_view person_id, const Preferences& preferences,
                              absl::Time now, const std::vector<PreferencePart>* replaced = nullptr,
                              const std::vector<PreferencePart>* outranked = nullptr);

}  // namespace tact
