#include "store/held_touch_codec.h"

#include <limits>

#include "absl/strings/str_cat.h"
#include "core/channel.h"
#include "core/kind.h"
#include "store/byte_codec.h"

namespace tact {
namespace {

// Version 2 added the touch's hold_ref, 3 its topic; this tact reads 1 to 3.
constexpr uint8_t kVersion = 3;

// The infinite future (a held touch that never expires) is the largest value.
constexpr int64_t kInfiniteMicros = std::numeric_limits<int64_t>::max();

void PutTime(ByteWriter& out, absl::Time time) {
  out.Fixed<int64_t>(time == absl::InfiniteFuture() ? kInfiniteMicros : absl::ToUnixMicros(time));
}
void PutOptionalTime(ByteWriter& out, const std::optional<absl::Time>& time) {
  out.Byte(time ? 1 : 0);
  if (time) PutTime(out, *time);
}
std::optional<absl::Time> GetTime(ByteReader& in) {
  const std::optional<int64_t> micros = in.Fixed<int64_t>();
  if (!micros) return std::nullopt;
  return *micros == kInfiniteMicros ? absl::InfiniteFuture() : absl::FromUnixMicros(*micros);
}
// False when the bytes are bad.
bool GetOptionalTime(ByteReader& in, std::optional<absl::Time>* time) {
  const std::optional<uint8_t> present = in.Byte();
  if (!present || *present > 1) return false;
  if (*present == 1) *time = GetTime(in);
  return !in.failed();
}

void PutTouch(ByteWriter& out, const Touch& touch) {
  out.Text(touch.person_id);
  out.Byte(static_cast<uint8_t>(touch.channel));
  out.Byte(static_cast<uint8_t>(touch.kind));
  for (const std::string* text :
       {&touch.sender, &touch.team, &touch.tool, &touch.campaign, &touch.list, &touch.thread}) {
    out.Text(*text);
  }
  out.Varint(static_cast<uint64_t>(touch.step));
  out.Text(touch.priority);
  out.Varint(static_cast<uint64_t>(touch.value));
  for (const std::string* text : {&touch.language, &touch.subject, &touch.body, &touch.key}) {
    out.Text(*text);
  }
  out.Byte(touch.on_limit ? static_cast<uint8_t>(*touch.on_limit) + 1 : 0);
  PutOptionalTime(out, touch.at);
  PutOptionalTime(out, touch.expires);
  PutOptionalTime(out, touch.first_asked);
  const std::optional<EventLocation>& location = touch.event_location;
  out.Byte(!location ? 0 : location->point ? 2 : 1);
  if (location) {
    out.Text(location->country);
    if (location->point) {
      out.Fixed<double>(location->point->lat);
      out.Fixed<double>(location->point->lon);
    }
  }
  out.Text(touch.hold_ref);
  out.Text(touch.topic);
}

bool GetTouch(ByteReader& in, uint8_t version, Touch* touch) {
  auto text = [&in](std::string* into) {
    if (auto value = in.Text()) *into = *std::move(value);
  };
  text(&touch->person_id);
  const std::optional<uint8_t> channel = in.Byte(), kind = in.Byte();
  if (!channel || *channel >= kChannelCount || !kind || *kind >= kKindCount) return false;
  touch->channel = static_cast<Channel>(*channel);
  touch->kind = static_cast<Kind>(*kind);
  for (std::string* into : {&touch->sender, &touch->team, &touch->tool, &touch->campaign,
                            &touch->list, &touch->thread}) {
    text(into);
  }
  touch->step = static_cast<int>(in.Varint().value_or(0));
  text(&touch->priority);
  touch->value = static_cast<int>(in.Varint().value_or(0));
  for (std::string* into : {&touch->language, &touch->subject, &touch->body, &touch->key}) {
    text(into);
  }
  const std::optional<uint8_t> on_limit = in.Byte();
  if (!on_limit || *on_limit > static_cast<uint8_t>(OnLimit::kHold) + 1) return false;
  if (*on_limit > 0) touch->on_limit = static_cast<OnLimit>(*on_limit - 1);
  if (!GetOptionalTime(in, &touch->at) || !GetOptionalTime(in, &touch->expires) ||
      !GetOptionalTime(in, &touch->first_asked)) {
    return false;
  }
  const std::optional<uint8_t> location = in.Byte();
  if (!location || *location > 2) return false;
  if (*location > 0) {
    EventLocation& into = touch->event_location.emplace();
    text(&into.country);
    if (*location == 2) {
      const std::optional<double> lat = in.Fixed<double>(), lon = in.Fixed<double>();
      if (lat && lon) into.point = GeoPoint{*lat, *lon};
    }
  }
  if (version >= 2) text(&touch->hold_ref);
  if (version >= 3) text(&touch->topic);
  return !in.failed();
}

}  // namespace

std::string EncodeHeldTouch(const HeldTouch& held) {
  std::string bytes;
  ByteWriter out(&bytes);
  out.Byte(kVersion);
  out.Fixed<uint64_t>(held.id);
  out.Byte(static_cast<uint8_t>(held.state));
  out.Byte(static_cast<uint8_t>(held.outcome));
  out.Varint(static_cast<uint64_t>(held.attempts));
  for (absl::Time time : {held.held_at, held.due, held.expires, held.changed_at, held.decided_at}) {
    PutTime(out, time);
  }
  out.Text(held.rule);
  out.Text(held.last_error);
  PutTouch(out, held.touch);
  return bytes;
}

absl::StatusOr<HeldTouch> DecodeHeldTouch(absl::string_view bytes) {
  ByteReader in(bytes);
  HeldTouch held;
  const std::optional<uint8_t> version = in.Byte();
  if (!version || *version == 0 || *version > kVersion) {
    return absl::InvalidArgumentError(
        absl::StrCat("a held touch of version ", version.value_or(0), " (this tact reads 1 to 3)"));
  }
  held.id = in.Fixed<uint64_t>().value_or(0);
  const std::optional<uint8_t> state = in.Byte(), outcome = in.Byte();
  if (!state || *state >= kHeldStateCount || !outcome || *outcome > 2) {
    return absl::InvalidArgumentError("a held touch has no valid state or outcome");
  }
  held.state = static_cast<HeldState>(*state);
  held.outcome = static_cast<Outcome>(*outcome);
  held.attempts = static_cast<int>(in.Varint().value_or(0));
  for (absl::Time* time :
       {&held.held_at, &held.due, &held.expires, &held.changed_at, &held.decided_at}) {
    if (auto value = GetTime(in)) *time = *value;
  }
  if (auto rule = in.Text()) held.rule = *std::move(rule);
  if (auto error = in.Text()) held.last_error = *std::move(error);
  if (!GetTouch(in, *version, &held.touch) || !in.done()) {
    return absl::InvalidArgumentError("a held touch is truncated or has bad or trailing bytes");
  }
  return held;
}

std::string HeldTouchKey(uint64_t id) {
  return absl::StrCat(kHeldKeyPrefix, absl::Hex(id, absl::kZeroPad16));
}

}  // namespace tact
