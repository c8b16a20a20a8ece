#include "core/preferences.h"

#include <gtest/gtest.h>

namespace tact {
namespace {

using Parts = std::vector<PreferencePart>;

TEST(PreferencesTest, AChangeReplacesOnlyThePartsItSets) {
  Preferences kept;
  ChannelSet email;
  email.Add(Channel::kEmail);
  EXPECT_EQ(ApplyPreferenceChange({.frequency = "weekly", .channels = email}, 100, kept),
            (Parts{PreferencePart::kFrequency, PreferencePart::kChannels}));
  EXPECT_EQ(ApplyPreferenceChange({.topics = std::vector<std::string>{"product"}}, 200, kept),
            Parts{PreferencePart::kTopics});
  EXPECT_EQ(kept.frequency, "weekly");
  EXPECT_TRUE(kept.channels.Contains(Channel::kEmail));
  EXPECT_FALSE(kept.channels.Contains(Channel::kSms));
  EXPECT_EQ(kept.topics, std::vector<std::string>{"product"});
  EXPECT_EQ(kept.Changed(PreferencePart::kFrequency), 100);
  EXPECT_EQ(kept.Changed(PreferencePart::kTopics), 200);
  EXPECT_EQ(kept.Changed(PreferencePart::kPause), Preferences::kNeverChanged);
}

TEST(PreferencesTest, AnOlderChangeNeverOverwritesANewerOne) {
  Preferences kept;
  ApplyPreferenceChange({.frequency = "monthly", .paused_until = 5000}, 300, kept);
  // Reported late: made before the kept ones, so only its new part counts.
  EXPECT_EQ(ApplyPreferenceChange(
                {.frequency = "weekly", .languages = std::vector<std::string>{"de"}}, 299, kept),
            Parts{PreferencePart::kLanguages});
  EXPECT_EQ(kept.frequency, "monthly");
  EXPECT_EQ(kept.languages, std::vector<std::string>{"de"});
  // At the same minute, the later report wins; after it, too.
  EXPECT_EQ(ApplyPreferenceChange({.frequency = "weekly"}, 300, kept),
            Parts{PreferencePart::kFrequency});
  EXPECT_EQ(kept.frequency, "weekly");
  EXPECT_EQ(ApplyPreferenceChange({.paused_until = Preferences::kNotPaused}, 301, kept),
            Parts{PreferencePart::kPause});
  EXPECT_FALSE(kept.Paused(400));
}

TEST(PreferencesTest, APauseHoldsUntilItsEnd) {
  Preferences kept;
  EXPECT_FALSE(kept.Paused(0));
  ApplyPreferenceChange({.paused_until = 1000}, 10, kept);
  EXPECT_TRUE(kept.Paused(999));
  EXPECT_FALSE(kept.Paused(1000));
}

TEST(PreferencesTest, AShiftIsLessWhenFewerGetThroughAndABreakWhenOneStartsOrGrows) {
  const Minute at = 1000;
  Preferences before;
  Preferences after = before;
  EXPECT_FALSE(ShiftOf(before, after, at).less);
  after.frequency = "weekly";
  EXPECT_TRUE(ShiftOf(before, after, at).less);
  before = after;
  after.frequency = "";  // as often as needed again: more, not less
  EXPECT_FALSE(ShiftOf(before, after, at).less);
  after = before;
  after.channels.Add(Channel::kEmail);  // one channel where every one was
  EXPECT_TRUE(ShiftOf(before, after, at).less);
  before = after;
  after.channels.Add(Channel::kSms);  // one more
  EXPECT_FALSE(ShiftOf(before, after, at).less);
  after = before;
  after.topics = {"events"};
  EXPECT_TRUE(ShiftOf(before, after, at).less);
  before = after;
  after.topics = {"offers"};  // another, not fewer
  EXPECT_FALSE(ShiftOf(before, after, at).less);
  after = before;
  after.paused_until = at + 60;
  EXPECT_TRUE(ShiftOf(before, after, at).paused);
  EXPECT_FALSE(ShiftOf(before, after, at + 60).paused);  // over by then
  before = after;
  EXPECT_FALSE(ShiftOf(before, after, at).paused);  // the same break
  after.paused_until = at + 120;
  EXPECT_TRUE(ShiftOf(before, after, at).paused);  // a longer one
}

}  // namespace
}  // namespace tact
