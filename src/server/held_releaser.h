// The shell that lets held touches go (ports/held_touches.h): a thread that
// every `interval` asks the Governor to decide again the held touches that
// are due (Governor::ReleaseDue) and calls each tool back about those it
// decided, one callback at a time in the order they came due; then tells the
// Governor how each went (delivered, or retried with back-off, or dead).
// Finished held touches are forgotten `retention` after they last changed.
//
// Thread safety: constructed and destroyed on one thread; it runs its own.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/time/time.h"
#include "governor/governor.h"
#include "server/callback_config.h"
#include "server/logs.h"
#include "server/metrics.h"

namespace tact {

struct HeldReleaserOptions {
  absl::Duration interval = absl::Seconds(1);
  absl::Duration retention = absl::Hours(24 * 30);
  size_t batch = 1000;  // held touches decided again per round, at most
};

class HeldReleaser {
 public:
  // Starts the thread. Everything given must outlive it.
  HeldReleaser(Governor& governor, const CallbackConfig& callbacks, Metrics& metrics, Logs& logs,
               HeldReleaserOptions options);
  // Stops after the callback under way.
  ~HeldReleaser();

  // One round, on the caller's thread (the thread runs these): how many
  // callbacks it tried.
  size_t RunOnce();

 private:
  void Loop();

  Governor& governor_;
  const CallbackConfig& callbacks_;
  Metrics& metrics_;
  Logs& logs_;
  const HeldReleaserOptions options_;
  absl::Time last_forget_ = absl::InfinitePast();
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::thread thread_;
};

}  // namespace tact
