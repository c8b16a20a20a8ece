// tact_workload: writes the peer benchmark's stream (workload.h) and the
// request bodies the HTTP legs send.
//
//   tact_workload generate --out W [--people N] [--asks N] [--days D] [--seed S]
//   tact_workload bodies --workload W --batch-size 1000 --out FILE [--limit N]
//
// `bodies` writes one request body per line: a touch for POST /v1/decide
// when the batch size is 1, else {"touches": [...]} for /v1/decide/batch,
// in stream order, for bench/http/replay.lua.
#include <cstdio>
#include <iostream>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "workload/workload.h"

namespace tact::bench {
namespace {

int WriteBodies(const Workload& workload, int batch_size, int64_t limit, const std::string& out) {
  FILE* file = std::fopen(out.c_str(), "w");
  if (file == nullptr) {
    std::cerr << "cannot write " << out << "\n";
    return 1;
  }
  const size_t count =
      limit > 0 ? std::min(workload.size(), static_cast<size_t>(limit)) : workload.size();
  std::string line;
  for (size_t index = 0; index < count;) {
    line.clear();
    if (batch_size == 1) {
      line = TouchJson(workload[index++]);
    } else {
      line = R"({"touches":[)";
      for (int in_batch = 0; in_batch < batch_size && index < count; ++in_batch) {
        if (in_batch > 0) line.push_back(',');
        line += TouchJson(workload[index++]);
      }
      line += "]}";
    }
    line.push_back('\n');
    if (std::fwrite(line.data(), 1, line.size(), file) != line.size()) {
      std::cerr << "cannot write " << out << "\n";
      std::fclose(file);
      return 1;
    }
  }
  return std::fclose(file) == 0 ? 0 : 1;
}

int Main(int argc, char** argv) {
  CLI::App app{"The peer benchmark's workload"};
  app.require_subcommand(1);
  WorkloadSpec spec;
  std::string out;
  CLI::App* generate = app.add_subcommand("generate", "Draw the stream of asks");
  generate->add_option("--out", out, "workload file")->required();
  generate->add_option("--people", spec.people, "people")->capture_default_str();
  generate->add_option("--asks", spec.asks, "asks")->capture_default_str();
  generate->add_option("--days", spec.days, "simulated days")->capture_default_str();
  generate->add_option("--senders", spec.senders, "senders")->capture_default_str();
  generate->add_option("--zipf", spec.zipf_exponent, "Zipf exponent")->capture_default_str();
  generate->add_option("--seed", spec.seed, "random seed")->capture_default_str();

  std::string workload_path;
  int batch_size = 1;
  int64_t limit = 0;
  CLI::App* bodies = app.add_subcommand("bodies", "Write HTTP request bodies, one per line");
  bodies->add_option("--workload", workload_path, "workload file")->required();
  bodies->add_option("--batch-size", batch_size, "touches per request")->check(CLI::Range(1, 1000));
  bodies->add_option("--limit", limit, "only the first N asks (0: all)");
  bodies->add_option("--out", out, "output file")->required();
  CLI11_PARSE(app, argc, argv);

  if (generate->parsed()) {
    if (absl::Status written = WriteWorkload(spec, out); !written.ok()) {
      std::cerr << written.message() << "\n";
      return 1;
    }
    return 0;
  }
  absl::StatusOr<Workload> workload = Workload::Open(workload_path);
  if (!workload.ok()) {
    std::cerr << workload.status().message() << "\n";
    return 1;
  }
  return WriteBodies(*workload, batch_size, limit, out);
}

}  // namespace
}  // namespace tact::bench

int main(int argc, char** argv) { return tact::bench::Main(argc, argv); }
