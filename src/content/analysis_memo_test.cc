#include "content/analysis_memo.h"

#include <gtest/gtest.h>

#include <deque>

#include "absl/strings/str_cat.h"
#include "testing/fixtures.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

Touch WithText(const std::string& subject, const std::string& body, const std::string& language) {
  Touch touch = MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-01T10:00:00Z"));
  touch.subject = subject;
  touch.body = body;
  touch.language = language;
  return touch;
}

void ExpectSameFacts(const ContentFacts& memo, const ContentFacts& direct) {
  EXPECT_EQ(memo.fingerprint, direct.fingerprint);
  EXPECT_EQ(memo.language, direct.language);
  EXPECT_EQ(memo.detected.code, direct.detected.code);
  EXPECT_EQ(memo.mismatch, direct.mismatch);
  EXPECT_EQ(memo.words, direct.words);
  EXPECT_EQ(memo.bump.has_value(), direct.bump.has_value());
  EXPECT_EQ(memo.self_words, direct.self_words);
  EXPECT_EQ(memo.reader_words, direct.reader_words);
}

TEST(AnalysisMemoTest, AnswersWhatAnalyzeContentAnswersOncePerDistinctText) {
  const Policy policy = PolicyFrom("");
  AnalysisMemo memo(policy.content.analysis());
  // Kept in a deque: the memo's keys view the touches' text.
  std::deque<Touch> touches;
  const std::string german =
      "Wir laden Sie herzlich zu unserem Gipfel in Berlin ein. Melden Sie sich bis Freitag an.";
  for (int round = 0; round < 3; ++round) {
    touches.push_back(WithText("Our launch", "We are proud to announce our new platform.", ""));
    touches.push_back(WithText("Our launch", "We are proud to announce our new platform.", "en"));
    touches.push_back(WithText("Einladung", german, "en"));  // declared wrong
    touches.push_back(WithText("did you see this?", "", ""));
  }
  std::vector<const ContentFacts*> first;
  for (size_t index = 0; index < touches.size(); ++index) {
    const ContentFacts* facts = memo.For(touches[index]);
    ASSERT_NE(facts, nullptr);
    ExpectSameFacts(*facts, AnalyzeContent(policy.content.analysis(), touches[index]));
    if (index < 4) first.push_back(facts);
    EXPECT_EQ(facts, first[index % 4]) << "the same text is analysed once";
  }
  EXPECT_EQ(memo.texts(), 4);
  EXPECT_TRUE(memo.For(touches[2])->mismatch);
  EXPECT_EQ(memo.For(touches[1])->language, "en");
}

TEST(AnalysisMemoTest, ATouchWithoutTextHasNoFactsAndFactsStayWhereTheyWere) {
  const Policy policy = PolicyFrom("");
  AnalysisMemo memo(policy.content.analysis());
  std::deque<Touch> touches;
  touches.push_back(WithText("", "", "en"));
  EXPECT_EQ(memo.For(touches.back()), nullptr);
  touches.push_back(WithText("first", "the first text", ""));
  const ContentFacts* first = memo.For(touches.back());
  const uint64_t fingerprint = first->fingerprint;
  for (int index = 0; index < 2000; ++index) {
    touches.push_back(WithText(absl::StrCat("text ", index), "another body", ""));
    memo.For(touches.back());
  }
  EXPECT_EQ(memo.For(touches[1]), first);
  EXPECT_EQ(first->fingerprint, fingerprint);
  EXPECT_EQ(memo.texts(), 2001);
}

TEST(AnalysisMemoTest, TakeKeepsEachTextOnceAndEmptiesTheTouches) {
  const Policy policy = PolicyFrom("");
  AnalysisMemo memo(policy.content.analysis());
  // In a vector that grows, and short (kept inside the string object): the
  // memo must hold its own copy of what it compares later touches with.
  std::vector<Touch> touches;
  std::vector<ContentFacts> direct;
  std::vector<const ContentFacts*> taken;
  for (int index = 0; index < 300; ++index) {
    touches.push_back(WithText(absl::StrCat("hi ", index % 3), index % 2 ? "short" : "", "en"));
    direct.push_back(AnalyzeContent(policy.content.analysis(), touches.back()));
    taken.push_back(memo.Take(touches.back()));
    EXPECT_TRUE(touches.back().subject.empty());
    EXPECT_TRUE(touches.back().body.empty());
    EXPECT_EQ(touches.back().language, "en");
  }
  EXPECT_EQ(memo.texts(), 6);
  for (size_t index = 0; index < touches.size(); ++index) {
    ASSERT_NE(taken[index], nullptr);
    ExpectSameFacts(*taken[index], direct[index]);
    EXPECT_EQ(taken[index], taken[index % 6]) << index;
  }
  Touch none = WithText("", "", "en");
  EXPECT_EQ(memo.Take(none), nullptr);
  EXPECT_EQ(memo.texts(), 6);
}

}  // namespace
}  // namespace tact
