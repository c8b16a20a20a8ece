#include "store/event_id_codec.h"

#include <cstring>

#include "store/byte_codec.h"

namespace tact {

std::string EncodeEventSeen(Minute seen, const Event& event) {
  std::string value(sizeof(Minute) + 1, '\0');
  std::memcpy(value.data(), &seen, sizeof(Minute));
  value[sizeof(Minute)] = static_cast<char>(event.type);
  value += event.person_id;
  return value;
}

std::optional<Minute> EventSeenMinute(absl::string_view value) {
  if (value.size() < sizeof(Minute) + 1) return std::nullopt;
  Minute seen;
  std::memcpy(&seen, value.data(), sizeof(Minute));
  return seen;
}

}  // namespace tact
