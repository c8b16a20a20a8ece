#include "store/profile_codec_v1.h"

#include <simdjson.h>

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/minutes.h"

namespace tact {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

absl::Status Corrupt(absl::string_view what, absl::string_view field) {
  return absl::DataLossError(absl::StrCat("a stored ", what, " (data format 1): field '", field,
                                          "' is not what format 1 wrote"));
}

std::optional<std::string> Text(element value) {
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) return std::nullopt;
  return std::string(text);
}

std::optional<std::vector<std::string>> Texts(element value) {
  simdjson::dom::array array;
  if (value.get_array().get(array) != simdjson::SUCCESS) return std::nullopt;
  std::vector<std::string> texts;
  for (element item : array) {
    auto text = Text(item);
    if (!text) return std::nullopt;
    texts.push_back(*std::move(text));
  }
  return texts;
}

// Calls `each` with every member of an object of strings; false when `value`
// is not one or `each` refuses a member.
bool EachText(element value, const std::function<bool(std::string, std::string)>& each) {
  object members;
  if (value.get_object().get(members) != simdjson::SUCCESS) return false;
  for (auto [key, item] : members) {
    auto text = Text(item);
    if (!text || !each(std::string(key), *std::move(text))) return false;
  }
  return true;
}

std::optional<Minute> MinuteOf(const std::string& text) {
  auto time = ParseUtc(text);
  if (!time.ok()) return std::nullopt;
  return ToMinute(*time);
}

bool ReadChannelMaps(std::string_view key, element value, Person& person) {
  if (key == "undeliverable") {
    auto names = Texts(value);
    for (const std::string& name : names.value_or(std::vector<std::string>{})) {
      auto channel = ParseChannel(name);
      if (!channel) return false;
      person.undeliverable.Add(*channel);
    }
    return names.has_value();
  }
  if (key == "consent") {
    return EachText(value, [&](std::string name, std::string text) {
      auto channel = ParseChannel(name);
      auto consent = ParseConsent(text);
      if (channel && consent) person.consent[static_cast<int>(*channel)] = *consent;
      return channel && consent;
    });
  }
  if (key == "consent_changed") {
    return EachText(value, [&](std::string name, std::string text) {
      auto channel = ParseChannel(name);
      auto minute = MinuteOf(text);
      if (channel && minute) person.consent_changed[static_cast<int>(*channel)] = *minute;
      return channel && minute;
    });
  }
  if (key == "list_changed") {
    return EachText(value, [&](std::string list, std::string text) {
      auto minute = MinuteOf(text);
      if (minute) person.SetListChanged(list, *minute);
      return minute.has_value();
    });
  }
  return false;
}

bool ReadPersonMember(std::string_view key, element value, Person& person) {
  if (key == "languages" || key == "unsubscribed_lists") {
    auto texts = Texts(value);
    (key == "languages" ? person.languages : person.unsubscribed_lists) =
        texts.value_or(std::vector<std::string>{});
    return texts.has_value();
  }
  if (key == "lat" || key == "lon") {
    double number = 0;
    if (value.get_double().get(number) != simdjson::SUCCESS) return false;
    if (!person.location) person.location = GeoPoint{};
    (key == "lat" ? person.location->lat : person.location->lon) = number;
    return true;
  }
  std::string* const texts[] = {&person.id,   &person.account_id, &person.country, &person.region,
                                &person.role, &person.email,      &person.phone};
  constexpr std::string_view kTextNames[] = {"id",   "account_id", "country", "region",
                                             "role", "email",      "phone"};
  for (size_t i = 0; i < std::size(kTextNames); ++i) {
    if (key != kTextNames[i]) continue;
    auto text = Text(value);
    if (text) *texts[i] = *std::move(text);
    return text.has_value();
  }
  if (key == "time_zone") {
    auto zone = Text(value);
    auto clock = LocalClock::ForZone(zone.value_or(""));
    if (clock.ok()) person.clock = *std::move(clock);
    return clock.ok();
  }
  return ReadChannelMaps(key, value, person);
}

bool ReadAccountMember(std::string_view key, element value, Account& account) {
  if (key == "id" || key == "industry" || key == "country") {
    auto text = Text(value);
    if (text)
      (key == "id" ? account.id : key == "industry" ? account.industry : account.country) = *text;
    return text.has_value();
  }
  if (key == "employees") {
    double employees = 0;
    if (value.get_double().get(employees) != simdjson::SUCCESS) return false;
    account.employees = employees;
    return true;
  }
  if (key == "open_escalations" || key == "missed_commitments") {
    int64_t count = 0;
    if (value.get_int64().get(count) != simdjson::SUCCESS) return false;
    (key == "open_escalations" ? account.open_escalations : account.missed_commitments) =
        static_cast<int>(count);
    return true;
  }
  if (key == "attributes") {
    return EachText(value, [&](std::string name, std::string text) {
      account.attributes[std::move(name)] = std::move(text);
      return true;
    });
  }
  return false;
}

template <typename T, typename ReadMember>
absl::StatusOr<T> DecodeObject(absl::string_view json, absl::string_view what,
                               ReadMember read_member) {
  simdjson::dom::parser parser;
  element root;
  object members;
  if (parser.parse(json.data(), json.size()).get(root) != simdjson::SUCCESS ||
      root.get_object().get(members) != simdjson::SUCCESS) {
    return absl::DataLossError(
        absl::StrCat("a stored ", what, " (data format 1): not a JSON object"));
  }
  T value;
  for (auto [key, member] : members) {
    if (!read_member(key, member, value))
      return Corrupt(what, absl::string_view(key.data(), key.size()));
  }
  return value;
}

}  // namespace

absl::StatusOr<Person> DecodeFormat1Person(absl::string_view json) {
  return DecodeObject<Person>(json, "person", ReadPersonMember);
}

absl::StatusOr<Account> DecodeFormat1Account(absl::string_view json) {
  return DecodeObject<Account>(json, "account", ReadAccountMember);
}

}  // namespace tact
