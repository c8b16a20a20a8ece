#include "server/api_error.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace tact {
namespace {

// "channel: 'fax' is not…" -> "channel"; "" when the problem names no field
// (a field name has no spaces and is followed by ": ").
absl::string_view FieldOf(absl::string_view problem) {
  const size_t colon = problem.find(": ");
  if (colon == absl::string_view::npos || colon == 0) return "";
  const absl::string_view name = problem.substr(0, colon);
  if (absl::StrContains(name, ' ')) return "";
  return name;
}

std::string Join(absl::string_view within, absl::string_view field) {
  if (within.empty()) return std::string(field);
  if (field.empty()) return std::string(within);
  if (field.front() == '[') return absl::StrCat(within, field);
  return absl::StrCat(within, ".", field);
}

}  // namespace

ApiError InvalidFields(const absl::Status& status, absl::string_view within) {
  ApiError error;
  error.status = 400;
  error.code = "invalid";
  std::vector<std::string> problems;
  for (absl::string_view problem : absl::StrSplit(status.message(), "; ")) {
    const absl::string_view field = FieldOf(problem);
    if (error.field.empty() && !field.empty()) error.field = Join(within, field);
    if (within.empty()) {
      problems.emplace_back(problem);
    } else if (field.empty()) {
      problems.push_back(absl::StrCat(within, ": ", problem));
    } else {
      problems.push_back(absl::StrCat(Join(within, field), problem.substr(field.size())));
    }
  }
  if (error.field.empty()) error.field = std::string(within);
  error.message = absl::StrJoin(problems, "; ");
  return error;
}

std::string ErrorJson(const ApiError& error) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("error");
  writer.StartObject();
  writer.Key("code");
  writer.String(error.code.data(), static_cast<rapidjson::SizeType>(error.code.size()));
  writer.Key("message");
  writer.String(error.message.data(), static_cast<rapidjson::SizeType>(error.message.size()));
  writer.Key("field");
  if (error.field.empty()) {
    writer.Null();
  } else {
    writer.String(error.field.data(), static_cast<rapidjson::SizeType>(error.field.size()));
  }
  writer.EndObject();
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace tact
