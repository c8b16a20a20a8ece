#include "server/api_error.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "codec/json_writer.h"
#include "policy/policy.h"

namespace tact {
namespace {

// "channel: 'fax' is not…" -> "channel"; "" when the problem names no field
// (a field name has no spaces and is followed by ": "). A name decoders
// quote because it has spaces (`"person_id ": unknown field`) is unquoted.
// `*length` is how much of `problem` the name takes.
std::string FieldOf(absl::string_view problem, size_t* length) {
  *length = 0;
  if (absl::StartsWith(problem, "\"")) {
    const size_t close = problem.find("\": ", 1);
    if (close == absl::string_view::npos) return "";
    *length = close + 1;
    return std::string(problem.substr(1, close - 1));
  }
  const size_t colon = problem.find(": ");
  if (colon == absl::string_view::npos || colon == 0) return "";
  const absl::string_view name = problem.substr(0, colon);
  if (absl::StrContains(name, ' ')) return "";
  *length = colon;
  return std::string(name);
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
  // Problems are "field: text" joined by "; "; a text may itself hold "; "
  // ("'fax' is not a channel; use email, …"): a piece that names no field
  // continues the problem before it.
  std::vector<std::string> pieces;
  for (absl::string_view piece : absl::StrSplit(status.message(), "; ")) {
    size_t length = 0;
    if (!pieces.empty() && FieldOf(piece, &length).empty()) {
      absl::StrAppend(&pieces.back(), "; ", piece);
    } else {
      pieces.emplace_back(piece);
    }
  }
  std::vector<std::string> problems;
  for (absl::string_view problem : pieces) {
    size_t length = 0;
    const std::string field = FieldOf(problem, &length);
    if (error.field.empty() && !field.empty()) error.field = Join(within, field);
    if (within.empty()) {
      problems.emplace_back(problem);
    } else if (field.empty()) {
      problems.push_back(absl::StrCat(within, ": ", problem));
    } else {
      problems.push_back(absl::StrCat(Join(within, field), problem.substr(length)));
    }
  }
  if (error.field.empty()) error.field = std::string(within);
  error.message = absl::StrJoin(problems, "; ");
  return error;
}

std::string ErrorJson(const ApiError& error) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("error");
  writer.StartObject();
  writer.Key("code");
  WriteString(writer, error.code);
  writer.Key("message");
  WriteString(writer, error.message);  // may echo a request's invalid UTF-8
  writer.Key("field");
  if (error.field.empty()) {
    writer.Null();
  } else {
    WriteString(writer, error.field);
  }
  writer.EndObject();
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

ApiError StateUnavailable(const absl::Status& status) {
  return {503, "state_unavailable",
          absl::StrCat("tact could not reach its state in time (", status.message(),
                       "); ask again after ", absl::ToInt64Seconds(kUnavailableRetryAfter), " s"),
          "", static_cast<int>(absl::ToInt64Seconds(kUnavailableRetryAfter))};
}

}  // namespace tact
