#include "store/history_codec.h"

#include <bit>
#include <cstddef>
#include <cstring>
#include <limits>

#include "absl/strings/str_cat.h"

namespace tact {

static_assert(std::endian::native == std::endian::little,
              "the on-disk history layout is little-endian");

void EncodeHistory(const History& history, std::string* out) {
  const auto touches = history.touches();
  out->resize(sizeof(Minute) + touches.size() * sizeof(TouchRecord));
  const Minute last_reply = history.last_reply();
  std::memcpy(out->data(), &last_reply, sizeof(Minute));
  if (!touches.empty()) {
    std::memcpy(out->data() + sizeof(Minute), touches.data(), touches.size() * sizeof(TouchRecord));
  }
}

absl::StatusOr<History> DecodeHistory(absl::string_view bytes) {
  if (bytes.size() < sizeof(Minute) || (bytes.size() - sizeof(Minute)) % sizeof(TouchRecord)) {
    return absl::InvalidArgumentError(
        absl::StrCat("a stored history of ", bytes.size(), " bytes is not 4 + 16 × n bytes"));
  }
  History history;
  Minute last_reply;
  std::memcpy(&last_reply, bytes.data(), sizeof(Minute));
  if (last_reply != History::kNoReply) history.RecordReply(last_reply);
  Minute previous = std::numeric_limits<Minute>::min();
  for (size_t offset = sizeof(Minute); offset < bytes.size(); offset += sizeof(TouchRecord)) {
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
    std::memcpy(&record, bytes.data() + offset, sizeof(TouchRecord));
    previous = record.minute;
    history.Record(record);
  }
  return history;
}

}  // namespace tact
