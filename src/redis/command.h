// What the cluster client runs: a command with the key that routes it, and
// Lua scripts called by their SHA1 (EVALSHA), loaded again on a node that
// answers NOSCRIPT.
#pragma once

#include <string>
#include <vector>

namespace tact::redis {

class Script;

struct Command {
  // The master serving this key's slot runs the command. A command on
  // several keys must give keys of one slot (one hash tag).
  std::string key;
  // The command and its arguments, binary-safe.
  std::vector<std::string> words;
  // Set for a script's call: on NOSCRIPT the client loads it and retries.
  // Points at a Script that outlives the call.
  const Script* script = nullptr;
};

// A Lua script, by source and SHA1. Immutable; thread-safe.
class Script {
 public:
  explicit Script(std::string source);

  // EVALSHA of this script on `keys` (at least one; all in one slot) and
  // `args`, routed by keys[0].
  Command Call(std::vector<std::string> keys, std::vector<std::string> args) const;

  const std::string& source() const { return source_; }
  const std::string& sha1() const { return sha1_; }

 private:
  std::string source_;
  std::string sha1_;  // lower-case hex, as SCRIPT LOAD answers
};

}  // namespace tact::redis
