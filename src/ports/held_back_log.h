// Port: the most recent touches tact held back (deferred or suppressed), so
// a report can point at people to look at. A sample, not a record: an
// implementation keeps a bounded number and may keep them per node.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstddef>
#include <vector>

#include "report/held_back.h"

namespace tact {

class HeldBackLog {
 public:
  // The most Recent() is asked for (GET /v1/reports/held-back's limit).
  static constexpr size_t kRecentMax = 256;

  virtual ~HeldBackLog() = default;
  virtual void Add(HeldBack held_back) = 0;
  // Whether Add keeps anything: a log that keeps nothing (a plan's) spares
  // its callers building the rows.
  virtual bool Keeps() const { return true; }
  // Newest first, at most `limit`, one row per person (their latest).
  virtual std::vector<HeldBack> Recent(size_t limit) const = 0;
};

}  // namespace tact
