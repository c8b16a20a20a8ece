// How consent changes apply to a person's profile when they arrive late and
// out of order (core/consent.h: each change keeps its time; an older
// opposite change is ignored; an opt-out wins a tie). Pure.
#pragma once

#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"
#include "core/minutes.h"
#include "core/person.h"
#include "events/event.h"

namespace tact {

// Applies an event's consent change (channel or list) to `person` unless a
// newer opposite change came first; false when it was ignored.
bool ApplyConsentChange(const EventEffect& effect, Person& person);

// A profile written whole (PUT): dates the consents and lists it changes
// (see the .cc); `given` says whether the body named a field.
void StampConsentChanges(const Person* before, Person& after, Minute now,
                         absl::FunctionRef<bool(absl::string_view)> given);

}  // namespace tact
