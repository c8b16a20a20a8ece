#include "store/history_codec.h"

#include <array>
#include <bit>
#include <cstddef>
#include <cstring>
#include <limits>
#include <optional>

#include "absl/strings/str_cat.h"

namespace tact {

static_assert(std::endian::native == std::endian::little,
              "the on-disk history layout is little-endian");

// Layout: last_reply (4 bytes), last_engaged (4), ignored_pruned (2), flags
// (1; bit 0: dormant_noted, bit 1: a send-time profile follows, bit 2: the
// touches carry their team), five zero bytes, the send-time profile with bit
// 1 (176 bytes: as_of, 168 weights, four zero bytes), then 24 bytes per
// touch:
//   with bit 2:    int32 minute | uint32 sender | uint32 thread | uint8
//                  channel (bits 0-3), kind (4-6), counts for budgets (7) |
//                  uint8 step | uint16 team | uint64 fingerprint
//   without bit 2: int32 minute | uint32 sender | uint32 thread | uint8
//                  channel | uint8 kind | uint8 counts for budgets (0 or 1) |
//                  uint8 step | uint64 fingerprint (data format 2)
// Older layouts had 16-byte touches without a fingerprint: 12 + 16n (with
// engagement) and 4 + 16n (last_reply only). The sizes tell the layouts
// apart: the current one is always a multiple of 8, the older two never are.
constexpr size_t kHeaderBytes = 16;
constexpr size_t kSendTimeBytes = 4 + kHoursOfWeek + 4;
constexpr size_t kV2HeaderBytes = 12;
constexpr size_t kV1HeaderBytes = sizeof(Minute);
constexpr size_t kOldTouchBytes = 16;
constexpr uint8_t kDormantNoted = 1, kHasSendTime = 2, kTeamTouches = 4;
constexpr size_t kTouchBytes = 24;
static_assert(kSendTimeBytes % 8 == 0);

void EncodeHistory(const History& history, std::string* out) {
  const auto touches = history.touches();
  const SendTimeProfile* send_time = history.send_time();
  const size_t header = kHeaderBytes + (send_time != nullptr ? kSendTimeBytes : 0);
  out->assign(header + touches.size() * kTouchBytes, '\0');
  const Minute last_reply = history.last_reply();
  const Minute last_engaged = history.last_engaged();
  const uint16_t ignored_pruned = history.ignored_pruned();
  std::memcpy(out->data(), &last_reply, sizeof(Minute));
  std::memcpy(out->data() + 4, &last_engaged, sizeof(Minute));
  std::memcpy(out->data() + 8, &ignored_pruned, sizeof(uint16_t));
  (*out)[10] = static_cast<char>((history.dormant_noted() ? kDormantNoted : 0) |
                                 (send_time != nullptr ? kHasSendTime : 0) | kTeamTouches);
  if (send_time != nullptr) {
    const Day as_of = send_time->as_of();
    std::memcpy(out->data() + kHeaderBytes, &as_of, sizeof(Day));
    std::memcpy(out->data() + kHeaderBytes + 4, send_time->raw().data(), kHoursOfWeek);
  }
  char* at = out->data() + header;
  for (size_t index = 0; index < touches.size(); ++index) {
    const TouchRecord& touch = touches[index];
    const uint64_t fingerprint = history.fingerprint(index);
    std::memcpy(at, &touch.minute, 4);
    std::memcpy(at + 4, &touch.sender, 4);
    std::memcpy(at + 8, &touch.thread, 4);
    at[12] = static_cast<char>(static_cast<int>(touch.channel) | static_cast<int>(touch.kind) << 4 |
                               (touch.counts_for_budgets ? 0x80 : 0));
    at[13] = static_cast<char>(touch.step);
    std::memcpy(at + 14, &touch.team, 2);
    std::memcpy(at + 16, &fingerprint, 8);
    at += kTouchBytes;
  }
}

namespace {

// Where the parts of an encoded history are, by its layout.
struct Layout {
  size_t header = kHeaderBytes;  // where the touches begin
  size_t touch_bytes = kTouchBytes;
  bool send_time = false;
  bool teams = false;  // touches in the format-3 form
};

absl::StatusOr<Layout> LayoutOf(absl::string_view bytes) {
  const size_t size = bytes.size();
  if (size >= kHeaderBytes && size % 8 == 0 && (bytes[10] & kHasSendTime) != 0) {
    const size_t header = kHeaderBytes + kSendTimeBytes;
    if (size < header || (size - header) % kTouchBytes != 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("a stored history of ", size,
                       " bytes with a send-time profile is not 192 + 24 × n bytes"));
    }
    return Layout{header, kTouchBytes, true, (bytes[10] & kTeamTouches) != 0};
  }
  if (size >= kHeaderBytes && (size - kHeaderBytes) % kTouchBytes == 0) {
    return Layout{kHeaderBytes, kTouchBytes, false, (bytes[10] & kTeamTouches) != 0};
  }
  if (size >= kV2HeaderBytes && (size - kV2HeaderBytes) % kOldTouchBytes == 0) {
    return Layout{kV2HeaderBytes, kOldTouchBytes};
  }
  if (size >= kV1HeaderBytes && (size - kV1HeaderBytes) % kOldTouchBytes == 0) {
    return Layout{kV1HeaderBytes, kOldTouchBytes};
  }
  return absl::InvalidArgumentError(
      absl::StrCat("a stored history of ", size,
                   " bytes is neither 16 + 24 × n, 12 + 16 × n nor 4 + 16 × n bytes"));
}

// One touch of `touch_bytes` (16 or 24) at `at`, its text's fingerprint in
// `fingerprint`; nullopt when its channel, kind or flag bytes are not ones
// tact writes.
std::optional<TouchRecord> DecodeTouch(const char* at, size_t touch_bytes, bool teams,
                                       uint64_t* fingerprint) {
  TouchRecord record;
  std::memcpy(&record.minute, at, 4);
  std::memcpy(&record.sender, at + 4, 4);
  std::memcpy(&record.thread, at + 8, 4);
  int channel, kind;
  bool counts_for_budgets;
  if (teams) {
    const auto packed = static_cast<uint8_t>(at[12]);
    channel = packed & 15;
    kind = (packed >> 4) & 7;
    counts_for_budgets = (packed & 0x80) != 0;
    std::memcpy(&record.team, at + 14, 2);
  } else {
    channel = static_cast<uint8_t>(at[12]);
    kind = static_cast<uint8_t>(at[13]);
    const auto flag = static_cast<uint8_t>(at[14]);
    if (flag > 1) return std::nullopt;
    counts_for_budgets = flag == 1;
  }
  if (channel >= kChannelCount || kind >= kKindCount) return std::nullopt;
  record.channel = static_cast<Channel>(channel);
  record.kind = static_cast<Kind>(kind);
  record.counts_for_budgets = counts_for_budgets;
  record.step = static_cast<uint8_t>(at[teams ? 13 : 15]);
  *fingerprint = 0;
  if (touch_bytes == kTouchBytes) std::memcpy(fingerprint, at + 16, 8);
  return record;
}

}  // namespace

