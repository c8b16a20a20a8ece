#include "report/team_names.h"

#include <gtest/gtest.h>

namespace tact {
namespace {

TEST(TeamNamesTest, NamesTheTeamsTheMirrorCounted) {
  Mirror mirror;
  const TeamNames names(mirror);
  EXPECT_EQ(names.NameOf(0), "");
  EXPECT_EQ(names.NameOf(TeamKeyOf("events")), TeamNames::kUnknown);
  Decision sent;
  sent.outcome = Outcome::kSend;
  mirror.CountDecision(MirrorSource{"events", "", "", "", Channel::kEmail}, 20'000, sent);
  // Read again only a second after the last look.
  EXPECT_EQ(names.NameOf(TeamKeyOf("events")), TeamNames::kUnknown);
  const TeamNames fresh(mirror);
  EXPECT_EQ(fresh.NameOf(TeamKeyOf("events")), "events");
}

TEST(TeamNamesTest, NamesATeamNotedAsItsTouchesAreRecorded) {
  Mirror mirror;
  TeamNames names(mirror);
  EXPECT_EQ(names.NameOf(TeamKeyOf("sales")), TeamNames::kUnknown);
  names.Note(TeamKeyOf("sales"), "sales");
  EXPECT_EQ(names.NameOf(TeamKeyOf("sales")), "sales");
}

TEST(TeamNamesTest, NamesBothTeamsWhoseKeysCollide) {
  // Find two names sharing a key: 16 bits collide within a few hundred names.
  absl::flat_hash_map<TeamKey, std::string> seen;
  std::string first, second;
  for (int i = 0; first.empty(); ++i) {
    const std::string name = "team-" + std::to_string(i);
    auto [at, added] = seen.emplace(TeamKeyOf(name), name);
    if (!added) {
      first = at->second;
      second = name;
    }
  }
  Mirror mirror;
  Decision sent;
  sent.outcome = Outcome::kSend;
  mirror.CountDecision(MirrorSource{second, "", "", "", Channel::kEmail}, 20'000, sent);
  mirror.CountDecision(MirrorSource{first, "", "", "", Channel::kEmail}, 20'000, sent);
  const TeamNames names(mirror);
  const std::string both = std::min(first, second) + " / " + std::max(first, second);
  EXPECT_EQ(names.NameOf(TeamKeyOf(first)), both);
}

}  // namespace
}  // namespace tact
