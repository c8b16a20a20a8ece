#include "redis/reply.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace tact::redis {

absl::string_view Reply::error_kind() const {
  if (type != Type::kError) return {};
  absl::string_view message = text;
  return message.substr(0, message.find(' '));
}

Reply Reply::Integer(int64_t value) {
  Reply reply;
  reply.type = Type::kInteger;
  reply.integer = value;
  return reply;
}

Reply Reply::String(std::string value) {
  Reply reply;
  reply.type = Type::kString;
  reply.text = std::move(value);
  return reply;
}

Reply Reply::Status(std::string value) {
  Reply reply = String(std::move(value));
  reply.type = Type::kStatus;
  return reply;
}

Reply Reply::Error(std::string value) {
  Reply reply = String(std::move(value));
  reply.type = Type::kError;
  return reply;
}

Reply Reply::Array(std::vector<Reply> elements) {
  Reply reply;
  reply.type = Type::kArray;
  reply.elements = std::move(elements);
  return reply;
}

absl::Status Reply::ErrorStatus(absl::string_view what) const {
  if (!is_error()) return absl::OkStatus();
  return absl::UnavailableError(absl::StrCat("redis: ", what, ": ", text));
}

}  // namespace tact::redis
