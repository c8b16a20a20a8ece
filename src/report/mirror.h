// The mirror: what each team, campaign, sender, tool and channel asked for,
// what tact answered, and what the touches that went out produced, per UTC
// day. Counted as decisions are made and outcomes arrive, so a report reads
// aggregates (one cell per day and source) and never the touches themselves.
//
// Attribution: a decision counts on the day of the touch's intended time; an
// outcome counts on the day its touch was sent, in that touch's cell, so a
// day's value per touch compares the touches of that day with what they
// produced. Each outcome counts once per touch (the caller de-duplicates).
//
// Bounded: a day holds at most `max_cells_per_day` cells; past it, new
// sources that day fold into one "(other)" cell per channel. Past
// `max_cells` in all, new sources fold the same way until Trim() forgets the
// oldest days, so the newest days keep their detail. Days before
// `ForgetBefore` are dropped.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/btree_map.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/inlined_vector.h"
#include "absl/strings/string_view.h"
#include "core/channel.h"
#include "core/day.h"
#include "core/decision.h"
#include "core/kind.h"
#include "core/minutes.h"
#include "core/touch.h"
#include "events/event.h"

namespace tact {

// Values may be stored (store/mirror_day_codec.h): append only.
enum class Measure : uint8_t {
  kAsked,
  kSent,
  kDeferred,
  kSuppressed,
  kDelivered,
  kOpened,
  kClicked,
  kReplied,
  kMeetings,
  kConverted,
  kUnsubscribed,
  kComplained,
  kBounced,
  // Cold touches (kind cold) sent, those of them backed by their sender's
  // current own-words hypothesis for the account (brief.hypothesis), and
  // the replies and meetings each group produced.
  kColdSent,
  kColdBacked,
  kColdReplied,
  kColdMeetings,
  kBackedReplied,
  kBackedMeetings,
  // People who chose less on their preference page or through a tool's
  // preference centre (a frequency, fewer channels or topics), and people
  // who took a break: counted on the day they chose, under the tool it came
  // through ("preference page", or the tool a PUT names).
  kOptedDown,
  kPaused,
  // The touches-per-person distribution: a recorded send that was its
  // person's k-th touch counting for budgets (k = 1..4) in its week
  // (Monday to Sunday, UTC) or its 30-day period (core/day.h), from its
  // team ("team") or from every team ("all"). Summed over a period's days,
  // the k-th count is the number of people who received at least k.
  kWeekTeam1,
  kWeekTeam2,
  kWeekTeam3,
  kWeekTeam4,
  kDays30Team1,
  kDays30Team2,
  kDays30Team3,
  kDays30Team4,
  kWeekAll1,
  kWeekAll2,
  kWeekAll3,
  kWeekAll4,
  kDays30All1,
  kDays30All2,
  kDays30All3,
  kDays30All4,
  // The control groups (policy [control]): replies, meetings and
  // conversions of people outside a group ("treated") and in it, on the
  // day they happened, in the cell of the group's team ("" for the
  // company-wide group; no campaign, sender or tool).
  kTreatedReplied,
  kTreatedMeetings,
  kTreatedConverted,
  kControlReplied,
  kControlMeetings,
  kControlConverted,
};
inline constexpr int kMeasureCount = 43;
// The distribution counts k = 1 .. kReachCounted; "4+" is everyone past it.
inline constexpr int kReachCounted = 4;

// The distribution's measure for the k-th touch (1 <= k <= kReachCounted).
Measure ReachMeasure(bool thirty_days, bool all_teams, int k);
// Whether a measure belongs to the distribution or the control groups:
// reports show those apart, not with each source's counts.
inline bool IsReportedApart(Measure measure) { return measure >= Measure::kWeekTeam1; }

// "asked", "sent", ..., "meetings", ..., "bounced".
absl::string_view MeasureName(Measure measure);
// nullopt for a name this version does not know.
std::optional<Measure> ParseMeasure(absl::string_view name);

// The measure an outcome counts in: SMS STOP is an unsubscribe, hard and soft
// bounces are bounces; nullopt for types the mirror does not show
// (deferred_by_provider, resubscribed).
std::optional<Measure> OutcomeMeasure(EventType type);

enum class Dimension : uint8_t { kTeam, kCampaign, kSender, kTool, kChannel, kKind };
inline constexpr int kDimensionCount = 6;
absl::string_view DimensionName(Dimension dimension);
std::optional<Dimension> ParseDimension(absl::string_view name);

// What the person's history showed around a decision (governor/crowd.h):
// a recorded send's place among the person's touches counting for budgets
// in its week and 30-day period, from every team and from its own (1: the
// first; 0: not such a send), and the teams whose touches held back a
// touch, by name.
struct MirrorCrowd {
  uint8_t week_all = 0, week_team = 0, period_all = 0, period_team = 0;
  absl::InlinedVector<absl::string_view, 4> crowded_by;
};

// How long the mirror keeps a day (reports read up to kReportDaysMax of them).
inline constexpr int kMirrorDaysKept = 400;

// Where a touch came from. Empty names are kept empty; reports show "(none)".
// The kind is unknown (nullopt) for counts of no touch (an unlinked outcome,
// a preference change) and for cells counted before the mirror kept kinds;
// reports show it as "".
struct MirrorSource {
  absl::string_view team, campaign, sender, tool;
  Channel channel = Channel::kEmail;
  std::optional<Kind> kind;

