// The first answer to each check (GET/POST /v1/check), by the send it is
// about, for a while: a tool that renders one message several times (Braze
// renders HTML, text, AMP and a validation pass, each calling out) gets the
// first answer every time, and the send is recorded once.
//
// A send is its tool, campaign, person and key (the tool's id of the send,
// when it gives one). The first caller for a send claims it and decides;
// a caller for the same send meanwhile waits for that answer (up to
// `wait`), then answers it too. Answers are kept `window` after they were
// given, at most `capacity` of them (the oldest go first).
//
// Kept in this process's memory: behind a load balancer, the renders of one
// message reach one node only if it routes by the send (docs/integrations.md).
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace tact {

// What a check answered, as the check route renders it.
struct CheckAnswer {
  std::string decision;     // "send", "defer" or "suppress"
  std::string defer_until;  // RFC 3339, for "defer"
  std::string reason;       // the first reason's sentence ("" for a plain send)
  std::string reason_code;  // its rule id
  std::string touch_id;     // for a recorded send
  std::string person_id;
};

class CheckAnswers {
 public:
  struct Options {
    absl::Duration window = absl::Hours(1);
    absl::Duration wait = absl::Seconds(5);
    size_t capacity = 1'000'000;
  };
  explicit CheckAnswers(Options options);

  // The answer given for `send` within the window; nullopt when there is
  // none, and the caller then owns the send: it must Give or Drop it.
  std::optional<CheckAnswer> Claim(const std::string& send, absl::Time now);
  void Give(const std::string& send, CheckAnswer answer, absl::Time now);
  // The claim failed (no answer could be given): the next caller decides.
  void Drop(const std::string& send);

  struct Entry {
    std::optional<CheckAnswer> answer;  // nullopt while its claimant decides
    absl::Time given;
  };

 private:
  // Drops the answers given a window or more before `now`.
  void Forget(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void DropOldest() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  const Options options_;
  absl::Mutex mutex_;
  absl::flat_hash_map<std::string, Entry> entries_ ABSL_GUARDED_BY(mutex_);
  std::deque<std::pair<absl::Time, std::string>> given_ ABSL_GUARDED_BY(mutex_);  // oldest first
};

}  // namespace tact
