// The mirror store (ports/mirror_store.h) of one process: the counts in
// memory (report/mirror.h), and with a journal, each day's cells saved to it
// by Flush and loaded by Load, so a restart keeps the mirror up to the last
// flush.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include "absl/status/status.h"
#include "ports/mirror_store.h"
#include "report/mirror.h"
#include "store/journal.h"

namespace tact {

class LocalMirror final : public MirrorStore {
 public:
  // `journal` null: in memory only. It must outlive the mirror.
  explicit LocalMirror(Journal* journal = nullptr, MirrorLimits limits = {})
      : journal_(journal), mirror_(limits) {}

  // Loads the journal's stored days from `today` - kMirrorDaysKept on; the
  // codec's errors for a damaged day.
  absl::Status Load(Day today);

  void CountDecision(const MirrorSource& source, Day day, const Decision& decision,
                     const MirrorCrowd& crowd) override {
    mirror_.CountDecision(source, day, decision, crowd);
  }
  void CountOutcome(const MirrorSource& source, Day day, Measure measure) override {
    mirror_.CountOutcome(source, day, measure);
  }
  void CountBecameDormant(Day day) override { mirror_.CountBecameDormant(day); }
  void Flush(Day today) override;
  size_t cells() const override { return mirror_.cells(); }

  std::vector<MirrorDay> ByDay(const MirrorFilter& filter) const override {
    return mirror_.ByDay(filter);
  }
  std::vector<LeagueRow> League(Dimension dimension, const MirrorFilter& filter) const override {
    return mirror_.League(dimension, filter);
  }
  std::optional<std::pair<Day, Day>> Span() const override { return mirror_.Span(); }
  std::array<std::vector<std::string>, kDimensionCount> Names(
      const MirrorFilter& filter) const override {
    return mirror_.Names(filter);
  }
  absl::btree_map<Day, std::vector<MirrorCell>> CellsOf(
      const std::vector<Day>& days) const override {
    return mirror_.CellsOf(days);
  }

 private:
  Journal* const journal_;
  Mirror mirror_;
};

}  // namespace tact
