// The building blocks of the embedded store's binary encodings: unsigned
// LEB128 varints, length-prefixed strings, and fixed-width little-endian
// numbers. Frozen: every stored value written with them is read by these same
// rules, so they never change (add new helpers instead).
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace tact {

static_assert(std::endian::native == std::endian::little,
              "the embedded store's encodings are little-endian");

// Appends to a string it does not own; the string must outlive the writer.
class ByteWriter {
 public:
  explicit ByteWriter(std::string* out) : out_(out) {}

  void Byte(uint8_t value) { out_->push_back(static_cast<char>(value)); }
  void Varint(uint64_t value) {
    while (value >= 0x80) {
      Byte(static_cast<uint8_t>(value | 0x80));
      value >>= 7;
    }
    Byte(static_cast<uint8_t>(value));
  }
  void Text(absl::string_view text) {
    Varint(text.size());
    out_->append(text.data(), text.size());
  }
  template <typename T>
  void Fixed(T value) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    out_->append(bytes, sizeof(T));
  }

 private:
  std::string* out_;
};

// Reads from bytes it does not own. Every read returns nullopt (and the reader
// stays failed) when the bytes end early or a varint is overlong.
class ByteReader {
 public:
  explicit ByteReader(absl::string_view bytes) : rest_(bytes) {}

  std::optional<uint8_t> Byte() {
    if (failed_ || rest_.empty()) return Fail<uint8_t>();
    const auto value = static_cast<uint8_t>(rest_.front());
    rest_.remove_prefix(1);
    return value;
  }
  std::optional<uint64_t> Varint() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const std::optional<uint8_t> byte = Byte();
      if (!byte) return std::nullopt;
      value |= static_cast<uint64_t>(*byte & 0x7f) << shift;
      if ((*byte & 0x80) == 0) return value;
    }
    return Fail<uint64_t>();
  }
  std::optional<std::string> Text() {
    const std::optional<uint64_t> size = Varint();
    if (!size || *size > rest_.size()) return Fail<std::string>();
    std::string text(rest_.substr(0, *size));
    rest_.remove_prefix(*size);
    return text;
  }
  template <typename T>
  std::optional<T> Fixed() {
    if (failed_ || rest_.size() < sizeof(T)) return Fail<T>();
    T value;
    std::memcpy(&value, rest_.data(), sizeof(T));
    rest_.remove_prefix(sizeof(T));
    return value;
  }

  bool failed() const { return failed_; }
  // True when every byte was read and none was missing.
  bool done() const { return !failed_ && rest_.empty(); }

 private:
  template <typename T>
  std::optional<T> Fail() {
    failed_ = true;
    return std::nullopt;
  }

  absl::string_view rest_;
  bool failed_ = false;
};

}  // namespace tact
