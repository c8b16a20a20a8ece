#include "cluster_harness.h"

#include <stdio.h>
#include <stdlib.h>

#include <array>
#include <filesystem>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace tact::testing {
namespace {

std::string Script() { return absl::StrCat(TACT_SOURCE_DIR, "/tests/redis/cluster.py"); }

// Runs `command` through the shell; its stdout, or abort.
std::string Shell(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    std::cerr << "cannot run: " << command << "\n";
    abort();
  }
  std::string output;
  std::array<char, 4096> buffer;
  while (size_t read = fread(buffer.data(), 1, buffer.size(), pipe))
    output.append(buffer.data(), read);
  if (pclose(pipe) != 0) {
    std::cerr << "failed: " << command << "\n" << output << "\n";
    abort();
  }
  return output;
}

}  // namespace

RedisClusterProcesses::RedisClusterProcesses(int masters, int replicas,
                                             const std::string& password) {
  std::string pattern = (std::filesystem::temp_directory_path() / "tact-redis-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) abort();
  directory_ = pattern;
  std::string url = Shell(absl::StrCat("python3 ", Script(), " start ", directory_, " --masters ",
                                       masters, " --replicas ", replicas,
                                       password.empty() ? "" : " --password " + password));
  url_ = std::string(absl::StripAsciiWhitespace(url));
}

RedisClusterProcesses::~RedisClusterProcesses() {
  Shell(absl::StrCat("python3 ", Script(), " stop ", directory_));
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

redis::ClusterOptions RedisClusterProcesses::options() const {
  return *redis::ParseClusterUrl(url_);
}

void RedisClusterProcesses::Kill(int port) const {
  Shell(absl::StrCat("python3 ", Script(), " kill ", directory_, " ", port));
}

RedisClusterProcesses& SharedRedisCluster() {
  static RedisClusterProcesses cluster;
  return cluster;
}

std::string RedisClusterProcesses::Cli(const std::string& arguments) const {
  return Shell(absl::StrCat("redis-cli ", arguments));
}

}  // namespace tact::testing
