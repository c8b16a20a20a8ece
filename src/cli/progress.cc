#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace tact {

ProgressBar::ProgressBar(std::string label, bool enabled)
    : label_(std::move(label)), active_(enabled && isatty(STDERR_FILENO) == 1) {}

ProgressBar::~ProgressBar() {
  if (active_) std::fputs("\r\033[K", stderr);
}

void ProgressBar::Update(size_t done, size_t total) {
  if (!active_ || total == 0) return;
  const auto now = std::chrono::steady_clock::now();
  if (done < total && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(kWidth * done / total);
  std::fprintf(stderr, "\r\033[K%s [%.*s%*s] %3zu%% %zu/%zu", label_.c_str(), filled,
               "==============================", kWidth - filled, "", 100 * done / total, done,
               total);
  std::fflush(stderr);
}

}  // namespace tact
