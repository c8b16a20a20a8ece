#include "store/history_codec.h"

#include <bit>
#include <cstddef>
#include <cstring>
#include <limits>

#include "absl/strings/str_cat.h"

namespace tact {

static_assert(std::endian::native == std::endian::little,
              "the on-disk history layout is little-endian");

// Layout: last_reply (4 bytes), last_engaged (4), ignored_pruned (2), flags
// (1; bit 0: dormant_noted), five zero bytes, then 24 bytes per touch (TouchRecord, fingerprint
// last). Older layouts had 16-byte touches without a fingerprint: 12 + 16n (with engagement) and 4
// + 16n (last_reply only). The sizes tell the three apart: 16 + 24n is a multiple of 8, the older
// two never are.
constexpr size_t kHeaderBytes = 16;
constexpr size_t kV2HeaderBytes = 12;
constexpr size_t kV1HeaderBytes = sizeof(Minute);
constexpr size_t kOldTouchBytes = 16;

void EncodeHistory(const History& history, std::string* out) {
  const auto touches = history.touches();
  out->assign(kHeaderBytes + touches.size() * sizeof(TouchRecord), '\0');
  const Minute last_reply = history.last_reply();
  const Minute last_engaged = history.last_engaged();
  const uint16_t ignored_pruned = history.ignored_pruned();
  std::memcpy(out->data(), &last_reply, sizeof(Minute));
  std::memcpy(out->data() + 4, &last_engaged, sizeof(Minute));
  std::memcpy(out->data() + 8, &ignored_pruned, sizeof(uint16_t));
  (*out)[10] = history.dormant_noted() ? 1 : 0;
  if (!touches.empty()) {
    std::memcpy(out->data() + kHeaderBytes, touches.data(), touches.size() * sizeof(TouchRecord));
  }
}

absl::StatusOr<History> DecodeHistory(absl::string_view bytes) {
  size_t header = 0;
  size_t touch_bytes = sizeof(TouchRecord);
  if (bytes.size() >= kHeaderBytes && (bytes.size() - kHeaderBytes) % sizeof(TouchRecord) == 0) {
    header = kHeaderBytes;
  } else if (bytes.size() >= kV2HeaderBytes &&
             (bytes.size() - kV2HeaderBytes) % kOldTouchBytes == 0) {
    header = kV2HeaderBytes;
    touch_bytes = kOldTouchBytes;
  } else if (bytes.size() >= kV1HeaderBytes &&
             (bytes.size() - kV1HeaderBytes) % kOldTouchBytes == 0) {
    header = kV1HeaderBytes;
    touch_bytes = kOldTouchBytes;
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("a stored history of ", bytes.size(),
                     " bytes is neither 16 + 24 × n, 12 + 16 × n nor 4 + 16 × n bytes"));
  }
  History history;
  Minute last_reply;
  std::memcpy(&last_reply, bytes.data(), sizeof(Minute));
  if (last_reply != History::kNoReply) history.RecordReply(last_reply);
  if (header != kV1HeaderBytes) {
    Minute last_engaged;
    uint16_t ignored_pruned;
    std::memcpy(&last_engaged, bytes.data() + 4, sizeof(Minute));
    std::memcpy(&ignored_pruned, bytes.data() + 8, sizeof(uint16_t));
    if (last_engaged != History::kNoReply) history.RecordEngagement(last_engaged);
    history.SetIgnoredPruned(ignored_pruned);
    if (header == kHeaderBytes) history.SetDormantNoted((bytes[10] & 1) != 0);
  }
  Minute previous = std::numeric_limits<Minute>::min();
  for (size_t offset = header; offset < bytes.size(); offset += touch_bytes) {
    // Enum and bool bytes are checked before they become values.
    const auto byte_at = [&](size_t member) {
      return static_cast<uint8_t>(bytes[offset + member]);
    };
    TouchRecord record;
    std::memcpy(&record.minute, bytes.data() + offset, sizeof(Minute));
    if (record.minute < previous || byte_at(offsetof(TouchRecord, channel)) >= kChannelCount ||
        byte_at(offsetof(TouchRecord, kind)) >= kKindCount ||
        byte_at(offsetof(TouchRecord, counts_for_budgets)) > 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("a stored history has a touch out of order or of an unknown channel or "
                       "kind at byte ",
                       offset));
    }
    // The first 16 bytes are laid out alike in every version.
    std::memcpy(&record, bytes.data() + offset, kOldTouchBytes);
    if (touch_bytes == sizeof(TouchRecord)) {
      std::memcpy(&record.fingerprint, bytes.data() + offset + offsetof(TouchRecord, fingerprint),
                  sizeof(uint64_t));
    }
    previous = record.minute;
    history.Record(record);
  }
  return history;
}

}  // namespace tact
