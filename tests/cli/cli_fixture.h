// The fixture of the command-line tests: runs the real `tact` binary in a
// directory of its own per test.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace tact::cli_testing {

namespace fs = std::filesystem;

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string Slurp(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tact-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path Write(const std::string& name, const std::string& content) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  CommandResult Tact(const std::string& arguments, const std::string& input = "") {
    const fs::path in = Write("stdin.txt", input);
    const std::string command = std::string(TACT_BINARY) + " " + arguments + " <" + in.string() +
                                " >" + (dir_ / "out.txt").string() + " 2>" +
                                (dir_ / "err.txt").string();
    const int status = std::system(command.c_str());
    return CommandResult{WIFEXITED(status) ? WEXITSTATUS(status) : -1, Slurp(dir_ / "out.txt"),
                         Slurp(dir_ / "err.txt")};
  }

  static std::string Examples(const std::string& name) {
    return std::string(TACT_SOURCE_DIR) + "/examples/" + name;
  }

  fs::path dir_;
};

}  // namespace tact::cli_testing