absl::StatusOr<History> DecodeHistory(absl::string_view bytes) {
  const absl::StatusOr<Layout> layout = LayoutOf(bytes);
  if (!layout.ok()) return layout.status();
  const size_t header = layout->header;
  const size_t touch_bytes = layout->touch_bytes;
  const bool has_send_time = layout->send_time;
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
    if (header >= kHeaderBytes) history.SetDormantNoted((bytes[10] & kDormantNoted) != 0);
  }
  if (has_send_time) {
    Day as_of;
    std::array<uint8_t, kHoursOfWeek> weights;
    std::memcpy(&as_of, bytes.data() + kHeaderBytes, sizeof(Day));
    std::memcpy(weights.data(), bytes.data() + kHeaderBytes + 4, kHoursOfWeek);
    history.SetSendTime(SendTimeProfile::FromRaw(weights, as_of));
  }
  Minute previous = std::numeric_limits<Minute>::min();
  for (size_t offset = header; offset < bytes.size(); offset += touch_bytes) {
    uint64_t fingerprint = 0;
    std::optional<TouchRecord> record =
        DecodeTouch(bytes.data() + offset, touch_bytes, layout->teams, &fingerprint);
    if (!record || record->minute < previous) {
      return absl::InvalidArgumentError(
          absl::StrCat("a stored history has a touch out of order or of an unknown channel or "
                       "kind at byte ",
                       offset));
    }
    previous = record->minute;
    history.Record(*record, fingerprint);
  }
  return history;
}

}  // namespace tact
