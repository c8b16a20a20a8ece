#include "redis_state/redis_format.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "redis_state/slot_tags.h"

namespace tact::redis_format {
namespace {

std::string Prefix(int slot, char kind) {
  return absl::StrCat("{", TagOfSlot(slot), "}", std::string(1, kind), ":");
}

}  // namespace

std::string HistoryKey(absl::string_view person_id) {
  return absl::StrCat(Prefix(PersonSlot(person_id), 'h'), person_id);
}

std::string ProfileKey(absl::string_view person_id) {
  return absl::StrCat(Prefix(PersonSlot(person_id), 'p'), person_id);
}

std::string AccountKey(absl::string_view account_id) {
  return absl::StrCat(Prefix(PersonSlot(account_id), 'a'), account_id);
}

std::string AddressKey(absl::string_view address) {
  return absl::StrCat(Prefix(PersonSlot(address), 'x'), address);
}

std::string EventKey(absl::string_view person_id, absl::string_view event_id) {
  return absl::StrCat(Prefix(PersonSlot(person_id.empty() ? event_id : person_id), 'e'), event_id);
}

std::string SecretKey(absl::string_view name) { return absl::StrCat("{tact}secret:", name); }

std::string LedgerKey(uint64_t touch_id) {
  return absl::StrCat(Prefix(SlotOfTouchId(touch_id), 'l'), absl::StrFormat("%016x", touch_id));
}

int SlotOfTouchId(uint64_t touch_id) { return static_cast<int>(touch_id >> kTouchIdSlotShift); }

uint64_t TouchIdInSlot(int slot, uint64_t unique) {
  return (uint64_t{static_cast<uint64_t>(slot)} << kTouchIdSlotShift) |
         (unique & ((uint64_t{1} << kTouchIdSlotShift) - 1));
}

uint64_t RecordVersion(absl::string_view record) {
  if (record.size() < kVersionBytes) return 0;
  uint64_t version = 0;
  for (size_t i = 0; i < kVersionBytes; ++i) {
    version = (version << 8) | static_cast<unsigned char>(record[i]);
  }
  return version;
}

absl::string_view RecordHistory(absl::string_view record) {
  return record.size() < kVersionBytes ? absl::string_view() : record.substr(kVersionBytes);
}

std::string MakeRecord(uint64_t version, absl::string_view history_bytes) {
  std::string record(kVersionBytes, '\0');
  for (size_t i = 0; i < kVersionBytes; ++i) {
    record[kVersionBytes - 1 - i] = static_cast<char>((version >> (8 * i)) & 0xff);
  }
  record.append(history_bytes.data(), history_bytes.size());
  return record;
}

}  // namespace tact::redis_format
