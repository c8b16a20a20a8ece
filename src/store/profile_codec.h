// People and accounts as the embedded store keeps them (the journal's
// "people" and "accounts" column families). Frozen: values once written are
// read by every later version.
//
// Data format 2 (written): a version byte 0x02, then the fields in a fixed
// order, in the encodings of store/byte_codec.h (see profile_codec.cc for the
// layout). A person with tools' own ids (Person::tool_ids) is written with
// 0x03 and those ids after the rest; without, as before. A person with
// preferences (core/preferences.h) is written with 0x04: the tools' ids (none
// or more), then the preferences. Channels and consents are stored by their
// wire names and fixed codes, never by enum position, so reordering an enum cannot change what a
// stored value means.
//
// Data format 1 (read only): the JSON object that format 1 wrote, the API's
// person and account fields plus "email", "phone", "unsubscribed_lists",
// "undeliverable", "consent_changed" and "list_changed". A value whose first
// byte is '{' is read as format 1; `tact serve` rewrites such values as
// format 2 when it opens the directory (EmbeddedState::Open).
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/account.h"
#include "core/person.h"

namespace tact {

std::string EncodePersonRecord(const Person& person);
std::string EncodeAccountRecord(const Account& account);

// Reads either format. Errors: DataLoss saying what is wrong (a value cut
// short, an unknown channel or zone, a version written by a newer tact).
absl::StatusOr<Person> DecodePersonRecord(absl::string_view bytes);
absl::StatusOr<Account> DecodeAccountRecord(absl::string_view bytes);

// True for a value in data format 1, which the journal rewrites on opening.
inline bool IsFormat1Record(absl::string_view bytes) {
  return !bytes.empty() && bytes.front() == '{';
}

}  // namespace tact
