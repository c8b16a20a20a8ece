// The names of the teams behind the 16-bit keys a person's history keeps
// (core/stable_key.h TeamKeyOf), so that the collision matrix can name the
// teams whose touches held another's back: noted as touches are recorded,
// and read from the teams the mirror has counted (every recorded touch was
// counted there under its team, also before a restart and on other nodes).
//
// Two teams whose keys collide (about once in a hundred companies with a
// few dozen teams) are both named once the mirror has been read: "ads /
// events".
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "core/stable_key.h"
#include "report/mirror.h"

namespace tact {

class TeamNames {
 public:
  static constexpr absl::string_view kUnknown = "(unknown team)";

  // Reads `mirror`, which must outlive it.
  explicit TeamNames(const MirrorReader& mirror) : mirror_(mirror) {}

  // Notes the team of a recorded touch: one atomic load once the key is known.
  void Note(TeamKey key, absl::string_view team);
  // "" for key 0 (touches with no team, or kept before touches kept their
  // team); kUnknown for a key no team in the mirror has. A key not known
  // yet reads the mirror's teams again, at most once a second.
  std::string NameOf(TeamKey key) const;

 private:
  const MirrorReader& mirror_;
  std::array<std::atomic<uint64_t>, 65536 / 64> noted_{};  // a bit per key
  mutable std::mutex mutex_;
  mutable absl::flat_hash_map<TeamKey, std::string> names_ ABSL_GUARDED_BY(mutex_);
  mutable std::chrono::steady_clock::time_point read_at_ ABSL_GUARDED_BY(mutex_){};
};

}  // namespace tact
