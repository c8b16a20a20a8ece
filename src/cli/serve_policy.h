// The policy of `tact serve`: the --policy file, SIGHUP, and with several
// nodes on one state the policy they share (ports/shared_policy.h).
//
// Thread safety: ReloadPolicy and JoinSharedPolicy may be called from any
// thread; PolicyFollower's methods from the thread that owns it.
#pragma once

#include <thread>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "cli/commands.h"
#include "governor/governor.h"
#include "server/logs.h"

namespace tact {

// SIGHUP: reads the policy file again and makes it the policy in force
// (on every node, when shared); a policy with problems is refused and the
// previous one stays. Logs what happened.
void ReloadPolicy(const ServeOptions& options, Governor& governor, Logs& logs);

// At start, with a shared policy: a node given --policy publishes its file
// (the operator's latest word); one without adopts the policy in force, if
// any node published one. The state's or the policy's errors.
absl::Status JoinSharedPolicy(const ServeOptions& options, Governor& governor, Logs& logs);

// Adopts what other nodes publish, asking every `interval` on its own
// thread, from construction to destruction; nothing without a shared policy.
class PolicyFollower {
 public:
  static constexpr absl::Duration kInterval = absl::Milliseconds(500);

  PolicyFollower(const ServeOptions& options, Governor& governor, Logs& logs);
  ~PolicyFollower();
  PolicyFollower(const PolicyFollower&) = delete;
  PolicyFollower& operator=(const PolicyFollower&) = delete;

 private:
  void Follow();

  const ServeOptions& options_;
  Governor& governor_;
  Logs& logs_;
  absl::Mutex mutex_;
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::thread thread_;
};

}  // namespace tact
