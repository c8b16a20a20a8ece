// Turns records into the core's types, checking every field. Errors are
// InvalidArgument with the message "FIELD: problem", e.g.
// "channel: 'fax' is not a channel; use email, sms, push, call, social, direct_mail".
// Unknown fields are errors too (with the nearest known name), so a typo in a
// column never silently drops a value; accounts keep unknown fields as ICP
// attributes instead.
//
// Person fields: id*, account_id, time_zone, languages, country, region, lat,
//   lon, role, email, phone, unsubscribed_lists, undeliverable (channels),
//   consent.<channel> (or consent_<channel>).
// Account fields: id*, industry, employees, country, open_escalations,
//   missed_commitments, attributes.<name> (or any other column).
// Touch fields: person_id*, channel*, kind*, sender, team, tool, campaign,
//   list, thread, step, priority, value, language, event_location.country|lat|lon
//   (or event_country, event_lat, event_lon), subject, body, at, expires,
//   on_limit, key, hold_ref, dry_run.  (* required)
// Event fields: id*, type*, person_id*, channel, touch_id, at, machine, list.
#pragma once

#include <optional>

#include "absl/status/statusor.h"
#include "codec/record.h"
#include "core/account.h"
#include "core/history.h"
#include "core/person.h"
#include "core/touch.h"
#include "events/event.h"

namespace tact {

absl::StatusOr<Person> DecodePerson(const Record& record);
absl::StatusOr<Account> DecodeAccount(const Record& record);
absl::StatusOr<Touch> DecodeTouch(const Record& record);

// A touch's on_limit as the API names it ("defer", "drop", "hold"); nullopt
// for any other name.
std::optional<OnLimit> ParseOnLimit(absl::string_view name);
absl::StatusOr<Event> DecodeEvent(const Record& record);

// A past touch for `tact decide`'s envelope: at*, channel*, kind*, sender,
// thread, step.
absl::StatusOr<TouchRecord> DecodeTouchRecord(const Record& record);

}  // namespace tact
