// The first answer to each check (GET/POST /v1/check), by the send it is
// about, for a while: a tool that renders one message several times (Braze
// renders HTML, text, AMP and a validation pass, each calling out) gets the
// first answer every time, and the send is recorded once.
//
// A send is its tool, campaign, channel, thread, step, person and key (the
// tool's id of the send, when it gives one). The first caller for a send claims it and decides;
// a caller for the same send meanwhile waits for that answer (up to
// `wait`), then answers it too. Answers are kept `window` after they were
// given, at most `capacity` of them (the oldest go first).
//
// Port, with MemoryCheckAnswers for a state of one process; on a Redis
// Cluster every node shares them (redis_state/redis_check_answers.h).
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
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
  std::string unsubscribe_url;  // the one-click link, for a send by email that has one
  std::string held_id;          // for a defer tact holds (on_limit = "hold")
  std::string best_at;          // RFC 3339, under [send_time] (Decision::best_at)
};

// How long answers are kept, and how long a caller waits for another's.
struct CheckAnswersOptions {
  absl::Duration window = absl::Hours(1);
  absl::Duration wait = absl::Seconds(5);
  size_t capacity = 100'000;  // in one process's memory (about 1 KB each)
};

class CheckAnswers {
 public:
  virtual ~CheckAnswers() = default;
  // The answer given for `send` (about `person_id`) within the window;
  // nullopt when there is none, and the caller then owns the send: it must
  // Give or Drop it. Errors: a shared store's (nothing claimed).
  virtual absl::StatusOr<std::optional<CheckAnswer>> Claim(absl::string_view person_id,
                                                           const std::string& send,
                                                           absl::Time now) = 0;
  virtual absl::Status Give(absl::string_view person_id, const std::string& send,
                            const CheckAnswer& answer, absl::Time now) = 0;
  // The claim failed (no answer could be given): the next caller decides.
  virtual void Drop(absl::string_view person_id, const std::string& send) = 0;
};

class MemoryCheckAnswers final : public CheckAnswers {
 public:
  explicit MemoryCheckAnswers(CheckAnswersOptions options);

  absl::StatusOr<std::optional<CheckAnswer>> Claim(absl::string_view person_id,
                                                   const std::string& send,
                                                   absl::Time now) override;
  absl::Status Give(absl::string_view person_id, const std::string& send, const CheckAnswer& answer,
                    absl::Time now) override;
  void Drop(absl::string_view person_id, const std::string& send) override;

  struct Entry {
    std::optional<CheckAnswer> answer;  // nullopt while its claimant decides
    absl::Time given;
  };

 private:
  // Drops the answers given a window or more before `now`.
  void Forget(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void DropOldest() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  const CheckAnswersOptions options_;
  absl::Mutex mutex_;
  absl::flat_hash_map<std::string, Entry> entries_ ABSL_GUARDED_BY(mutex_);
  std::deque<std::pair<absl::Time, std::string>> given_ ABSL_GUARDED_BY(mutex_);  // oldest first
};

}  // namespace tact
