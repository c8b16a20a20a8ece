#include "files/policy_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "content/text.h"
#include "testing/test_directory.h"

namespace tact {
namespace {

class PolicyFileTest : public ::testing::Test {
 protected:
  void SetUp() override { std::filesystem::create_directories(directory_ / "lexicons"); }

  std::string Write(const std::string& name, const std::string& text) {
    const std::filesystem::path path = directory_ / name;
    std::ofstream(path) << text;
    return path.string();
  }

  testing::TestDirectory scratch_{"policy-file"};
  const std::filesystem::path directory_ = scratch_.path();
};

TEST_F(PolicyFileTest, AMissingPolicyFileIsNotFound) {
  auto policy = LoadPolicyFile((directory_ / "absent.toml").string());
  EXPECT_EQ(policy.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(policy.status().message().find("cannot open the policy file"), std::string::npos);
}

TEST_F(PolicyFileTest, ARelativeLexiconIsReadBesideThePolicy) {
  Write("lexicons/mine.toml", "[en]\nbump = [\"gentle nudge\"]\n");
  const std::string policy_path =
      Write("policy.toml", "[content]\nlexicon = \"lexicons/mine.toml\"\n");
  auto policy = LoadPolicyFile(policy_path);
  ASSERT_TRUE(policy.ok()) << policy.status();
  EXPECT_TRUE(policy->content.lexicon->FindBump(NormalizeText("a gentle nudge").plain));
}

TEST_F(PolicyFileTest, AnAbsoluteLexiconIsReadWhereItIs) {
  const std::string lexicon = Write("lexicons/mine.toml", "[en]\nbump = [\"gentle nudge\"]\n");
  auto policy = LoadPolicyFromString(absl::StrCat("[content]\nlexicon = \"", lexicon, "\"\n"),
                                     "policy", FilesBeside("policy"));
  ASSERT_TRUE(policy.ok()) << policy.status();
  EXPECT_TRUE(policy->content.lexicon->FindBump(NormalizeText("a gentle nudge").plain));
}

TEST_F(PolicyFileTest, AMissingLexiconNamesThePathTried) {
  const std::string policy_path = Write("policy.toml", "[content]\nlexicon = \"gone.toml\"\n");
  auto policy = LoadPolicyFile(policy_path);
  ASSERT_EQ(policy.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(policy.status().message().find(absl::StrCat("content.lexicon: cannot open '",
                                                        (directory_ / "gone.toml").string())),
            std::string::npos)
      << policy.status();
}

}  // namespace
}  // namespace tact
