#include "events/providers/json_fields.h"

#include <cmath>

#include "absl/strings/str_cat.h"

namespace tact::providers {
namespace {

std::optional<simdjson::dom::element> Member(simdjson::dom::object object, absl::string_view key) {
  simdjson::dom::element value;
  if (object.at_key(std::string_view(key.data(), key.size())).get(value) != simdjson::SUCCESS)
    return std::nullopt;
  return value;
}

}  // namespace

std::optional<std::string> Text(simdjson::dom::object object, absl::string_view key) {
  auto value = Member(object, key);
  std::string_view text;
  if (!value || value->get_string().get(text) != simdjson::SUCCESS) return std::nullopt;
  return std::string(text);
}

std::optional<std::string> Scalar(simdjson::dom::object object, absl::string_view key) {
  auto value = Member(object, key);
  if (!value) return std::nullopt;
  std::string_view text;
  int64_t integer;
  if (value->get_string().get(text) == simdjson::SUCCESS) return std::string(text);
  if (value->get_int64().get(integer) == simdjson::SUCCESS) return absl::StrCat(integer);
  return std::nullopt;
}

std::optional<double> Number(simdjson::dom::object object, absl::string_view key) {
  auto value = Member(object, key);
  double number;
  if (!value || value->get_double().get(number) != simdjson::SUCCESS) return std::nullopt;
  return number;
}

std::optional<bool> Bool(simdjson::dom::object object, absl::string_view key) {
  auto value = Member(object, key);
  bool flag;
  if (!value || value->get_bool().get(flag) != simdjson::SUCCESS) return std::nullopt;
  return flag;
}

std::optional<simdjson::dom::object> Object(simdjson::dom::object object, absl::string_view key) {
  auto value = Member(object, key);
  simdjson::dom::object inner;
  if (!value || value->get_object().get(inner) != simdjson::SUCCESS) return std::nullopt;
  return inner;
}

std::optional<absl::Time> Rfc3339(absl::string_view text) {
  absl::Time time;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, text, &time, &error)) return std::nullopt;
  return time;
}

std::optional<absl::Time> UnixSeconds(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0 || seconds > 1e11) return std::nullopt;
  return absl::FromUnixMicros(static_cast<int64_t>(seconds * 1e6));
}

}  // namespace tact::providers
