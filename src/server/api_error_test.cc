#include "server/api_error.h"

#include <gtest/gtest.h>

namespace tact {
namespace {

TEST(ApiErrorTest, NamesTheFirstFieldWithinTheBody) {
  const ApiError error = InvalidFields(
      absl::InvalidArgumentError("channel: 'fax' is not a channel; kind: is required"),
      "touches[3]");
  EXPECT_EQ(error.status, 400);
  EXPECT_EQ(error.field, "touches[3].channel");
  EXPECT_EQ(error.message,
            "touches[3].channel: 'fax' is not a channel; touches[3].kind: is required");
}

TEST(ApiErrorTest, ProblemsWithoutAFieldBlameTheEnclosingValue) {
  const ApiError error = InvalidFields(absl::InvalidArgumentError("must be a JSON object"), "[2]");
  EXPECT_EQ(error.field, "[2]");
  EXPECT_EQ(error.message, "[2]: must be a JSON object");
  const ApiError whole = InvalidFields(absl::InvalidArgumentError("not valid JSON (x y)"));
  EXPECT_EQ(whole.field, "");
  EXPECT_EQ(ErrorJson(whole),
            R"j({"error":{"code":"invalid","message":"not valid JSON (x y)","field":null}})j");
}

TEST(ApiErrorTest, ArrayElementsJoinWithoutADot) {
  const ApiError error = InvalidFields(absl::InvalidArgumentError("type: is required"), "[0]");
  EXPECT_EQ(error.field, "[0].type");
}

}  // namespace
}  // namespace tact