  static MirrorSource Of(const Touch& touch) {
    return {touch.team, touch.campaign, touch.sender, touch.tool, touch.channel, touch.kind};
  }
  absl::string_view Name(Dimension dimension) const;
};

// Counts by name (a rule id, a team) in name order, found by a view of the
// name: counting an existing name makes no string.
using NamedCounts = absl::btree_map<std::string, int64_t, std::less<>>;

struct MirrorCounts {
  std::array<int64_t, kMeasureCount> measures{};
  // Decisions each rule held back (a decision with two reasons counts for both).
  NamedCounts suppressed_by_rule;
  NamedCounts deferred_by_rule;
  // Decisions held back by a rule that counts other touches (a budget, the
  // tier reserve, a gap, the sender limit), by the team of those touches: a
  // decision whose window held two teams' touches counts for both. The
  // collision matrix's row of this cell's team.
  NamedCounts crowded_by;

  int64_t& operator[](Measure measure) { return measures[static_cast<int>(measure)]; }
  int64_t operator[](Measure measure) const { return measures[static_cast<int>(measure)]; }
  void Add(const MirrorCounts& other);
  // (replies + meetings) per 100 sent, and (unsubscribes + complaints) per
  // 1,000 sent; 0 when nothing was sent.
  double ValuePer100() const;
  double HarmPer1000() const;
  // Of cold touches sent: the share backed by a hypothesis, and (replies +
  // meetings) per 100 sent with one and without; 0 when none were sent.
  double ColdBackedShare() const;
  double ColdValuePer100(bool backed) const;
};

struct MirrorLimits {
  size_t max_cells = 250000;
  size_t max_cells_per_day = 25000;
};

// Which cells a report reads: days [from, to] and, per dimension, an exact name.
struct MirrorFilter {
  Day from = std::numeric_limits<Day>::min();
  Day to = std::numeric_limits<Day>::max();
  std::array<std::optional<std::string>, kDimensionCount> equals;

  bool Matches(Day day, const MirrorSource& source) const;
};

struct MirrorDay {
  Day day = 0;
  MirrorCounts counts;
  int64_t became_dormant = 0;
};

struct LeagueRow {
  std::string name;
  MirrorCounts counts;
};

// One stored cell, as the codec and the report read them.
struct MirrorCell {
  Day day = 0;
  std::string team, campaign, sender, tool;
  Channel channel = Channel::kEmail;
  std::optional<Kind> kind;
  MirrorCounts counts;

  MirrorSource source() const { return {team, campaign, sender, tool, channel, kind}; }
};

// What reports read of a mirror, wherever its counts are kept.
class MirrorReader {
 public:
  virtual ~MirrorReader() = default;
  // Every day in the filter that has counts, oldest first.
  virtual std::vector<MirrorDay> ByDay(const MirrorFilter& filter) const = 0;
  // One row per name in `dimension`, by value per touch (then volume), best first.
  virtual std::vector<LeagueRow> League(Dimension dimension, const MirrorFilter& filter) const = 0;
  // The first and last day with counts; nullopt when empty.
  virtual std::optional<std::pair<Day, Day>> Span() const = 0;
  // The cells of each of `days` (read in one pass), in a stable order.
  virtual absl::btree_map<Day, std::vector<MirrorCell>> CellsOf(
      const std::vector<Day>& days) const = 0;
  // Per dimension, the names with counts in the filter, sorted (one pass).
  virtual std::array<std::vector<std::string>, kDimensionCount> Names(
      const MirrorFilter& filter) const = 0;
};

// The mirror's counts in memory, in 16 shards of cells.
class Mirror final : public MirrorReader {
 public:
  static constexpr absl::string_view kOther = "(other)";

