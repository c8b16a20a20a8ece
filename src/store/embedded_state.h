// The embedded state (the default): a data directory, locked, holding a
// RocksDB journal. The working set is the in-memory implementation of each
// port, loaded from the journal at open, with every change written through
// to it; the journal is the state's EventIds and Persistence. The
// reputation and template counts are not stored: they are counted again
// from the touch ledger at open.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "policy/policy.h"
#include "ports/state.h"
#include "store/data_dir.h"
#include "store/embedded_store.h"
#include "store/held_back_sample.h"
#include "store/journal.h"
#include "store/local_mirror.h"
#include "store/memory_held_touches.h"
#include "store/profiles.h"
#include "store/reputation.h"
#include "store/template_counter.h"
#include "store/touch_ledger.h"

namespace tact {

class EmbeddedState {
 public:
  // Locks `dir` (creating it when missing), checks its FORMAT, opens the
  // journal and loads it: histories pruned at `policy`'s retention as of
  // now, the touch ledger within its retention, the mirror's stored days.
  // Compaction keeps everything until the Governor sets the policy's
  // retention (Persistence::SetRetention) as it starts.
  // With `start_empty`, whatever state `dir` held is removed first (once it
  // is locked). The errors of LockDataDir, CheckFormat and Journal::Open,
  // and DataLoss for a stored value that does not decode.
  static absl::StatusOr<std::unique_ptr<EmbeddedState>> Open(const std::string& dir,
                                                             JournalOptions options,
                                                             const Policy& policy,
                                                             bool start_empty = false);
  // Opens `dir` to read it (Journal::OpenReadOnly), whether or not a tact
  // is serving it, and loads everything in it; nothing may be written.
  static absl::StatusOr<std::unique_ptr<EmbeddedState>> OpenReadOnly(const std::string& dir,
                                                                     const Policy& policy);

  EmbeddedState(const EmbeddedState&) = delete;
  EmbeddedState& operator=(const EmbeddedState&) = delete;

  StatePorts ports() {
    StatePorts ports{*histories, profiles, ledger,    *journal, reputation,
                     templates,  *mirror,  held_back, *journal, hypotheses};
    ports.held = &held;
    ports.policy_versions = &policy_versions;
    return ports;
  }
  // What the journal held at open.
  const JournalContents& contents() const { return contents_; }

  // Destroyed in reverse: the working set, the journal, the lock last.
  DataDirLock lock;
  std::unique_ptr<Journal> journal;
  MemoryTouchLedger ledger;  // before the histories, which write to it
  std::unique_ptr<EmbeddedStore> histories;
  MemoryProfiles profiles;
  ReputationTracker reputation;
  TemplateCounter templates;
  std::unique_ptr<LocalMirror> mirror;
  HeldBackSample held_back;
  MemoryHeldTouches held;
  MemoryHypotheses hypotheses;
  MemoryPolicyVersions policy_versions;

 private:
  EmbeddedState() = default;
  // Brings a directory of data format `version` up to this one (data_dir.h).
  absl::Status MigrateFormat(const std::string& dir, int version);
  // Loads the journal into the working set as of `now` and writes every
  // later change through.
  absl::Status Load(const Policy& policy, absl::Time now, Minute history_horizon);

  JournalContents contents_;
};

}  // namespace tact
