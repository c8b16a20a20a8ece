// Port: the mirror's counts (report/mirror.h): what each source asked for,
// what tact answered and what the touches produced, per UTC day, and the
// reads the reports make of them.
//
// Contract for every implementation:
//   - Counts are additive and commutative; the caller counts each decision
//     and each outcome of a touch once.
//   - A crash loses at most what was counted since the last Flush (the
//     mirror is a report, not a record: decisions and events never depend
//     on it). Flush is called every few seconds and at exit.
//   - Reads see what every node sharing the mirror flushed, and this
//     node's counts.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include "core/decision.h"
#include "report/mirror.h"

namespace tact {

class MirrorStore : public MirrorReader {
 public:
  // One answer: asked, and sent, deferred or suppressed with the rules that
  // held it back, on `day` (the touch's intended day); and what `crowd`
  // says of it (the distribution and the collision matrix).
  virtual void CountDecision(const MirrorSource& source, Day day, const Decision& decision,
                             const MirrorCrowd& crowd) = 0;
  // One more of `measure` for a touch from `source` sent on `day`: an
  // outcome, or what the Governor counts of cold touches and hypotheses.
  virtual void CountOutcome(const MirrorSource& source, Day day, Measure measure) = 0;
  // Someone found dormant for the first time since they last engaged.
  virtual void CountBecameDormant(Day day) = 0;
  // Forgets days older than the mirror keeps and saves what changed since
  // the last call.
  virtual void Flush(Day today) = 0;
  // Cells kept (for the tact_mirror_cells gauge).
  virtual size_t cells() const = 0;
};

}  // namespace tact
