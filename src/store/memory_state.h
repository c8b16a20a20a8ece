// The state in memory only (`tact serve --store memory`, tests, benchmarks):
// every port's in-memory implementation. Nothing waits for a disk and a
// restart forgets everything.
#pragma once

#include <cstddef>

#include "ports/state.h"
#include "store/held_back_sample.h"
#include "store/local_mirror.h"
#include "store/memory_event_ids.h"
#include "store/memory_held_touches.h"
#include "store/memory_hypotheses.h"
#include "store/memory_policy_versions.h"
#include "store/memory_store.h"
#include "store/profiles.h"
#include "store/reputation.h"
#include "store/template_counter.h"
#include "store/touch_ledger.h"

namespace tact {

// Persistence for state that has none: everything is "durable" at once.
class NoPersistence final : public Persistence {
 public:
  bool durable() const override { return false; }
  uint64_t Mark() const override { return 0; }
  void WhenDurable(uint64_t, Urgency, std::function<void(absl::Status)> done) override {
    done(absl::OkStatus());
  }
  absl::Status Health() const override { return absl::OkStatus(); }
  void SetRetention(Minute, Minute) override {}
  absl::Status Backup(const std::string&) override {
    return absl::FailedPreconditionError("no durable store to back up");
  }
};

// A held-back log that keeps nothing, for states no report reads.
class NoHeldBackLog final : public HeldBackLog {
 public:
  void Add(HeldBack) override {}
  bool Keeps() const override { return false; }
  std::vector<HeldBack> Recent(size_t) const override { return {}; }
};

struct MemoryStateOptions {
  size_t expected_people = 0;             // pre-sizes the histories (0: grow as needed)
  size_t remembered_event_ids = 1000000;  // ids kept to refuse repeats
  // false: no held-back sample (`tact plan` and `tact simulate`, whose
  // reports read their own decisions), so held decisions copy nothing.
  bool keep_held_back = true;
  // false: sends are not entered in the touch ledger (`tact plan`, which
  // takes no events to attribute to them), so a send copies nothing there.
  bool keep_ledger = true;
};

class MemoryState {
 public:
  explicit MemoryState(MemoryStateOptions options = {})
      : histories(options.expected_people, options.keep_ledger ? &ledger : nullptr),
        event_ids(options.remembered_event_ids),
        keep_held_back_(options.keep_held_back) {}
  MemoryState(const MemoryState&) = delete;
  MemoryState& operator=(const MemoryState&) = delete;

  StatePorts ports() {
    HeldBackLog& held_back_log =
        keep_held_back_ ? static_cast<HeldBackLog&>(held_back) : no_held_back_;
    StatePorts ports{histories, profiles, ledger,        event_ids,   reputation,
                     templates, mirror,   held_back_log, persistence, hypotheses};
    ports.held = &held;
    ports.policy_versions = &policy_versions;
    return ports;
  }

  MemoryTouchLedger ledger;  // before the histories, which write to it
  MemoryStore histories;
  MemoryProfiles profiles;
  MemoryEventIds event_ids;
  ReputationTracker reputation;
  TemplateCounter templates;
  LocalMirror mirror;
  HeldBackSample held_back;
  MemoryHeldTouches held;
  NoPersistence persistence;
  MemoryHypotheses hypotheses;
  MemoryPolicyVersions policy_versions;

 private:
  const bool keep_held_back_;
  NoHeldBackLog no_held_back_;
};

}  // namespace tact
