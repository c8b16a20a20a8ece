// FROZEN: the layout of tact's state in a Redis Cluster, format 2. Nodes of
// different versions share a cluster during a rolling upgrade, so a change
// here is a new format with a migration, never an edit. A cluster records
// its format under {tact}format; a node refuses a cluster of another one.
//
// Small values are packed into hashes, one per slot (and, for the ledger,
// per range of touch ids), so that Redis keeps them as listpacks: a person
// costs their bytes and a few more, not a key of their own (about 100 bytes
// of overhead each). docs/operations.md says how to size
// hash-max-listpack-value for it.
//
// A person's keys carry the hash tag of their slot, T = TagOfSlot(
// PersonSlot(person id)) (redis_state/slot_tags.h), so that one script can
// change all of them atomically:
//
//   {T}H               the records of the slot's people: field <person id>,
//                      value uint64 version (big-endian) | the history as
//                      redis_state/history_value.h encodes it. The version
//                      starts at 1 and grows by one per write; a missing
//                      field is version 0.
//   {T}L:<bucket>      sent touches' ledger entries: field <entry> (decimal),
//                      value redis_state/ledger_value.h's encoding. The key
//                      expires when the last of its entries' retention
//                      ends. <bucket> and <entry> are the touch id's bits
//                      below the slot: bucket the upper 30 (lower-case hex,
//                      no leading zeros), entry the lower 20.
//   {T}p:<person id>   the person's profile: uint64 version (as H) | the
//                      profile as store/profile_codec.h encodes it.
//   {T}e:<event id>    an event id applied ("done", expiring with the event
//                      window) or being applied ("applying", expiring with
//                      its lease), for an event about the person.
//
//   {T}k:<send>        the first answer to a check about the person's send
//                      (<send>: tool, campaign, channel, thread, step,
//                      person id and key, joined by newlines): "" while a node decides it (expiring
//                      with its lease), then a version byte (1 to 3) and
//                      the answer's decision, defer_until, reason,
//                      reason_code, touch_id and person_id as LEB128-length
//                      strings (2: then unsubscribe_url; 3: then the held
//                      touch's id; redis_state/redis_check_answers.cc),
//                      expiring after the check window.
//
// Keys of other things carry the tag of their own slot:
//
//   {A}a:<account id>  the account's profile (store/profile_codec.h), A the
//                      tag of the account id's slot.
//   {X}x:<address>     the person id an email address or phone number
//                      belongs to, X the tag of the address's slot.
//   {X}e:<event id>    an event id with no person yet (a one-time token), X
//                      the tag of the id's slot.
//   {tact}format       this layout's number, "2".
//   {tact}people, {tact}accounts
//                      how many people and accounts have a profile.
//   {tact}secret:<name>
//                      a secret every node shares (the unsubscribe key).
//   {tact:c}…          the counts every node shares (reputation, template
//                      recipients, the mirror): redis_state/count_cells.h.
//   {tact:h}…          the touches held for tools (added within format 2:
//                      new keys only; a node from before ignores them):
//                      redis_state/redis_held_touches.h.
//   {tact:y}…          sellers' hypotheses for accounts (added within format
//                      2, as {tact:h}): redis_state/redis_hypotheses.h.
//
// A touch id is 64 bits: the person's slot in the top 14, then 50 bits that
// make it unique (a node's random start and a counter), so that the ledger
// entry of any touch id is found without asking anyone. A node moves its
// counter to the next bucket at least once a day, so that a bucket holds
// touches of one day at most and expires about with them.
#pragma once

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace tact::redis_format {

inline constexpr char kFormatKey[] = "{tact}format";
inline constexpr char kFormat[] = "2";

inline constexpr int kTouchIdSlotShift = 50;
// The touch id's bits below the slot that name the entry in its bucket.
inline constexpr int kLedgerEntryBits = 20;
inline constexpr size_t kVersionBytes = 8;

// The hash of the records of the person's slot; the field is the person id.
std::string RecordsKey(absl::string_view person_id);
std::string ProfileKey(absl::string_view person_id);
std::string AccountKey(absl::string_view account_id);
std::string AddressKey(absl::string_view address);
// The key of the first answer to a check about the person's send.
std::string CheckAnswerKey(absl::string_view person_id, absl::string_view send);
// The key of an event id: in the person's slot, or the id's own without one.
std::string EventKey(absl::string_view person_id, absl::string_view event_id);
inline constexpr char kPeopleCountKey[] = "{tact}people";
std::string SecretKey(absl::string_view name);
inline constexpr char kAccountsCountKey[] = "{tact}accounts";
// The hash holding a touch's ledger entry, and the entry's field in it.
std::string LedgerKey(uint64_t touch_id);
std::string LedgerField(uint64_t touch_id);
// The touch id of a ledger entry, from its key's slot and bucket and its
// field; 0 when they are not of this layout.
uint64_t TouchIdOfLedgerEntry(int slot, absl::string_view bucket, absl::string_view field);
// The slot a touch id names.
int SlotOfTouchId(uint64_t touch_id);
// A touch id in `slot`, unique by `unique` (its lower 50 bits are used).
uint64_t TouchIdInSlot(int slot, uint64_t unique);

// The record's version and history bytes; version 0 for "".
uint64_t RecordVersion(absl::string_view record);
absl::string_view RecordHistory(absl::string_view record);
std::string MakeRecord(uint64_t version, absl::string_view history_bytes);

}  // namespace tact::redis_format
