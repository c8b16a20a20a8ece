// A one-line progress bar on a terminal; silent elsewhere (pipes, CI logs).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace tact {

class ProgressBar {
 public:
  // Draws on stderr only when `enabled` and stderr is a terminal.
  ProgressBar(std::string label, bool enabled);
  ~ProgressBar();
  void Update(size_t done, size_t total);

 private:
  std::string label_;
  bool active_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace tact
