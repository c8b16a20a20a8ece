// A real Redis Cluster for a C++ test: tests/redis/cluster.py starts Debian's
// redis-server processes (3 masters, 3 replicas by default) in a fresh
// directory and joins them; the destructor stops them.
#pragma once

#include <string>

#include "redis/cluster_options.h"

namespace tact::testing {

class RedisClusterProcesses {
 public:
  // Starts the cluster; aborts the test binary when it cannot (a test that
  // needs a cluster has nothing to check without one).
  explicit RedisClusterProcesses(int masters = 3, int replicas = 1,
                                 const std::string& password = "");
  ~RedisClusterProcesses();

  // "redis://[:password@]127.0.0.1:p1,...".
  const std::string& url() const { return url_; }
  redis::ClusterOptions options() const;
  // SIGKILL of the node on `port`.
  void Kill(int port) const;
  // redis-cli with `arguments` (shell words); its stdout.
  std::string Cli(const std::string& arguments) const;

 private:
  std::string directory_;
  std::string url_;
};

// One cluster for every test of the binary that does not harm it (kills,
// reconfigures), started on first use and stopped at exit.
RedisClusterProcesses& SharedRedisCluster();

}  // namespace tact::testing
