// `tact serve`'s settings, each written once: its flag, the field of
// ServeOptions it sets (whose initialiser is its default), what it means and
// which values it takes. The table drives the command line (CLI11), `--help`
// (which shows every default) and the checks run before anything starts.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "cli/commands.h"

namespace CLI {
class App;
}

namespace tact {

struct ServeSetting {
  using Field = std::variant<std::string ServeOptions::*, int ServeOptions::*,
                             size_t ServeOptions::*, bool ServeOptions::*>;
  struct Range {
    int64_t min;
    int64_t max;
  };

  const char* flag;  // "--group-commit-ms"
  Field field;
  const char* description;
  std::optional<Range> range;        // a number's accepted values, both ends included
  std::vector<const char*> choices;  // a text's accepted values; empty: any
};

// Every setting, in the order --help lists them. Thread-safe (immutable).
std::span<const ServeSetting> ServeSettings();

// Adds every setting to `command`, bound to `options`, which must outlive it.
void AddServeSettings(CLI::App& command, ServeOptions& options);

// OK, or InvalidArgument naming the flag and the values it takes: each
// setting's range or choices, then the rules between settings (--tokens or
// --insecure-no-auth, which needs a loopback --listen; --data unless
// --store memory or --demo).
absl::Status CheckServeSettings(const ServeOptions& options);

// "127.0.0.1:8080" or "[::1]:8080" -> host and port; nullopt when not HOST:PORT.
struct ListenAddress {
  std::string host;
  uint16_t port = 0;
};
std::optional<ListenAddress> ParseListen(const std::string& listen);

}  // namespace tact
