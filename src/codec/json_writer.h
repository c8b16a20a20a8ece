// Writing JSON with RapidJSON: the writer type the codecs share and the
// helpers every encoder needs (absl::string_view in, std::string out).
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace tact {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// Every string tact writes is valid UTF-8: text that is not (echoed from a
// bad request) is written with U+FFFD in place of its invalid bytes.
void WriteString(JsonWriter& writer, absl::string_view text);

// "key": "value", inside an object being written.
inline void WriteStringField(JsonWriter& writer, absl::string_view key, absl::string_view value) {
  writer.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  WriteString(writer, value);
}

// "key": "value", or "key": null when the value is empty.
inline void WriteTextOrNull(JsonWriter& writer, absl::string_view key, absl::string_view value) {
  writer.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  if (value.empty()) {
    writer.Null();
  } else {
    WriteString(writer, value);
  }
}

// "key": ["a", "b"], inside an object being written ([] when empty).
inline void WriteStringsField(JsonWriter& writer, absl::string_view key,
                              absl::Span<const std::string> values) {
  writer.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  writer.StartArray();
  for (const std::string& value : values) WriteString(writer, value);
  writer.EndArray();
}

inline std::string JsonText(const rapidjson::StringBuffer& buffer) {
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace tact
