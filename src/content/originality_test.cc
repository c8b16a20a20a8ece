#include "content/originality.h"

#include <gtest/gtest.h>

#include <string>

#include "content/text.h"

namespace tact {
namespace {

double Share(const std::string& text, const std::string& source) {
  return CopiedShare(NormalizeText(text).masked, NormalizeText(source).masked);
}

const std::string kBrief =
    "Revenue fell 7.0% to $5.51B in fiscal 2024. A shrinking top line usually means cost "
    "programmes, vendor consolidation and harder scrutiny of every renewal. Which of this "
    "year's projects survived the budget review, and what would have to be true for a new one "
    "to start?";

TEST(OriginalityTest, APastedBriefIsAllCopiedEvenWithOtherFigures) {
  EXPECT_DOUBLE_EQ(Share(kBrief, kBrief), 1.0);
  // Other figures are masked: the same sentences about another company.
  EXPECT_DOUBLE_EQ(
      Share("Revenue fell 12.5% to $2.10B in fiscal 2023. A shrinking top line usually "
            "means cost programmes, vendor consolidation and harder scrutiny of every "
            "renewal.",
            kBrief),
      1.0);
}

TEST(OriginalityTest, OwnWordsAboutTheSameFactsShareLittle) {
  const std::string own =
      "Marvell's custom silicon wins are not offsetting the storage slump yet; their CFO will be "
      "asked to fund the data-centre push from savings elsewhere, so a tool that cuts test time "
      "on the legacy lines could pay for itself before the next earnings call.";
  EXPECT_LT(Share(own, kBrief), 0.1);
}

TEST(OriginalityTest, HalfPastedIsAboutHalf) {
  const std::string half =
      "A shrinking top line usually means cost programmes, vendor consolidation and harder "
      "scrutiny of every renewal. I think their plant managers will want numbers on scrap "
      "rates before anything else, because the last two calls were about yield.";
  const double share = Share(half, kBrief);
  EXPECT_GT(share, 0.3);
  EXPECT_LT(share, 0.7);
}

TEST(OriginalityTest, NoWordsIsNothingCopiedAndShortTextsCompareWords) {
  EXPECT_EQ(Share("", kBrief), 0.0);
  EXPECT_EQ(Share("renewal scrutiny", kBrief), 1.0);
  EXPECT_EQ(Share("hello there", kBrief), 0.0);
}

}  // namespace
}  // namespace tact
