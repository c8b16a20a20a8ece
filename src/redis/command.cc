#include "redis/command.h"

#include <openssl/sha.h>

#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace tact::redis {

Script::Script(std::string source) : source_(std::move(source)) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(source_.data()), source_.size(), digest);
  sha1_ = absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

Command Script::Call(std::vector<std::string> keys, std::vector<std::string> args) const {
  Command command;
  command.key = keys.empty() ? std::string() : keys.front();
  command.words.reserve(3 + keys.size() + args.size());
  command.words.push_back("EVALSHA");
  command.words.push_back(sha1_);
  command.words.push_back(absl::StrCat(keys.size()));
  for (std::string& key : keys) command.words.push_back(std::move(key));
  for (std::string& arg : args) command.words.push_back(std::move(arg));
  command.script = this;
  return command;
}

}  // namespace tact::redis
