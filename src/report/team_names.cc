#include "report/team_names.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace tact {

void TeamNames::Note(TeamKey key, absl::string_view team) {
  if (key == 0) return;
  std::atomic<uint64_t>& word = noted_[key / 64];
  const uint64_t bit = uint64_t{1} << (key % 64);
  if ((word.load(std::memory_order_relaxed) & bit) != 0) return;
  std::lock_guard<std::mutex> lock(mutex_);
  names_.try_emplace(key, team);
  word.fetch_or(bit, std::memory_order_relaxed);
}

std::string TeamNames::NameOf(TeamKey key) const {
  if (key == 0) return "";
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = names_.find(key);
  if (found != names_.end()) return found->second;
  const auto now = std::chrono::steady_clock::now();
  if (read_at_ != std::chrono::steady_clock::time_point{} &&
      now - read_at_ < std::chrono::seconds(1)) {
    return std::string(kUnknown);
  }
  read_at_ = now;
  // League rows come one per team; sorted by name, so that colliding teams
  // are joined in the same order everywhere.
  std::vector<LeagueRow> teams = mirror_.League(Dimension::kTeam, MirrorFilter{});
  std::sort(teams.begin(), teams.end(),
            [](const LeagueRow& a, const LeagueRow& b) { return a.name < b.name; });
  absl::flat_hash_map<TeamKey, std::string> read;
  for (const LeagueRow& team : teams) {
    const TeamKey team_key = TeamKeyOf(team.name);
    if (team_key == 0) continue;
    std::string& name = read[team_key];
    name = name.empty() ? team.name : absl::StrCat(name, " / ", team.name);
  }
  for (auto& [team_key, name] : read) names_[team_key] = std::move(name);
  found = names_.find(key);
  return found != names_.end() ? found->second : std::string(kUnknown);
}

}  // namespace tact
