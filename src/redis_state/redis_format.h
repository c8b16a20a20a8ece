// FROZEN: the layout of tact's state in a Redis Cluster. Nodes of different
// versions share a cluster during a rolling upgrade, so a change here is a
// new format with a migration, never an edit.
//
// Every key of a person starts with the hash tag of their slot,
// "{" + TagOfSlot(PersonSlot(person_id)) + "}" (redis_state/slot_tags.h), so
// one script can change all of them atomically:
//
//   {T}h:<person id>   the person's record: uint64 version (big-endian) |
//                      the history as store/history_codec.h encodes it.
//                      The version starts at 1 and grows by one per write;
//                      a missing key is version 0.
//   {T}l:<touch id>    a sent touch's ledger entry (store/ledger_codec.h),
//                      expiring when the policy's ledger retention ends.
//                      <touch id> is the id's 16 lower-case hex digits.
//   {T}p:<person id>   the person's profile: uint64 version (as h:) | the
//                      profile as store/profile_codec.h encodes it.
//   {T}e:<event id>    an event id applied ("done", expiring with the event
//                      window) or being applied ("applying", expiring with
//                      its lease), for an event about the person.
//
// Keys of other things carry the tag of their own slot:
//
//   {A}a:<account id>  the account's profile (store/profile_codec.h), A the
//                      tag of the account id's slot.
//   {X}x:<address>     the person id an email address or phone number
//                      belongs to, X the tag of the address's slot.
//   {X}e:<event id>    an event id with no person yet (a one-time token), X
//                      the tag of the id's slot.
//   {tact}people, {tact}accounts
//                      how many people and accounts have a profile.
//   {tact}secret:<name>
//                      a secret every node shares (the unsubscribe key).
//   {tact:c}…          the counts every node shares (reputation, template
//                      recipients, the mirror): redis_state/count_cells.h.
//
// A touch id is 64 bits: the person's slot in the top 14, then 50 bits that
// make it unique (a node's random prefix and a counter), so that the ledger
// key of any touch id is known without asking anyone.
#pragma once

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace tact::redis_format {

inline constexpr int kTouchIdSlotShift = 50;
inline constexpr size_t kVersionBytes = 8;

std::string HistoryKey(absl::string_view person_id);
std::string ProfileKey(absl::string_view person_id);
std::string AccountKey(absl::string_view account_id);
std::string AddressKey(absl::string_view address);
// The key of an event id: in the person's slot, or the id's own without one.
std::string EventKey(absl::string_view person_id, absl::string_view event_id);
inline constexpr char kPeopleCountKey[] = "{tact}people";
std::string SecretKey(absl::string_view name);
inline constexpr char kAccountsCountKey[] = "{tact}accounts";
std::string LedgerKey(uint64_t touch_id);
// The slot a touch id names.
int SlotOfTouchId(uint64_t touch_id);
// A touch id in `slot`, unique by `unique` (its lower 50 bits are used).
uint64_t TouchIdInSlot(int slot, uint64_t unique);

// The record's version and history bytes; version 0 for "".
uint64_t RecordVersion(absl::string_view record);
absl::string_view RecordHistory(absl::string_view record);
std::string MakeRecord(uint64_t version, absl::string_view history_bytes);

}  // namespace tact::redis_format
