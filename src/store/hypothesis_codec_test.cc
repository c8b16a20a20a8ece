#include "store/hypothesis_codec.h"

#include <gtest/gtest.h>

#include "testing/fixtures.h"

namespace tact {
namespace {

using testing::T;

Hypothesis Full() {
  Hypothesis hypothesis;
  hypothesis.id = 0x0123456789abcdefULL;
  hypothesis.account_id = "acme-ü";
  hypothesis.seller = "ana@example.com";
  hypothesis.team = "sales";
  hypothesis.text = "Their CFO has to fund the data-centre push from savings elsewhere.";
  hypothesis.signals = {"revenue.declining", "margin.operating_falling"};
  hypothesis.evidence = "Q3 call: 'every project must pay back within the year'";
  hypothesis.written = T("2030-03-05T15:00:00.123456Z");
  hypothesis.fingerprint = 0xfedcba9876543210ULL;
  hypothesis.words = 11;
  hypothesis.originality = Originality::kOtherSellerCopy;
  hypothesis.copied_share = 0.75;
  hypothesis.copy_of = 42;
  return hypothesis;
}

TEST(HypothesisCodecTest, RoundTripsEveryField) {
  const Hypothesis hypothesis = Full();
  const std::string bytes = EncodeHypothesis(hypothesis);
  absl::StatusOr<Hypothesis> back = DecodeHypothesis(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(EncodeHypothesis(*back), bytes);
  EXPECT_EQ(back->written, hypothesis.written);
  EXPECT_EQ(back->signals, hypothesis.signals);
  EXPECT_EQ(back->originality, Originality::kOtherSellerCopy);
  EXPECT_EQ(back->account_id, "acme-ü");
  EXPECT_EQ(back->copy_of, 42u);
}

// The frozen layout, byte for byte, for a small one.
TEST(HypothesisCodecTest, WritesTheDocumentedLayout) {
  Hypothesis hypothesis;
  hypothesis.id = 1;
  hypothesis.written = absl::FromUnixMicros(2);
  hypothesis.fingerprint = 3;
  hypothesis.words = 4;
  hypothesis.account_id = "a";
  hypothesis.seller = "s";
  hypothesis.text = "t";
  hypothesis.signals = {"x"};
  const std::string bytes = EncodeHypothesis(hypothesis);
  const std::string expected = std::string("\x01", 1) + std::string("\x01\0\0\0\0\0\0\0", 8) +
                               std::string("\x02\0\0\0\0\0\0\0", 8) +
                               std::string("\x03\0\0\0\0\0\0\0", 8) + "\x04" +
                               std::string("\0", 1) + std::string(8, '\0') + std::string(8, '\0') +
                               "\x01"
                               "a"
                               "\x01"
                               "s" +
                               std::string("\0", 1) +
                               "\x01"
                               "t" +
                               std::string("\0", 1) +
                               "\x01\x01"
                               "x";
  EXPECT_EQ(bytes, expected);
}

TEST(HypothesisCodecTest, RefusesTruncatedTrailingAndUnknownBytes) {
  const std::string bytes = EncodeHypothesis(Full());
  for (size_t size = 0; size < bytes.size(); size += 5) {
    EXPECT_FALSE(DecodeHypothesis(bytes.substr(0, size)).ok()) << size;
  }
  EXPECT_FALSE(DecodeHypothesis(bytes + "x").ok());
  std::string future = bytes;
  future[0] = 2;
  EXPECT_FALSE(DecodeHypothesis(future).ok());
  std::string originality = bytes;
  originality[1 + 8 + 8 + 8 + 1] = 9;  // after version, id, written, fingerprint, words
  EXPECT_FALSE(DecodeHypothesis(originality).ok());
}

TEST(HypothesisCodecTest, KeysSortById) {
  EXPECT_EQ(HypothesisKey(0xff), "hypothesis/00000000000000ff");
  EXPECT_LT(HypothesisKey(0xff), HypothesisKey(0x100));
}

}  // namespace
}  // namespace tact
