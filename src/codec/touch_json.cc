#include "codec/touch_json.h"

#include <cstdint>
#include <optional>

#include "codec/decode.h"
#include "codec/field_reader.h"
#include "codec/json_record.h"
#include "core/minutes.h"

namespace tact {
namespace {

// The members the plain shape reads. The rest (event locations) go to the
// general decoder.
enum class Member : uint8_t {
  kPersonId,
  kChannel,
  kKind,
  kSender,
  kTeam,
  kTool,
  kCampaign,
  kTopic,
  kList,
  kThread,
  kStep,
  kPriority,
  kValue,
  kLanguage,
  kSubject,
  kBody,
  kAt,
  kExpires,
  kFirstAsked,
  kAtBest,
  kKey,
  kHoldRef,
  kDryRun,
  kOnLimit,
};

struct Named {
  std::string_view name;
  Member member;
};

constexpr Named kMembers[] = {
    {"person_id", Member::kPersonId},
    {"channel", Member::kChannel},
    {"kind", Member::kKind},
    {"sender", Member::kSender},
    {"team", Member::kTeam},
    {"tool", Member::kTool},
    {"campaign", Member::kCampaign},
    {"topic", Member::kTopic},
    {"list", Member::kList},
    {"thread", Member::kThread},
    {"step", Member::kStep},
    {"priority", Member::kPriority},
    {"value", Member::kValue},
    {"language", Member::kLanguage},
    {"subject", Member::kSubject},
    {"body", Member::kBody},
    {"at", Member::kAt},
    {"expires", Member::kExpires},
    {"first_asked", Member::kFirstAsked},
    {"at_best", Member::kAtBest},
    {"key", Member::kKey},
    {"hold_ref", Member::kHoldRef},
    {"dry_run", Member::kDryRun},
    {"on_limit", Member::kOnLimit},
};
static_assert(std::size(kMembers) < 32, "seen members are a 32-bit mask");

std::optional<Member> MemberNamed(std::string_view name) {
  for (const Named& named : kMembers) {
    if (named.name == name) return named.member;
  }
  return std::nullopt;
}

// A string member no longer than `max_bytes` (FieldReader::Text's limit).
bool ReadText(simdjson::dom::element value, size_t max_bytes, std::string& out) {
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS || text.size() > max_bytes) return false;
  out.assign(text.data(), text.size());
  return true;
}

// A whole number in [min, max] (FieldReader::Integer's check, on the
// number itself).
bool ReadInteger(simdjson::dom::element value, int64_t min, int64_t max, int& out) {
  int64_t number = 0;
  if (value.type() != simdjson::dom::element_type::INT64 ||
      value.get_int64().get(number) != simdjson::SUCCESS || number < min || number > max) {
    return false;
  }
  out = static_cast<int>(number);
  return true;
}

bool ReadTime(simdjson::dom::element value, std::optional<absl::Time>& out) {
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS || text.size() > kMaxIdBytes) return false;
  absl::StatusOr<absl::Time> time = ParseUtc(absl::string_view(text.data(), text.size()));
  if (!time.ok()) return false;
  out = *time;
  return true;
}

bool ReadBool(simdjson::dom::element value, bool& out) {
  return value.get_bool().get(out) == simdjson::SUCCESS;
}

// A name parsed by `parse` (a channel, a kind).
template <typename Enum>
bool ReadNamed(simdjson::dom::element value, std::optional<Enum> (*parse)(absl::string_view),
               Enum& out) {
  std::string_view name;
  if (value.get_string().get(name) != simdjson::SUCCESS) return false;
  const std::optional<Enum> parsed = parse(absl::string_view(name.data(), name.size()));
  if (parsed) out = *parsed;
  return parsed.has_value();
}

