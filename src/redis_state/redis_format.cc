#include "redis_state/redis_format.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "redis_state/slot_tags.h"

namespace tact::redis_format {
namespace {

std::string Prefix(int slot, char kind) {
  return absl::StrCat("{", TagOfSlot(slot), "}", std::string(1, kind), ":");
}

}  // namespace

std::string RecordsKey(absl::string_view person_id) {
  return absl::StrCat("{", TagOfSlot(PersonSlot(person_id)), "}H");
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

std::string CheckAnswerKey(absl::string_view person_id, absl::string_view send) {
  return absl::StrCat(Prefix(PersonSlot(person_id), 'k'), send);
}

std::string SecretKey(absl::string_view name) { return absl::StrCat("{tact}secret:", name); }

namespace {
constexpr uint64_t kUniqueMask = (uint64_t{1} << kTouchIdSlotShift) - 1;
constexpr uint64_t kEntryMask = (uint64_t{1} << kLedgerEntryBits) - 1;
}  // namespace

std::string LedgerKey(uint64_t touch_id) {
  return absl::StrCat(Prefix(SlotOfTouchId(touch_id), 'L'),
                      absl::Hex((touch_id & kUniqueMask) >> kLedgerEntryBits));
}

std::string LedgerField(uint64_t touch_id) { return absl::StrCat(touch_id & kEntryMask); }

uint64_t TouchIdOfLedgerEntry(int slot, absl::string_view bucket, absl::string_view field) {
  uint64_t high = 0, low = 0;
  if (slot < 0 || slot >= (1 << (64 - kTouchIdSlotShift)) || bucket.empty() ||
      !absl::SimpleHexAtoi(bucket, &high) || !absl::SimpleAtoi(field, &low) ||
      high > (kUniqueMask >> kLedgerEntryBits) || low > kEntryMask) {
    return 0;
  }
  return TouchIdInSlot(slot, (high << kLedgerEntryBits) | low);
}

int SlotOfTouchId(uint64_t touch_id) { return static_cast<int>(touch_id >> kTouchIdSlotShift); }

uint64_t TouchIdInSlot(int slot, uint64_t unique) {
  return (uint64_t{static_cast<uint64_t>(slot)} << kTouchIdSlotShift) | (unique & kUniqueMask);
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
