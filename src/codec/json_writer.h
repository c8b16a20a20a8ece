// Writing JSON with RapidJSON: the writer type the codecs share and the
// helpers every encoder needs (absl::string_view in, std::string out).
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstring>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace tact {

// True when `text` is printable ASCII without '"' or '\\': JSON holds it as it
// is, with no escape and no UTF-8 to check.
bool IsPlainJsonText(absl::string_view text);

// RapidJSON's writer, writing the same bytes faster where most of what tact
// writes (keys, ids, names, times) needs no escaping: such a string is copied
// in one piece where RapidJSON looks at each byte, and raw JSON is copied with
// memcpy. Everything else is RapidJSON's own.
//
// Thread safety: none; one writer per buffer.
class JsonWriter : public rapidjson::Writer<rapidjson::StringBuffer> {
 public:
  using Base = rapidjson::Writer<rapidjson::StringBuffer>;
  using Base::Base;

  bool String(const char* text, rapidjson::SizeType length, bool copy = false) {
    if (!IsPlainJsonText(absl::string_view(text, length))) return Base::String(text, length, copy);
    return PlainString(absl::string_view(text, length));
  }
  bool String(const char* text) { return String(text, std::strlen(text)); }
  bool String(const std::string& text) { return String(text.data(), Size(text.size())); }
  bool Key(const char* text, rapidjson::SizeType length, bool copy = false) {
    return String(text, length, copy);
  }
  bool Key(const char* text) { return String(text); }
  bool Key(const std::string& text) { return String(text); }

  // `text` must be plain (IsPlainJsonText): it is written between quotes as it is.
  bool PlainString(absl::string_view text) {
    Prefix(rapidjson::kStringType);
    char* out = os_->Push(text.size() + 2);
    out[0] = '"';
    if (!text.empty()) std::memcpy(out + 1, text.data(), text.size());
    out[text.size() + 1] = '"';
    return EndValue(true);
  }

  bool RawValue(const char* json, size_t length, rapidjson::Type type) {
    Prefix(type);
    if (length > 0) std::memcpy(os_->Push(length), json, length);
    return EndValue(true);
  }

 private:
  static rapidjson::SizeType Size(size_t size) { return static_cast<rapidjson::SizeType>(size); }
};

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
