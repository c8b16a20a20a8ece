// A Redis reply as a value: what the cluster client hands back, copied out of
// hiredis's reply objects so that no hiredis type leaves src/redis.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace tact::redis {

struct Reply {
  enum class Type { kNil, kInteger, kString, kStatus, kError, kArray };

  Type type = Type::kNil;
  int64_t integer = 0;          // kInteger
  std::string text;             // kString, kStatus, kError
  std::vector<Reply> elements;  // kArray

  bool is_nil() const { return type == Type::kNil; }
  bool is_error() const { return type == Type::kError; }
  bool is_array() const { return type == Type::kArray; }
  // The first word of an error ("MOVED", "ASK", "NOSCRIPT", ...); empty for
  // any other reply.
  absl::string_view error_kind() const;
  // For an error reply: Unavailable naming `what` and Redis's words (the
  // command did not run: an OOM, a cluster down past the retries, a script
  // that refused before writing). OK for any other reply.
  absl::Status ErrorStatus(absl::string_view what) const;

  static Reply Integer(int64_t value);
  static Reply String(std::string value);
  static Reply Status(std::string value);
  static Reply Error(std::string value);
  static Reply Array(std::vector<Reply> elements);
};

}  // namespace tact::redis
