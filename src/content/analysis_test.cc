#include "content/analysis.h"

#include <gtest/gtest.h>

#include "engine/decide.h"
#include "rules/explain.h"
#include "testing/fixtures.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

Touch WithBody(const std::string& body) {
  Touch touch = MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-01T10:00:00Z"));
  touch.body = body;
  return touch;
}

TEST(AnalysisTest, SelfFocusCountsPronounsAboutTheSenderAndTheReader) {
  const Policy policy = PolicyFrom("");
  // Seven about us (we, our, our, we, our, we, our), one about the reader (you).
  const ContentFacts about_us =
      AnalyzeContent(policy.content.analysis(),
                     WithBody("We are proud to announce our new platform. Our team worked hard "
                              "and we think our customers will love it. We invite you to see "
                              "our launch."));
  EXPECT_EQ(about_us.language, "en");
  EXPECT_EQ(about_us.self_words, 7);
  EXPECT_EQ(about_us.reader_words, 1);
  const ContentFacts about_you = AnalyzeContent(
      policy.content.analysis(),
      WithBody("Sie hatten erwähnt, dass Ihre Retouren den Montag Ihres Teams füllen. Wenn Sie "
               "möchten, zeige ich Ihnen, wie andere das gelöst haben."));
  EXPECT_EQ(about_you.language, "de");
  EXPECT_EQ(about_you.self_words, 1);    // ich
  EXPECT_EQ(about_you.reader_words, 5);  // Sie, Ihre, Ihres, Sie, Ihnen

  const Touch touch = WithBody("We are proud to announce our new platform. We invite you.");
  const Decision decision = Decide(policy, PersonIn(""), nullptr, History{}, touch, *touch.at);
  ASSERT_EQ(decision.notes.size(), 1u);
  EXPECT_EQ(decision.notes[0].id, "content.self_focus");
  EXPECT_DOUBLE_EQ(*decision.notes[0].score, 0.75);
  EXPECT_EQ(ExplainNote(decision.notes[0], ExplainContext{policy, PersonIn(""), nullptr, touch}),
            "75 % of the text's pronouns are about the sender (3 about the sender, 1 about the "
            "reader).");
}

TEST(AnalysisTest, NoTextNoFacts) {
  const Policy policy = PolicyFrom("");
  const ContentFacts facts = AnalyzeContent(policy.content.analysis(), WithBody(""));
  EXPECT_EQ(facts.fingerprint, 0u);
  EXPECT_EQ(facts.words, 0);
  const Touch touch = WithBody("");
  const Decision decision = Decide(policy, PersonIn(""), nullptr, History{}, touch, *touch.at);
  EXPECT_FALSE(decision.content.has_value());
  EXPECT_TRUE(decision.notes.empty());
  EXPECT_EQ(TextFingerprint(decision), 0u);
}

}  // namespace
}  // namespace tact
