#include "codec/record.h"

namespace tact {

const Field* Record::Find(absl::string_view name) const {
  for (const Field& field : fields) {
    if (SameName(field.name, name)) return field.type == FieldType::kNull ? nullptr : &field;
  }
  return nullptr;
}

}  // namespace tact
