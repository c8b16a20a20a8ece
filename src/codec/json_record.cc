#include "codec/json_record.h"

#include <unicode/unistr.h>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "codec/record_reader.h"

namespace tact {
namespace {

absl::string_view Absl(std::string_view text) {
  return absl::string_view(text.data(), text.size());
}

absl::Status Flatten(simdjson::dom::element element, const std::string& name, Record* record);

absl::Status FlattenScalar(simdjson::dom::element element, const std::string& name, Field* field) {
  field->name = name;
  switch (element.type()) {
    case simdjson::dom::element_type::STRING:
      field->type = FieldType::kString;
      field->text = std::string(std::string_view(element.get_string().value_unsafe()));
      return absl::OkStatus();
    case simdjson::dom::element_type::INT64:
      field->type = FieldType::kNumber;
      field->text = absl::StrCat(element.get_int64().value_unsafe());
      return absl::OkStatus();
    case simdjson::dom::element_type::UINT64:
      field->type = FieldType::kNumber;
      field->text = absl::StrCat(element.get_uint64().value_unsafe());
      return absl::OkStatus();
    case simdjson::dom::element_type::DOUBLE:
      field->type = FieldType::kNumber;
      field->text = absl::StrCat(element.get_double().value_unsafe());
      return absl::OkStatus();
    case simdjson::dom::element_type::BOOL:
      field->type = FieldType::kBool;
      field->text = element.get_bool().value_unsafe() ? "true" : "false";
      return absl::OkStatus();
    case simdjson::dom::element_type::NULL_VALUE:
      field->type = FieldType::kNull;
      return absl::OkStatus();
    default:
      return absl::InvalidArgumentError(
          absl::StrCat(name, ": must be a string, number or boolean"));
  }
}

absl::Status Flatten(simdjson::dom::element element, const std::string& name, Record* record) {
  if (element.type() == simdjson::dom::element_type::OBJECT) {
    simdjson::dom::object object;
    if (element.get_object().get(object) != simdjson::SUCCESS) {
      return absl::InvalidArgumentError(absl::StrCat(name, ": must be an object"));
    }
    for (auto [key, value] : object) {
      const std::string child =
          name.empty() ? std::string(key) : absl::StrCat(name, ".", Absl(key));
      if (absl::Status status = Flatten(value, child, record); !status.ok()) return status;
    }
    return absl::OkStatus();
  }
  Field field;
  if (element.type() == simdjson::dom::element_type::ARRAY) {
    field.name = name;
    field.type = FieldType::kList;
    bool first = true;
    simdjson::dom::array array;
    if (element.get_array().get(array) != simdjson::SUCCESS) {
      return absl::InvalidArgumentError(absl::StrCat(name, ": must be a list"));
    }
    for (simdjson::dom::element item : array) {
      Field scalar;
      if (!FlattenScalar(item, name, &scalar).ok() || scalar.type == FieldType::kNull) {
        return absl::InvalidArgumentError(
            absl::StrCat(name, ": must be a list of strings or numbers"));
      }
      if (!first) field.text += ',';
      field.text += scalar.text;
      first = false;
    }
    record->fields.push_back(std::move(field));
    return absl::OkStatus();
  }
  if (absl::Status status = FlattenScalar(element, name, &field); !status.ok()) return status;
  record->fields.push_back(std::move(field));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Record> RecordFromJson(absl::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  const simdjson::padded_string padded(json.data(), json.size());
  if (auto error = parser.parse(padded).get(root); error != simdjson::SUCCESS) {
    return absl::InvalidArgumentError(
        absl::StrCat("not valid JSON (", simdjson::error_message(error), ")"));
  }
  return RecordFromElement(root);
}

absl::StatusOr<Record> RecordFromElement(simdjson::dom::element element) {
  if (element.type() != simdjson::dom::element_type::OBJECT) {
    return absl::InvalidArgumentError("must be a JSON object");
  }
  Record record;
  if (absl::Status status = Flatten(element, "", &record); !status.ok()) return status;
  // JSON allows a repeated key; tact does not guess which one was meant.
  absl::flat_hash_set<absl::string_view> names;
  for (const Field& field : record.fields) {
    if (!names.insert(field.name).second) {
      return absl::InvalidArgumentError(absl::StrCat(field.name, ": appears more than once"));
    }
  }
  return record;
}

bool IsValidUtf8(absl::string_view text) {
  return simdjson::validate_utf8(text.data(), text.size());
}

std::string ToValidUtf8(absl::string_view text) {
  if (IsValidUtf8(text)) return std::string(text);
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())))
      .toUTF8String(out);
  return out;
}

}  // namespace tact
