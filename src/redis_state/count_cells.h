// FROZEN (with redis_format.h): how the counts every node shares — the
// reputation, template and mirror counts — are written in a Redis Cluster,
// as additive cells: a hash key, a field, and a count added with HINCRBY.
//
//   {tact:c}r:<hour>   reputation counts of the hour (minutes since the epoch
//                      / 60) the touches were sent in. Field: 'c' (campaign)
//                      or 'd' (domain), then 's' (sent) or 'c' (complained),
//                      then the name.
//   {tact:c}t:<day>    template recipients of the UTC day (days since the
//                      epoch). Field: the fingerprint, 16 lower-case hex digits.
//   {tact:c}m:<day>    the mirror's counts of the day. Field: the cell's team,
//                      campaign, sender and tool, each as <length>:<bytes>,
//                      the channel's number, '/' and the kind's number when
//                      the cell has one (added within format 2), and ':',
//                      then the count's name:
//                      'm' and a measure's number (report/mirror.h), 's' or 'd'
//                      and a rule id (suppressed or deferred by it), or 'c'
//                      and a team (held back by that team's touches: the
//                      collision matrix; added within format 2). Field
//                      "dormant": people who became dormant that day.
//   Each of those hashes also has the field "@": the id of the newest entry
//   of {tact:c}log whose counts it holds.
//   {tact:c}log        a stream: one entry per flush of a node, field "n" the
//                      node's id, then one field per cell ("<key suffix>\n<field>")
//                      with its count; entries older than ten minutes are trimmed.
//   {tact:c}keys       a set of the hash keys above that may still exist.
//
// Every key is in the slot of the tag "tact:c", so one script changes them
// together.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "core/minutes.h"
#include "policy/policy.h"
#include "report/mirror.h"

namespace tact::count_cells {

inline constexpr char kTag[] = "{tact:c}";
inline constexpr char kLogKey[] = "{tact:c}log";
inline constexpr char kKeysKey[] = "{tact:c}keys";
inline constexpr char kMarkField[] = "@";
inline constexpr char kDormantField[] = "dormant";

// How long each kind of hash is kept after its hour or day ends.
inline constexpr absl::Duration kReputationKept = absl::Hours(24 * 90);
inline constexpr absl::Duration kTemplateKept = absl::Hours(24 * (kTemplateWindowDaysMax + 1));
inline constexpr absl::Duration kMirrorKept = absl::Hours(24 * (kMirrorDaysKept + 1));

// One count to add: `key` is the part after the tag ("r:123", "t:45", "m:45").
struct Cell {
  std::string key;
  std::string field;
  int64_t count = 0;
};

enum class Scope : char { kCampaign = 'c', kDomain = 'd' };

std::string ReputationKey(int32_t hour);
std::string ReputationField(Scope scope, bool complaint, absl::string_view name);
std::string TemplateKey(Day day);
std::string TemplateField(uint64_t fingerprint);
std::string MirrorKey(Day day);
// The cells of one mirror cell's counts (non-zero counts only).
void AppendMirrorCells(const MirrorCell& cell, std::vector<Cell>& out);

// When a hash key (without the tag) stops being needed, in milliseconds
// since the epoch; nullopt for a key this version does not know.
std::optional<int64_t> ExpiresAtMs(absl::string_view key);

// Where decoded cells go.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void AddReputation(int32_t hour, Scope scope, absl::string_view name, int64_t sent,
                             int64_t complaints) = 0;
  virtual void AddTemplate(uint64_t fingerprint, Day day, int64_t recipients) = 0;
  // A mirror cell's counts with only what this field adds; `dormant` for the
  // "dormant" field (cell is then empty).
  virtual void AddMirror(Day day, const MirrorCell& cell, int64_t dormant) = 0;
};

// Decodes one cell into `sink`; false (and nothing given to the sink) for a
// key or field this version does not read, which is skipped.
bool Decode(absl::string_view key, absl::string_view field, int64_t count, Sink& sink);

}  // namespace tact::count_cells
