// The policy of `tact serve`: the --policy file, SIGHUP, and with several
// nodes on one state the policy they share (ports/shared_policy.h).
//
// Thread safety: ReloadPolicy and StartPolicy may be called from any
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

// At start: the policy this node was given (--policy, or the built-in
// default) is kept as a version unless it is the latest one already, and,
// with a shared policy, published (the operator's latest word). A node of a
// shared state given no --policy adopts the policy in force instead, if any
// node published one. The state's or the policy's errors.
absl::Status StartPolicy(const ServeOptions& options, Governor& governor, Logs& logs);

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
