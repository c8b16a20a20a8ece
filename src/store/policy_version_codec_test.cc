#include "store/policy_version_codec.h"

#include <gtest/gtest.h>

#include "testing/fixtures.h"

namespace tact {
namespace {

using testing::T;

PolicyVersion Full() {
  PolicyVersion record;
  record.version = 7;
  record.at = T("2030-03-05T15:00:00.123456Z");
  record.token = "ops";
  record.origin = "PUT /v1/policy";
  record.text = "[[budget]]\nscope = \"all\"\nwindow = \"7d\"\nmax = 2\n";
  record.changes = {"~ budget.all.7d: at most 3 touches -> at most 2 touches",
                    "- gap.all: touches across all channels at least 20h apart"};
  return record;
}

TEST(PolicyVersionCodecTest, RoundTripsEveryField) {
  const PolicyVersion record = Full();
  const std::string bytes = EncodePolicyVersion(record);
  absl::StatusOr<PolicyVersion> back = DecodePolicyVersion(bytes);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(EncodePolicyVersion(*back), bytes);
  EXPECT_EQ(back->version, 7);
  EXPECT_EQ(back->at, record.at);
  EXPECT_EQ(back->token, "ops");
  EXPECT_EQ(back->origin, "PUT /v1/policy");
  EXPECT_EQ(back->text, record.text);
  EXPECT_EQ(back->changes, record.changes);
}

// The frozen layout, byte for byte, for a small one.
TEST(PolicyVersionCodecTest, WritesTheDocumentedLayout) {
  PolicyVersion record;
  record.version = 1;
  record.at = absl::FromUnixMicros(2);
  record.origin = "o";
  record.text = "t";
  record.changes = {"c"};
  const std::string expected = std::string("\x01", 1) + std::string("\x01\0\0\0\0\0\0\0", 8) +
                               std::string("\x02\0\0\0\0\0\0\0", 8) + std::string("\0", 1) +
                               "\x01o\x01t\x01\x01"
                               "c";
  EXPECT_EQ(EncodePolicyVersion(record), expected);
}

TEST(PolicyVersionCodecTest, RefusesTruncatedTrailingAndUnknownBytes) {
  const std::string bytes = EncodePolicyVersion(Full());
  for (size_t size = 0; size < bytes.size(); size += 3) {
    EXPECT_FALSE(DecodePolicyVersion(bytes.substr(0, size)).ok()) << size;
  }
  EXPECT_FALSE(DecodePolicyVersion(bytes + "x").ok());
  std::string future = bytes;
  future[0] = 2;
  EXPECT_FALSE(DecodePolicyVersion(future).ok());
}

TEST(PolicyVersionCodecTest, KeysSortByNumber) {
  EXPECT_EQ(PolicyVersionKey(0xff), "policy_version/00000000000000ff");
  EXPECT_LT(PolicyVersionKey(0xff), PolicyVersionKey(0x100));
}

}  // namespace
}  // namespace tact
