// A fresh, empty directory for the running test, removed with everything in
// it when the object goes: <TempDir>/<prefix>-<pid>-<test name>.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace tact::testing {

class TestDirectory {
 public:
  explicit TestDirectory(absl::string_view prefix)
      : path_(absl::StrCat(::testing::TempDir(), "/", prefix, "-", ::getpid(), "-",
                           ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TestDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TestDirectory(const TestDirectory&) = delete;
  TestDirectory& operator=(const TestDirectory&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace tact::testing
