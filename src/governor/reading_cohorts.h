// When people like a person read: engagement by local hour of the week,
// pooled by country, time zone and role, for the prior that a person's own
// send-time profile is pulled toward while their own data is thin
// (core/send_time.h ReadingShares).
//
// Kept in this process's memory from the engagements it counted since it
// started (on several nodes, each learns from the events it receives); not
// stored. Until a cohort has many engagements the working week dominates,
// so a restart costs a little precision, never a wrong hour.
//
// Thread safety: Count and Publish may be called from any thread; PriorFor
// reads the last published counts without a lock.
#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "core/person.h"
#include "core/send_time.h"

namespace tact {

// At most this many cohorts are counted (countries, zones and roles
// together); engagements of people in further ones count for their other
// cohorts only. Roles are free text: the bound keeps their table small.
inline constexpr size_t kMaxReadingCohorts = 4096;

class ReadingCohorts {
 public:
  ReadingCohorts();

  // Counts an engagement of `person` at local hour of the week `hour`, for
  // each of their cohorts (country, zone and role, each when known).
  void Count(const Person& person, EngagementKind engagement, int hour);

  // Makes what was counted visible to PriorFor. Called every few seconds.
  void Publish();

  // The prior for `person`: their cohorts' engagements pooled with
  // `fallback`, which counts as kPriorEngagements engagements, made in
  // `pooled`; `fallback` itself, nothing made, when none of their cohorts
  // counted any (a prior is 1,344 bytes: most decisions copy none). The
  // answer lives as long as `fallback` and `pooled`.
  const SendTimePrior& PriorFor(const Person& person, const SendTimePrior& fallback,
                                std::optional<SendTimePrior>& pooled) const;

  // How many cohorts are counted (for tests and metrics).
  size_t cohorts() const;

 private:
  using Hours = std::array<float, kHoursOfWeek>;
  using Table = absl::flat_hash_map<std::string, Hours>;

  mutable absl::Mutex mutex_;
  Table counting_ ABSL_GUARDED_BY(mutex_);
  bool changed_ ABSL_GUARDED_BY(mutex_) = false;
  std::atomic<std::shared_ptr<const Table>> published_;
};

}  // namespace tact
