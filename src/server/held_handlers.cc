// GET /v1/held, GET and DELETE /v1/held/{id}, POST /v1/held/{id}/retry:
// touches held for tools that cannot ask again (ports/held_touches.h).
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/channel.h"
#include "core/kind.h"
#include "core/minutes.h"
#include "events/url_form.h"
#include "ports/touch_ledger.h"
#include "server/request_body.h"
#include "server/routes.h"
#include "server/service.h"

namespace tact {
namespace {

constexpr size_t kMaxHeldListed = 1000;

void TimeField(JsonWriter& writer, const char* key, absl::Time time) {
  writer.Key(key);
  if (time == absl::InfiniteFuture() || time == absl::InfinitePast()) {
    writer.Null();
  } else {
    WriteString(writer, FormatUtc(time));
  }
}

void WriteHeld(JsonWriter& writer, const HeldTouch& held) {
  const Touch& touch = held.touch;
  const bool decided = held.state != HeldState::kHeld && held.state != HeldState::kCancelled;
  writer.StartObject();
  WriteStringField(writer, "id", HeldIdText(held.id));
  WriteStringField(writer, "state", HeldStateName(held.state));
  WriteStringField(writer, "person_id", touch.person_id);
  WriteStringField(writer, "channel", ChannelName(touch.channel));
  WriteStringField(writer, "kind", KindName(touch.kind));
  WriteStringField(writer, "tool", touch.tool);
  WriteStringField(writer, "team", touch.team);
  WriteStringField(writer, "sender", touch.sender);
  WriteStringField(writer, "campaign", touch.campaign);
  WriteStringField(writer, "subject", touch.subject);
  WriteStringField(writer, "key", touch.key);
  WriteStringField(writer, "hold_ref", touch.hold_ref);
  TimeField(writer, "asked_at", touch.at.value_or(held.held_at));
  TimeField(writer, "held_at", held.held_at);
  TimeField(writer, "expires", held.expires);
  // When it is decided again (held), or called back next (calling).
  TimeField(writer, "due", IsActive(held.state) ? held.due : absl::InfinitePast());
  WriteTextOrNull(writer, "decision", decided ? OutcomeName(held.outcome) : "");
  WriteTextOrNull(writer, "reason_code", decided ? held.rule : "");
  WriteTextOrNull(writer, "touch_id",
                  decided && held.outcome == Outcome::kSend ? FormatTouchId(held.id) : "");
  TimeField(writer, "decided_at", decided ? held.decided_at : absl::InfinitePast());
  writer.Key("attempts");
  writer.Int(held.attempts);
  WriteTextOrNull(writer, "last_error", held.last_error);
  TimeField(writer, "changed_at", held.changed_at);
  writer.EndObject();
}

HttpResponse HeldAnswer(const HeldTouch& held) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  WriteHeld(writer, held);
  return HttpResponse{200, JsonText(buffer)};
}

// The answer to a Governor's error about held touches.
HttpResponse HeldError(const absl::Status& status) {
  if (absl::IsNotFound(status)) {
    return HttpResponse::Error({404, "not_found", std::string(status.message()), "id"});
  }
  if (absl::IsFailedPrecondition(status)) {
    return HttpResponse::Error({409, "conflict", std::string(status.message()), "id"});
  }
  return HttpResponse::Error(StateUnavailable(status));
}

HttpResponse BadHeldId(const std::string& id) {
  return HttpResponse::Error(
      {400, "invalid",
       absl::StrCat("id: '", id, "' is not a held touch's id (h_ and 16 hex digits)"), "id"});
}

}  // namespace

HttpResponse Service::ListHeld(absl::string_view target) {
  auto query = ParseQuery(target);
  if (!query.ok()) return HttpResponse::Error(InvalidFields(query.status()));
  HeldQuery held_query;
  for (const auto& [name, value] : *query) {
    if (name == "state") {
      held_query.state = ParseHeldState(value);
      if (!held_query.state) {
        return HttpResponse::Error(
            {400, "invalid",
             absl::StrCat("state: '", value,
                          "' is not a state; use held, calling, delivered, dead or cancelled"),
             "state"});
      }
    } else if (name == "tool") {
      held_query.tool = value;
    } else if (name == "person_id") {
      held_query.person_id = value;
    } else if (name == "limit") {
      if (!absl::SimpleAtoi(value, &held_query.limit) || held_query.limit < 1 ||
          held_query.limit > kMaxHeldListed) {
        return HttpResponse::Error(
            {400, "invalid", absl::StrCat("limit: must be a number from 1 to ", kMaxHeldListed),
             "limit"});
      }
    } else {
      return HttpResponse::Error(
          {400, "invalid",
           absl::StrCat(name, ": unknown query parameter; use state, tool, person_id or limit"),
           name});
    }
  }
  // A state that holds nothing has nothing to list.
  absl::StatusOr<std::vector<HeldTouch>> list =
      governor_.holds_touches() ? governor_.ListHeld(held_query) : std::vector<HeldTouch>();
  if (!list.ok()) return HeldError(list.status());
  const HeldCounts counts = governor_.CountHeld();
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("counts");
  writer.StartObject();
  for (size_t i = 0; i < counts.size(); ++i) {
    writer.Key(std::string(HeldStateName(static_cast<HeldState>(i))).c_str());
    writer.Int64(counts[i]);
  }
  writer.EndObject();
  writer.Key("held");
  writer.StartArray();
  for (const HeldTouch& held : *list) WriteHeld(writer, held);
  writer.EndArray();
  writer.EndObject();
  return HttpResponse{200, JsonText(buffer)};
}

HttpResponse Service::GetHeld(const std::string& id) {
  const std::optional<uint64_t> held_id = ParseHeldId(id);
  if (!held_id) return BadHeldId(id);
  absl::StatusOr<std::optional<HeldTouch>> found = governor_.FindHeld(*held_id);
  if (!found.ok()) return HeldError(found.status());
  if (!found->has_value()) {
    return HttpResponse::Error({404, "not_found", absl::StrCat("no held touch ", id), "id"});
  }
  return HeldAnswer(**found);
}

HttpResponse Service::CancelHeld(const std::string& id) {
  return ChangeHeld(id,
                    [this](uint64_t held) { return governor_.CancelHeld(held, governor_.Now()); });
}

HttpResponse Service::RetryHeld(const std::string& id) {
  return ChangeHeld(id,
                    [this](uint64_t held) { return governor_.RetryHeld(held, governor_.Now()); });
}

HttpResponse Service::ChangeHeld(const std::string& id,
                                 absl::FunctionRef<absl::StatusOr<HeldTouch>(uint64_t)> change) {
  const std::optional<uint64_t> held_id = ParseHeldId(id);
  if (!held_id) return BadHeldId(id);
  absl::StatusOr<HeldTouch> changed = change(*held_id);
  if (!changed.ok()) return HeldError(changed.status());
  HttpResponse response = HeldAnswer(*changed);
  AwaitDisk(response, Urgency::kByMode);
  return response;
}

}  // namespace tact
