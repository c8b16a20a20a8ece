#include "codec/json_writer.h"

#include "codec/record_reader.h"

namespace tact {

void WriteString(JsonWriter& writer, absl::string_view text) {
  if (IsValidUtf8(text)) {
    writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    return;
  }
  const std::string valid = ToValidUtf8(text);
  writer.String(valid.data(), static_cast<rapidjson::SizeType>(valid.size()));
}

}  // namespace tact
