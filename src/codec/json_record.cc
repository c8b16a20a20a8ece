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

// Fills a record's fields in order, reusing the fields (and their strings'
// storage) a record read before left behind.
class FieldFiller {
 public:
  explicit FieldFiller(Record& record) : record_(record) {}

  Field& Next(absl::string_view name) {
    if (used_ == record_.fields.size()) record_.fields.emplace_back();
    Field& field = record_.fields[used_++];
    field.name.assign(name.data(), name.size());
    field.text.clear();
    field.type = FieldType::kText;
    return field;
  }

  // Drops the fields not filled this time.
  void Finish() { record_.fields.resize(used_); }

 private:
  Record& record_;
  size_t used_ = 0;
};

void AssignNumber(const absl::AlphaNum& number, std::string& text) {
  text.assign(number.data(), number.size());
}

// One scalar's text and type into `field`; false when the element is not a
// string, number, boolean or null.
bool FlattenScalar(simdjson::dom::element element, Field& field) {
  switch (element.type()) {
    case simdjson::dom::element_type::STRING: {
      field.type = FieldType::kString;
      const std::string_view text = element.get_string().value_unsafe();
      field.text.assign(text.data(), text.size());
      return true;
    }
    case simdjson::dom::element_type::INT64:
      field.type = FieldType::kNumber;
      AssignNumber(element.get_int64().value_unsafe(), field.text);
      return true;
    case simdjson::dom::element_type::UINT64:
      field.type = FieldType::kNumber;
      AssignNumber(element.get_uint64().value_unsafe(), field.text);
      return true;
    case simdjson::dom::element_type::DOUBLE:
      field.type = FieldType::kNumber;
      AssignNumber(element.get_double().value_unsafe(), field.text);
      return true;
    case simdjson::dom::element_type::BOOL:
      field.type = FieldType::kBool;
      field.text.assign(element.get_bool().value_unsafe() ? "true" : "false");
      return true;
    case simdjson::dom::element_type::NULL_VALUE:
      field.type = FieldType::kNull;
      return true;
    default:
      return false;
  }
}

absl::Status FlattenList(simdjson::dom::element element, absl::string_view name, Field& field) {
  field.type = FieldType::kList;
  simdjson::dom::array array;
  if (element.get_array().get(array) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError(absl::StrCat(name, ": must be a list"));
  }
  bool first = true;
  Field scalar;
  for (simdjson::dom::element item : array) {
    if (!FlattenScalar(item, scalar) || scalar.type == FieldType::kNull) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ": must be a list of strings or numbers"));
    }
    if (!first) field.text += ',';
    field.text += scalar.text;
    first = false;
  }
  return absl::OkStatus();
}

// The members of `object`, their names after `prefix` and a dot (none at the top).
absl::Status FlattenObject(simdjson::dom::object object, absl::string_view prefix,
                           FieldFiller& filler) {
  for (auto [key, value] : object) {
    // Nested objects are rare; only their members' names are built.
    std::string nested;
    absl::string_view name = Absl(key);
    if (!prefix.empty()) {
      nested = absl::StrCat(prefix, ".", name);
      name = nested;
    }
    switch (value.type()) {
      case simdjson::dom::element_type::OBJECT: {
        const std::string child(name);
        if (absl::Status status = FlattenObject(value.get_object().value_unsafe(), child, filler);
            !status.ok()) {
          return status;
        }
        break;
      }
      case simdjson::dom::element_type::ARRAY:
        if (absl::Status status = FlattenList(value, name, filler.Next(name)); !status.ok()) {
          return status;
        }
        break;
      default:
        if (!FlattenScalar(value, filler.Next(name))) {
          return absl::InvalidArgumentError(
              absl::StrCat(name, ": must be a string, number or boolean"));
        }
    }
  }
  return absl::OkStatus();
}

// JSON allows a repeated key; tact does not guess which one was meant.
absl::Status CheckNamesDiffer(const Record& record) {
  const std::vector<Field>& fields = record.fields;
  constexpr size_t kFewFields = 24;  // comparing each pair is cheaper than hashing
  if (fields.size() <= kFewFields) {
    for (size_t index = 1; index < fields.size(); ++index) {
      for (size_t before = 0; before < index; ++before) {
        if (fields[before].name == fields[index].name) {
          return absl::InvalidArgumentError(
              absl::StrCat(fields[index].name, ": appears more than once"));
        }
      }
    }
    return absl::OkStatus();
  }
  absl::flat_hash_set<absl::string_view> names;
  for (const Field& field : fields) {
    if (!names.insert(field.name).second) {
      return absl::InvalidArgumentError(absl::StrCat(field.name, ": appears more than once"));
    }
  }
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
  Record record;
  if (absl::Status status = FillRecordFromElement(element, record); !status.ok()) return status;
  return record;
}

absl::Status FillRecordFromElement(simdjson::dom::element element, Record& record) {
  record.line = 0;
  FieldFiller filler(record);
  if (element.type() != simdjson::dom::element_type::OBJECT) {
    filler.Finish();
    return absl::InvalidArgumentError("must be a JSON object");
  }
  absl::Status status = FlattenObject(element.get_object().value_unsafe(), "", filler);
  filler.Finish();
  if (!status.ok()) return status;
  return CheckNamesDiffer(record);
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