// The touch's text member a member names, and its longest value; null for
// the members that are not text.
std::string* TextOf(Member member, Touch& touch, size_t& max_bytes) {
  max_bytes = kMaxIdBytes;
  switch (member) {
    case Member::kPersonId:
      return &touch.person_id;
    case Member::kSender:
      return &touch.sender;
    case Member::kTeam:
      return &touch.team;
    case Member::kTool:
      return &touch.tool;
    case Member::kCampaign:
      return &touch.campaign;
    case Member::kTopic:
      return &touch.topic;
    case Member::kList:
      return &touch.list;
    case Member::kThread:
      return &touch.thread;
    case Member::kPriority:
      return &touch.priority;
    case Member::kLanguage:
      return &touch.language;
    case Member::kKey:
      return &touch.key;
    case Member::kHoldRef:
      return &touch.hold_ref;
    case Member::kSubject:
      max_bytes = kMaxTextBytes;
      return &touch.subject;
    case Member::kBody:
      max_bytes = kMaxTextBytes;
      return &touch.body;
    default:
      return nullptr;
  }
}

// One member's value into `touch`; false when the general decoder must
// judge it.
bool ReadMember(Member member, simdjson::dom::element value, Touch& touch) {
  size_t max_bytes = 0;
  if (std::string* text = TextOf(member, touch, max_bytes)) {
    if (!ReadText(value, max_bytes, *text)) return false;
    // An empty id is for the general decoder to judge; a list is one name.
    if (member == Member::kPersonId) return !text->empty();
    if (member == Member::kList) return text->find_first_of(",; ") == std::string::npos;
    return true;
  }
  switch (member) {
    case Member::kChannel:
      return ReadNamed(value, ParseChannel, touch.channel);
    case Member::kKind:
      return ReadNamed(value, ParseKind, touch.kind);
    case Member::kStep:
      return ReadInteger(value, 0, kMaxStep, touch.step);
    case Member::kValue:
      return ReadInteger(value, 0, kMaxValue, touch.value);
    case Member::kAt:
      return ReadTime(value, touch.at);
    case Member::kExpires:
      return ReadTime(value, touch.expires);
    case Member::kFirstAsked:
      return ReadTime(value, touch.first_asked);
    case Member::kAtBest:
      return ReadBool(value, touch.at_best);
    case Member::kDryRun:
      return ReadBool(value, touch.dry_run);
    case Member::kOnLimit: {
      OnLimit on_limit = OnLimit::kDefer;
      if (!ReadNamed(value, ParseOnLimit, on_limit)) return false;
      touch.on_limit = on_limit;
      return true;
    }
    default:
      return false;
  }
}

constexpr uint32_t Bit(Member member) { return uint32_t{1} << static_cast<int>(member); }

}  // namespace

bool DecodePlainTouchJson(simdjson::dom::element element, Touch& touch) {
  simdjson::dom::object object;
  if (element.get_object().get(object) != simdjson::SUCCESS) return false;
  touch = Touch{};
  uint32_t seen = 0;   // repeated names are the general decoder's error
  uint32_t given = 0;  // a null is an absent value (Record::Find)
  for (auto [key, value] : object) {
    const std::optional<Member> member = MemberNamed(key);
    if (!member || (seen & Bit(*member)) != 0) return false;
    seen |= Bit(*member);
    if (value.type() == simdjson::dom::element_type::NULL_VALUE) continue;
    given |= Bit(*member);
    if (!ReadMember(*member, value, touch)) return false;
  }
  constexpr uint32_t kRequired =
      Bit(Member::kPersonId) | Bit(Member::kChannel) | Bit(Member::kKind);
  if ((given & kRequired) != kRequired) return false;
  if (touch.at && touch.expires && *touch.expires < *touch.at) return false;
  if (touch.at && touch.first_asked && *touch.first_asked > *touch.at) return false;
  return true;
}

absl::Status DecodeTouchJson(simdjson::dom::element element, Record& scratch, Touch& touch) {
  if (DecodePlainTouchJson(element, touch)) return absl::OkStatus();
  if (absl::Status read = FillRecordFromElement(element, scratch); !read.ok()) return read;
  absl::StatusOr<Touch> decoded = DecodeTouch(scratch);
  if (!decoded.ok()) return decoded.status();
  touch = *std::move(decoded);
  return absl::OkStatus();
}

}  // namespace tact
