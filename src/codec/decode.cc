#include "codec/decode.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <optional>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "codec/field_reader.h"
#include "content/language.h"
#include "core/address.h"
#include "core/cik.h"
#include "core/local_clock.h"
#include "core/minutes.h"
#include "policy/suggest.h"

namespace tact {
namespace {

std::optional<std::string> CountryCode(FieldReader& fields, absl::string_view name) {
  auto text = fields.Text(name);
  if (!text) return std::nullopt;
  std::string code = absl::AsciiStrToUpper(*text);
  if (code.size() != 2 || !absl::ascii_isalpha(code[0]) || !absl::ascii_isalpha(code[1])) {
    fields.Problem(name, absl::StrCat("'", *text, "' is not a two-letter ISO 3166 country code"));
    return std::nullopt;
  }
  return code;
}

template <typename Enum>
std::optional<Enum> ParseNamed(FieldReader& fields, absl::string_view name,
                               std::optional<Enum> (*parse)(absl::string_view),
                               absl::string_view what, absl::string_view choices) {
  const auto text = fields.Text(name);
  if (!text) return std::nullopt;
  auto value = parse(*text);
  if (!value) {
    fields.Problem(name, absl::StrCat("'", *text, "' is not ", what, "; use ", choices));
  }
  return value;
}

std::optional<GeoPoint> ReadPoint(FieldReader& fields, absl::string_view lat_name,
                                  absl::string_view lon_name) {
  const auto lat = fields.Number(lat_name, -90, 90);
  const auto lon = fields.Number(lon_name, -180, 180);
  const bool has_lat = fields.Get(lat_name) != nullptr;
  const bool has_lon = fields.Get(lon_name) != nullptr;
  if (has_lat != has_lon) {
    fields.Problem(has_lat ? lon_name : lat_name, "is required when the other coordinate is given");
  }
  if (!lat || !lon) return std::nullopt;
  return GeoPoint{*lat, *lon};
}

}  // namespace

namespace {

// "consent.<channel>" (or "consent_<channel>"), "consent_changed.<channel>"
// and "list_changed.<list>" fields, into `person`; problems go to `fields`.
void ReadConsentFields(const Record& record, FieldReader& fields, Person& person) {
  for (const Field& field : record.fields) {
    absl::string_view name = field.name;
    if (absl::ConsumePrefix(&name, "list_changed.")) {
      if (auto at = fields.Time(field.name)) {
        person.SetListChanged(std::string_view(name.data(), name.size()), ToMinute(*at));
      }
      continue;
    }
    if (absl::ConsumePrefix(&name, "consent_changed.")) {
      const auto channel = ParseChannel(name);
      if (!channel) {
        fields.Problem(field.name,
                       absl::StrCat("'", name, "' is not a channel; use ", ChannelNamesList()));
      } else if (auto at = fields.Time(field.name)) {
        person.consent_changed[static_cast<int>(*channel)] = ToMinute(*at);
      }
      continue;
    }
    if (!absl::ConsumePrefix(&name, "consent.") && !absl::ConsumePrefix(&name, "consent_"))
      continue;
    const auto channel = ParseChannel(name);
    if (!channel) {
      fields.Problem(field.name,
                     absl::StrCat("'", name, "' is not a channel; use ", ChannelNamesList()));
      continue;
    }
    const auto consent = ParseConsent(field.text);
    if (!consent || field.type == FieldType::kNumber || field.type == FieldType::kBool) {
      fields.Problem(
          field.name,
          absl::StrCat("'", field.text, "' is not a consent; use opted_in, unknown or opted_out"));
      continue;
    }
    person.consent[static_cast<int>(*channel)] = *consent;
  }
}

// "email" and "phone", normalised.
void ReadAddresses(FieldReader& fields, Person& person) {
  if (auto email = fields.Text("email"); email && !email->empty()) {
    if (auto normal = NormalizeEmail(*email)) {
      person.email = *std::move(normal);
    } else {
      fields.Problem("email", absl::StrCat("'", *email, "' is not an email address"));
    }
  }
  if (auto phone = fields.Text("phone"); phone && !phone->empty()) {
    if (auto normal = NormalizePhone(*phone)) {
      person.phone = *std::move(normal);
    } else {
      fields.Problem("phone", absl::StrCat("'", *phone,
                                           "' is not an E.164 phone number (\"+\" and 8 to 15 "
                                           "digits, e.g. \"+4915112345678\")"));
    }
  }
}

// "ids.TOOL": the person's id in each tool, sorted by tool.
void ReadToolIds(const Record& record, FieldReader& fields, Person& person) {
  constexpr size_t kMaxToolIds = 16, kMaxToolIdBytes = 200;
  for (const Field& field : record.fields) {
    absl::string_view tool = field.name;
    if (!absl::ConsumePrefix(&tool, "ids.")) continue;
    const std::string name = absl::AsciiStrToLower(tool);
    if (name.empty() || name.size() > 32 ||
        name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") != std::string::npos) {
      fields.Problem(field.name, "a tool's name is 1 to 32 letters, digits, '_' or '-'");
      continue;
    }
    const std::optional<std::string> id = fields.Text(field.name);
    if (!id || id->empty() || id->size() > kMaxToolIdBytes ||
        std::any_of(id->begin(), id->end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
      fields.Problem(field.name, absl::StrCat("must be the tool's id of the person: 1 to ",
                                              kMaxToolIdBytes, " bytes of text"));
      continue;
    }
    person.tool_ids.emplace_back(name, *id);
  }
  std::sort(person.tool_ids.begin(), person.tool_ids.end());
  if (person.tool_ids.size() > kMaxToolIds) {
    fields.Problem("ids", absl::StrCat("at most ", kMaxToolIds, " tools' ids"));
  }
}

}  // namespace

absl::StatusOr<Person> DecodePerson(const Record& record) {
  FieldReader fields(record);
  fields.RejectUnknown({"id", "account_id", "time_zone", "languages", "country", "region", "lat",
                        "lon", "role", "email", "phone", "unsubscribed_lists", "undeliverable"},
                       {"consent.", "consent_", "list_changed.", "ids."});
  Person person;
  person.id = fields.Required("id");
  person.account_id = fields.Text("account_id").value_or("");
  if (auto zone = fields.Text("time_zone"); zone && zone->empty()) {
    fields.Problem("time_zone",
                   "is empty; leave it out for the policy's default zone, or give an IANA zone "
                   "(e.g. Europe/Berlin)");
  } else if (zone) {
    if (std::string legacy = LegacyZoneProblem(*zone); !legacy.empty()) {
      fields.Problem("time_zone", legacy);
    } else if (auto clock = LocalClock::ForZone(*zone); clock.ok()) {
      person.clock = *std::move(clock);
    } else {
      fields.Problem("time_zone", absl::StrCat("'", *zone,
                                               "' is not a known IANA time zone (e.g. "
                                               "Europe/Berlin, America/New_York)"));
    }
  }
  person.languages = fields.List("languages");
  for (const std::string& language : person.languages) {
    if (std::string problem = LanguageTagProblem(language); !problem.empty()) {
      fields.Problem("languages", problem);
    }
  }
  person.country = CountryCode(fields, "country").value_or("");
  person.region = fields.Text("region").value_or("");
  person.role = fields.Text("role").value_or("");
  person.location = ReadPoint(fields, "lat", "lon");
  ReadAddresses(fields, person);
  person.unsubscribed_lists = fields.List("unsubscribed_lists");
  for (const std::string& name : fields.List("undeliverable")) {
    if (auto channel = ParseChannel(name)) {
      person.undeliverable.Add(*channel);
    } else {
      fields.Problem("undeliverable",
                     absl::StrCat("'", name, "' is not a channel; use ", ChannelNamesList()));
    }
  }
  ReadConsentFields(record, fields, person);
  ReadToolIds(record, fields, person);
  if (absl::Status status = fields.Result(); !status.ok()) return status;
  return person;
}

absl::StatusOr<Account> DecodeAccount(const Record& record) {
  FieldReader fields(record);
  Account account;
  account.id = fields.Required("id");
  account.industry = absl::AsciiStrToLower(fields.Text("industry").value_or(""));
  account.employees = fields.Number("employees", 0, 1e8);
  account.country = CountryCode(fields, "country").value_or("");
  account.open_escalations = fields.Integer("open_escalations", 0, 1000000).value_or(0);
  account.missed_commitments = fields.Integer("missed_commitments", 0, 1000000).value_or(0);
  if (const std::optional<std::string> cik = fields.Text("cik", 16); cik && !cik->empty()) {
    account.cik = NormalizeCik(*cik);
    if (account.cik.empty()) {
      fields.Problem("cik", absl::StrCat("'", *cik,
                                         "' is not SEC's Central Index Key (1 to 10 digits, as in "
                                         "320193 or CIK0000320193)"));
    }
  }
  static constexpr absl::string_view kKnown[] = {
      "id", "industry", "employees", "country", "open_escalations", "missed_commitments", "cik"};
  for (const Field& field : record.fields) {
    if (std::find(std::begin(kKnown), std::end(kKnown), field.name) != std::end(kKnown)) continue;
    absl::string_view name = field.name;
    absl::ConsumePrefix(&name, "attributes.");
    account.attributes[name] = field.text;
  }
  if (absl::Status status = fields.Result(); !status.ok()) return status;
  return account;
}

namespace {

// Every field a touch may have.
const std::initializer_list<absl::string_view> kTouchFields = {"person_id",
                                                               "channel",
                                                               "kind",
                                                               "sender",
                                                               "team",
                                                               "tool",
                                                               "campaign",
                                                               "topic",
                                                               "list",
                                                               "thread",
                                                               "step",
                                                               "priority",
                                                               "value",
                                                               "language",
                                                               "event_location.country",
                                                               "event_location.lat",
                                                               "event_location.lon",
                                                               "event_country",
                                                               "event_lat",
                                                               "event_lon",
                                                               "subject",
                                                               "body",
                                                               "at",
                                                               "expires",
                                                               "first_asked",
                                                               "at_best",
                                                               "on_limit",
                                                               "key",
                                                               "hold_ref",
                                                               "dry_run"};

// "event_location.{country,lat,lon}" or the flat "event_{country,lat,lon}";
// nullopt when neither is there.
std::optional<EventLocation> ReadEventLocation(FieldReader& fields) {
  const bool nested = fields.Get("event_location.country") || fields.Get("event_location.lat") ||
                      fields.Get("event_location.lon");
  const absl::string_view country_field = nested ? "event_location.country" : "event_country";
  const absl::string_view lat_field = nested ? "event_location.lat" : "event_lat";
  const absl::string_view lon_field = nested ? "event_location.lon" : "event_lon";
  if (!fields.Get(country_field) && !fields.Get(lat_field) && !fields.Get(lon_field)) {
    return std::nullopt;
  }
  EventLocation location;
  location.country = CountryCode(fields, country_field).value_or("");
  location.point = ReadPoint(fields, lat_field, lon_field);
  return location;
}

}  // namespace

std::optional<OnLimit> ParseOnLimit(absl::string_view name) {
  if (name == "defer") return OnLimit::kDefer;
  if (name == "drop") return OnLimit::kDrop;
  if (name == "hold") return OnLimit::kHold;
  return std::nullopt;
}

absl::StatusOr<Touch> DecodeTouch(const Record& record) {
  FieldReader fields(record);
  fields.RejectUnknown(kTouchFields);
  Touch touch;
  touch.person_id = fields.Required("person_id");
  if (fields.Get("channel") == nullptr) fields.Problem("channel", "is required");
  if (fields.Get("kind") == nullptr) fields.Problem("kind", "is required");
  if (auto channel =
          ParseNamed<Channel>(fields, "channel", ParseChannel, "a channel", ChannelNamesList()))
    touch.channel = *channel;
  if (auto kind = ParseNamed<Kind>(fields, "kind", ParseKind, "a kind", KindNamesList()))
    touch.kind = *kind;
  touch.sender = fields.Text("sender").value_or("");
  touch.team = fields.Text("team").value_or("");
  touch.tool = fields.Text("tool").value_or("");
  touch.campaign = fields.Text("campaign").value_or("");
  touch.topic = fields.Text("topic").value_or("");
  touch.list = fields.Text("list").value_or("");
  if (touch.list.find_first_of(",; ") != std::string::npos) {
    fields.Problem("list", "must be one list name, without commas, semicolons or spaces");
  }
  touch.thread = fields.Text("thread").value_or("");
  touch.step = fields.Integer("step", 0, kMaxStep).value_or(0);
  touch.priority = fields.Text("priority").value_or("");
  touch.value = fields.Integer("value", 0, kMaxValue).value_or(0);
  touch.language = fields.Text("language").value_or("");
  touch.subject = fields.Text("subject", kMaxTextBytes).value_or("");
  touch.body = fields.Text("body", kMaxTextBytes).value_or("");
  touch.at = fields.Time("at");
  touch.expires = fields.Time("expires");
  touch.first_asked = fields.Time("first_asked");
  touch.at_best = fields.Bool("at_best").value_or(false);
  touch.key = fields.Text("key").value_or("");
  touch.hold_ref = fields.Text("hold_ref").value_or("");
  touch.dry_run = fields.Bool("dry_run").value_or(false);
  if (auto on_limit = fields.Text("on_limit")) {
    if (const std::optional<OnLimit> parsed = ParseOnLimit(*on_limit))
      touch.on_limit = *parsed;
    else
      fields.Problem("on_limit", absl::StrCat("'", *on_limit, "' is not defer, drop or hold"));
  }
  touch.event_location = ReadEventLocation(fields);
  if (touch.at && touch.expires && *touch.expires < *touch.at) {
    fields.Problem("expires", "is before the touch's `at`");
  }
  if (touch.at && touch.first_asked && *touch.first_asked > *touch.at) {
    fields.Problem("first_asked", "is after the touch's `at`");
  }
  if (absl::Status status = fields.Result(); !status.ok()) return status;
  return touch;
}

absl::StatusOr<Event> DecodeEvent(const Record& record) {
  FieldReader fields(record);
  fields.RejectUnknown({"id", "type", "person_id", "channel", "touch_id", "at", "machine", "list"});
  Event event;
  event.id = fields.Required("id");
  event.person_id = fields.Required("person_id");
  if (fields.Get("type") == nullptr) fields.Problem("type", "is required");
  if (auto type = ParseNamed<EventType>(fields, "type", ParseEventType, "an event type",
                                        EventTypeNamesList()))
    event.type = *type;
  event.channel =
      ParseNamed<Channel>(fields, "channel", ParseChannel, "a channel", ChannelNamesList());
  event.touch_id = fields.Text("touch_id").value_or("");
  event.list = fields.Text("list").value_or("");
  event.at = fields.Time("at");
  event.machine = fields.Bool("machine").value_or(false);
  if (absl::Status status = fields.Result(); !status.ok()) return status;
  return event;
}

absl::StatusOr<TouchRecord> DecodeTouchRecord(const Record& record) {
  FieldReader fields(record);
  fields.RejectUnknown({"at", "channel", "kind", "sender", "thread", "step"});
  TouchRecord touch;
  if (fields.Get("at") == nullptr) fields.Problem("at", "is required");
  if (fields.Get("channel") == nullptr) fields.Problem("channel", "is required");
  if (fields.Get("kind") == nullptr) fields.Problem("kind", "is required");
  if (auto at = fields.Time("at")) touch.minute = ToMinute(*at);
  if (auto channel =
          ParseNamed<Channel>(fields, "channel", ParseChannel, "a channel", ChannelNamesList()))
    touch.channel = *channel;
  if (auto kind = ParseNamed<Kind>(fields, "kind", ParseKind, "a kind", KindNamesList()))
    touch.kind = *kind;
  touch.sender = StableKeyOf(fields.Text("sender").value_or(""));
  touch.thread = StableKeyOf(fields.Text("thread").value_or(""));
  touch.step = static_cast<uint8_t>(fields.Integer("step", 0, kMaxStep).value_or(0));
  if (absl::Status status = fields.Result(); !status.ok()) return status;
  return touch;
}

}  // namespace tact