  explicit Mirror(MirrorLimits limits = {});

  // One answer: asked, and sent, deferred or suppressed with the rules that
  // held it back; and what `crowd` says of it.
  void CountDecision(const MirrorSource& source, Day day, const Decision& decision,
                     const MirrorCrowd& crowd = {});
  // One touch of a plan, counted once by its final outcome: asked, and sent,
  // deferred (still waiting) or suppressed; each rule that deferred it at
  // least once, and each its suppression named, counted once.
  void CountPlannedTouch(const MirrorSource& source, Day day, Outcome outcome,
                         const std::vector<absl::string_view>& deferred_by,
                         const std::vector<absl::string_view>& suppressed_by);
  // One outcome of a touch from `source` sent on `day`.
  void CountOutcome(const MirrorSource& source, Day day, Measure measure);
  // Someone tact found dormant (engagement.dormant) for the first time since
  // they last engaged.
  void CountBecameDormant(Day day);

  std::vector<MirrorDay> ByDay(const MirrorFilter& filter) const override;
  std::vector<LeagueRow> League(Dimension dimension, const MirrorFilter& filter) const override;
  MirrorCounts Total(const MirrorFilter& filter) const;
  std::optional<std::pair<Day, Day>> Span() const override;

  // Persistence: the days changed since the last call, and a day's cells.
  std::vector<Day> TakeChangedDays();
  absl::btree_map<Day, std::vector<MirrorCell>> CellsOf(
      const std::vector<Day>& days) const override;
  std::array<std::vector<std::string>, kDimensionCount> Names(
      const MirrorFilter& filter) const override;
  int64_t BecameDormantOn(Day day) const;
  // Adds a cell's counts (another node's), and people who became dormant.
  void Add(const MirrorCell& cell);
  void AddBecameDormant(Day day, int64_t people);
  // Replaces a day's counts (loading a stored day).
  void RestoreDay(Day day, std::vector<MirrorCell> cells, int64_t became_dormant);

  void ForgetBefore(Day day);
  // Forgets the oldest days until at most 90 % of max_cells are in use;
  // returns the first day kept (nullopt when nothing was forgotten).
  std::optional<Day> Trim();
  size_t cells() const;

 private:
  struct CellKey {
    Day day;
    std::string team, campaign, sender, tool;
    Channel channel;
    std::optional<Kind> kind;
  };
  struct CellView {
    Day day;
    absl::string_view team, campaign, sender, tool;
    Channel channel;
    std::optional<Kind> kind;
  };
  struct CellHash {
    using is_transparent = void;
    size_t operator()(const CellKey& key) const;
    size_t operator()(const CellView& view) const;
  };
  struct CellEq {
    using is_transparent = void;
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return a.day == b.day && a.channel == b.channel && a.kind == b.kind && a.team == b.team &&
             a.campaign == b.campaign && a.sender == b.sender && a.tool == b.tool;
    }
  };
  using CellMap = absl::flat_hash_map<CellKey, MirrorCounts, CellHash, CellEq>;

  static constexpr size_t kShards = 16;
  struct Shard {
    mutable std::mutex mutex;
    CellMap cells ABSL_GUARDED_BY(mutex);
    absl::flat_hash_set<Day> changed ABSL_GUARDED_BY(mutex);
  };

  // Runs `fn(counts)` on the cell, creating it (or the day's "(other)" cell
  // when full) under its shard's lock.
  template <typename Fn>
  void Update(const MirrorSource& source, Day day, Fn fn);
  template <typename Fn>
  void ForEachCell(const MirrorFilter& filter, Fn fn) const;

  MirrorLimits limits_;
  std::unique_ptr<std::array<Shard, kShards>> shards_;
  std::atomic<size_t> cells_{0};
  mutable std::mutex day_cells_mutex_;
  absl::btree_map<Day, size_t> day_cells_ ABSL_GUARDED_BY(day_cells_mutex_);
  // Whether a new cell for `day` fits; counts it if so.
  bool Admit(Day day);
  void Release(Day day, size_t cells);
  mutable std::mutex dormant_mutex_;
  absl::btree_map<Day, int64_t> dormant_ ABSL_GUARDED_BY(dormant_mutex_);
  absl::flat_hash_set<Day> dormant_changed_ ABSL_GUARDED_BY(dormant_mutex_);
};

}  // namespace tact
