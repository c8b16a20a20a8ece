#include "redis_state/history_value.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "absl/strings/str_cat.h"
#include "store/byte_codec.h"

namespace tact {
namespace {

static_assert(kChannelCount <= 16 && kKindCount <= 16, "channel and kind share a byte");

constexpr uint8_t kDormantNoted = 1, kLastReply = 2, kLastEngaged = 4, kIgnoredPruned = 8,
                  kSendTime = 16;
constexpr uint8_t kCountsForBudgets = 1, kSender = 2, kThread = 4, kFingerprint = 8, kTeam = 16;

uint64_t ZigZag(int64_t value) {
  return (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
}
int64_t UnZigZag(uint64_t value) {
  return static_cast<int64_t>(value >> 1) ^ -static_cast<int64_t>(value & 1);
}

void EncodeTouch(const TouchRecord& touch, uint64_t fingerprint, const TouchRecord* before,
                 ByteWriter& writer) {
  if (before == nullptr) {
    writer.Varint(ZigZag(touch.minute));
  } else {
    writer.Varint(static_cast<uint64_t>(int64_t{touch.minute} - before->minute));
  }
  writer.Byte(
      static_cast<uint8_t>(static_cast<int>(touch.channel) * 16 + static_cast<int>(touch.kind)));
  writer.Byte((touch.counts_for_budgets ? kCountsForBudgets : 0) | (touch.sender ? kSender : 0) |
              (touch.thread ? kThread : 0) | (fingerprint ? kFingerprint : 0) |
              (touch.team ? kTeam : 0));
  writer.Byte(touch.step);
  if (touch.sender) writer.Fixed<uint32_t>(touch.sender);
  if (touch.thread) writer.Fixed<uint32_t>(touch.thread);
  if (fingerprint) writer.Fixed<uint64_t>(fingerprint);
  if (touch.team) writer.Fixed<uint16_t>(touch.team);
}

// The next touch, its text's fingerprint in `fingerprint`; nullopt when the
// bytes are damaged.
std::optional<TouchRecord> DecodeTouch(const TouchRecord* before, ByteReader& reader,
                                       uint64_t* fingerprint) {
  const std::optional<uint64_t> minute = reader.Varint();
  const std::optional<uint8_t> kinds = reader.Byte(), bits = reader.Byte(), step = reader.Byte();
  if (reader.failed() || (*kinds >> 4) >= kChannelCount || (*kinds & 15) >= kKindCount ||
      (*bits & ~(kCountsForBudgets | kSender | kThread | kFingerprint | kTeam)) != 0) {
    return std::nullopt;
  }
  const int64_t at = before == nullptr ? UnZigZag(*minute) : before->minute + int64_t(*minute);
  if (at < INT32_MIN || at > INT32_MAX) return std::nullopt;
  TouchRecord touch;
  touch.minute = static_cast<Minute>(at);
  touch.channel = static_cast<Channel>(*kinds >> 4);
  touch.kind = static_cast<Kind>(*kinds & 15);
  touch.counts_for_budgets = (*bits & kCountsForBudgets) != 0;
  touch.step = *step;
  if (*bits & kSender) touch.sender = reader.Fixed<uint32_t>().value_or(0);
  if (*bits & kThread) touch.thread = reader.Fixed<uint32_t>().value_or(0);
  *fingerprint = (*bits & kFingerprint) ? reader.Fixed<uint64_t>().value_or(0) : 0;
  if (*bits & kTeam) touch.team = reader.Fixed<uint16_t>().value_or(0);
  if (reader.failed()) return std::nullopt;
  return touch;
}

// Only the hours with a weight: most people read in a handful of hours.
void EncodeSendTime(const SendTimeProfile& profile, ByteWriter& writer) {
  writer.Varint(ZigZag(profile.as_of()));
  const auto& weights = profile.raw();
  writer.Varint(kHoursOfWeek - std::count(weights.begin(), weights.end(), 0));
  for (int hour = 0; hour < kHoursOfWeek; ++hour) {
    if (weights[hour] == 0) continue;
    writer.Byte(static_cast<uint8_t>(hour));
    writer.Byte(weights[hour]);
  }
}

// nullopt when the bytes are damaged.
std::optional<SendTimeProfile> DecodeSendTime(ByteReader& reader) {
  const std::optional<uint64_t> as_of = reader.Varint(), hours = reader.Varint();
  if (reader.failed() || *hours > kHoursOfWeek) return std::nullopt;
  const int64_t day = UnZigZag(*as_of);
  if (day < INT32_MIN || day > INT32_MAX) return std::nullopt;
  std::array<uint8_t, kHoursOfWeek> weights{};
  int previous = -1;
  for (uint64_t i = 0; i < *hours; ++i) {
    const std::optional<uint8_t> hour = reader.Byte(), weight = reader.Byte();
    if (reader.failed() || *hour >= kHoursOfWeek || *hour <= previous || *weight == 0) {
      return std::nullopt;
    }
    weights[*hour] = *weight;
    previous = *hour;
  }
  return SendTimeProfile::FromRaw(weights, static_cast<Day>(day));
}

}  // namespace

void EncodeHistoryValue(const History& history, std::string* out) {
  out->clear();
  ByteWriter writer(out);
  const bool replied = history.last_reply() != History::kNoReply;
  const bool engaged = history.last_engaged() != History::kNoReply;
  const SendTimeProfile* send_time = history.send_time();
  writer.Byte((history.dormant_noted() ? kDormantNoted : 0) | (replied ? kLastReply : 0) |
              (engaged ? kLastEngaged : 0) | (history.ignored_pruned() ? kIgnoredPruned : 0) |
              (send_time != nullptr ? kSendTime : 0));
  if (replied) writer.Varint(ZigZag(history.last_reply()));
  if (engaged) writer.Varint(ZigZag(history.last_engaged()));
  if (history.ignored_pruned()) writer.Varint(history.ignored_pruned());
  if (send_time != nullptr) EncodeSendTime(*send_time, writer);
  const auto touches = history.touches();
  writer.Varint(touches.size());
  for (size_t i = 0; i < touches.size(); ++i) {
    EncodeTouch(touches[i], history.fingerprint(i), i == 0 ? nullptr : &touches[i - 1], writer);
  }
}

absl::StatusOr<History> DecodeHistoryValue(absl::string_view bytes) {
  ByteReader reader(bytes);
  const auto damaged = [&](absl::string_view what) {
    return absl::InvalidArgumentError(
        absl::StrCat("a stored history of ", bytes.size(), " bytes has ", what));
  };
  const std::optional<uint8_t> flags = reader.Byte();
  if (!flags ||
      (*flags & ~(kDormantNoted | kLastReply | kLastEngaged | kIgnoredPruned | kSendTime)) != 0) {
    return damaged("no valid header");
  }
  History history;
  if (*flags & kLastReply) history.RecordReply(UnZigZag(reader.Varint().value_or(0)));
  if (*flags & kLastEngaged) history.RecordEngagement(UnZigZag(reader.Varint().value_or(0)));
  if (*flags & kIgnoredPruned) {
    history.SetIgnoredPruned(static_cast<uint16_t>(reader.Varint().value_or(0)));
  }
  history.SetDormantNoted((*flags & kDormantNoted) != 0);
  if (*flags & kSendTime) {
    std::optional<SendTimeProfile> send_time = DecodeSendTime(reader);
    if (!send_time) return damaged("a damaged send-time profile");
    history.SetSendTime(*send_time);
  }
  const std::optional<uint64_t> count = reader.Varint();
  if (!count || *count > bytes.size()) return damaged("no valid header");
  std::optional<TouchRecord> before;
  for (uint64_t i = 0; i < *count; ++i) {
    uint64_t fingerprint = 0;
    std::optional<TouchRecord> touch =
        DecodeTouch(before ? &*before : nullptr, reader, &fingerprint);
    if (!touch) return damaged(absl::StrCat("a damaged touch (number ", i + 1, ")"));
    history.Record(*touch, fingerprint);
    before = touch;
  }
  if (!reader.done()) return damaged("trailing bytes");
  return history;
}

}  // namespace tact
