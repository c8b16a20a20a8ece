#include "server/request_body.h"

#include "absl/strings/str_cat.h"
#include "codec/json_record.h"

namespace tact {
namespace {

// One parser per thread: it keeps its buffers between requests. An element
// it returns is valid until the thread's next parse.
simdjson::dom::parser& ThreadParser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

}  // namespace

std::optional<ApiError> ParseJson(std::string_view body, simdjson::dom::element* root) {
  const simdjson::error_code error =
      ThreadParser().parse(body.data(), body.size(), /*realloc_if_needed=*/true).get(*root);
  if (error == simdjson::SUCCESS) return std::nullopt;
  std::string message;
  if (body.empty()) {
    message = "the body is empty; send a JSON document";
  } else if (error == simdjson::NUMBER_ERROR || error == simdjson::NUMBER_OUT_OF_RANGE) {
    message = "the body has a number that is malformed or beyond 64 bits";
  } else {
    message = absl::StrCat("the body is not valid JSON: ", simdjson::error_message(error));
  }
  return ApiError{400, "bad_json", std::move(message), ""};
}

ApiError TooLarge(absl::string_view field, size_t count, size_t limit, absl::string_view what) {
  return ApiError{413, "too_large",
                  absl::StrCat(field, ": ", count, " ", what, "; a request takes at most ", limit),
                  std::string(field)};
}

// A body's record with the path's id filled in (or checked against it).
std::optional<ApiError> RecordWithId(std::string_view body, const std::string& id, Record* record) {
  simdjson::dom::element root;
  if (auto error = ParseJson(body, &root)) return error;
  auto parsed = RecordFromElement(root);
  if (!parsed.ok()) return InvalidFields(parsed.status());
  *record = *std::move(parsed);
  for (const Field& field : record->fields) {
    if (field.name != "id") continue;
    if (field.text != id) {
      return ApiError{400, "invalid",
                      absl::StrCat("id: '", field.text, "' differs from the id in the path ('", id,
                                   "'); leave it out or make them equal"),
                      "id"};
    }
    return std::nullopt;
  }
  record->fields.push_back(Field{"id", id, FieldType::kString});
  return std::nullopt;
}

}  // namespace tact
