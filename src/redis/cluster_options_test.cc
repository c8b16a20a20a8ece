#include "redis/cluster_options.h"

#include <gtest/gtest.h>

namespace tact::redis {
namespace {

TEST(ClusterUrlTest, ReadsSeedsCredentialsAndLimits) {
  absl::StatusOr<ClusterOptions> options = ParseClusterUrl(
      "redis://"
      "tact:s3cret@10.0.0.1:7000,10.0.0.2:7001?command_timeout_ms=250&retry_budget_ms=2000");
  ASSERT_TRUE(options.ok()) << options.status();
  ASSERT_EQ(options->seeds.size(), 2u);
  EXPECT_EQ(options->seeds[1], (Endpoint{"10.0.0.2", 7001}));
  EXPECT_EQ(options->user, "tact");
  EXPECT_EQ(options->password, "s3cret");
  EXPECT_EQ(options->command_timeout, absl::Milliseconds(250));
  EXPECT_EQ(options->retry_budget, absl::Milliseconds(2000));
  EXPECT_EQ(options->connect_timeout, absl::Milliseconds(500));  // the default
  EXPECT_EQ(RedactedUrl(*options), "redis://tact:***@10.0.0.1:7000,10.0.0.2:7001");
}

TEST(ClusterUrlTest, APasswordAloneIsRequirepass) {
  absl::StatusOr<ClusterOptions> options = ParseClusterUrl("redis://:pw@h:1/");
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->user, "");
  EXPECT_EQ(options->password, "pw");
  EXPECT_EQ(options->seeds.front(), (Endpoint{"h", 1}));
}

TEST(ClusterUrlTest, ErrorsNameWhatIsWrong) {
  auto message = [](absl::string_view url) {
    return std::string(ParseClusterUrl(url).status().message());
  };
  EXPECT_NE(message("http://h:1").find("must start with redis://"), std::string::npos);
  EXPECT_NE(message("redis://h").find("'h' is not host:port"), std::string::npos);
  EXPECT_NE(message("redis://h:70000").find("'h:70000'"), std::string::npos);
  EXPECT_NE(message("redis://h:1?colour=red").find("unknown parameter 'colour'"),
            std::string::npos);
  EXPECT_NE(message("redis://h:1?command_timeout_ms=0").find("command_timeout_ms"),
            std::string::npos);
  EXPECT_NE(message("redis://user@h:1").find("credentials"), std::string::npos);
}

}  // namespace
}  // namespace tact::redis
