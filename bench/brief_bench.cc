// What an account brief costs, next to a plain simdjson parse of the same
// bytes (the baseline, measured in the same run):
//   brief     one SEC companyfacts document (NVIDIA's, 4.0 MB) read,
//             normalised, turned into signals, a brief for a role and its JSON
//   directory every companyfacts document of a directory read into facts
//             (tact's reader: parse, keep the concepts a brief reads, intern
//             the filings), as `tact serve --facts DIR` and `tact brief` do
// Targets: a brief in ≤ 20 ms on one core, a directory at ≥ 300 MB/s.
//
//   build/bench/brief_bench [--rounds N]      (one core: taskset -c 0 ...)
#include <simdjson.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "brief/brief.h"
#include "brief/companyfacts_reader.h"
#include "brief/playbook.h"
#include "encode/brief_json.h"
#include "facts/facts_library.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// The fastest of `rounds` runs of `work`, in seconds.
double Fastest(int rounds, const std::function<void()>& work) {
  double best = 1e9;
  for (int i = 0; i < rounds; ++i) {
    const auto start = Clock::now();
    work();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
  }
  return best;
}

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string CpuModel() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  }
  return "unknown";
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 20;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::max(1, std::atoi(argv[i + 1]));
  }
  const fs::path fixtures = fs::path(TACT_FIXTURES_DIR) / "sec-companyfacts";
  const fs::path nvidia = fixtures / "edgartools-vcr-cassettes" / "CIK0001045810.json";
  const std::string text = Slurp(nvidia);

  // A directory as SEC's bulk download unpacks: the companyfacts documents.
  const fs::path dir = fs::temp_directory_path() / ("tact-brief-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  size_t dir_bytes = 0;
  for (const char* name :
       {"edgartools-vcr-cassettes/CIK0000320193.json",
        "edgartools-vcr-cassettes/CIK0001045810.json",
        "edgartools-vcr-cassettes/CIK0001835632.json", "edgartools-fixtures/snow_facts.json"}) {
    const fs::path target = dir / fs::path(name).filename();
    fs::copy_file(fixtures / name, target, fs::copy_options::overwrite_existing);
    dir_bytes += fs::file_size(target);
  }

  simdjson::dom::parser parser;
  size_t sink = 0;
  const double parse_one = Fastest(rounds, [&] {
    simdjson::dom::element root;
    if (parser.parse(text.data(), text.size()).get(root) == simdjson::SUCCESS) sink += 1;
  });
  tact::CompanyFactsReader reader;
  const tact::Playbook& playbook = tact::DefaultPlaybook();
  const double brief_one = Fastest(rounds, [&] {
    auto company = reader.Read(text, "CIK0001045810.json");
    const tact::Brief brief = tact::MakeBrief(tact::Normalise(*company), playbook, "CFO", "nvidia");
    sink += tact::BriefJson(brief).size();
  });
  const double parse_dir = Fastest(rounds, [&] {
    for (const auto& entry : fs::directory_iterator(dir)) {
      simdjson::padded_string json;
      simdjson::dom::element root;
      if (simdjson::padded_string::load(entry.path().string()).get(json) == simdjson::SUCCESS &&
          parser.parse(json).get(root) == simdjson::SUCCESS) {
        sink += 1;
      }
    }
  });
  const double load_dir = Fastest(rounds, [&] {
    auto library = tact::LoadFacts(dir.string(), false);
    sink += library.ok() ? library->by_cik.size() : 0;
  });
  fs::remove_all(dir);

  const double mb = 1e6;
  std::printf("machine: %s, %u hardware threads\n", CpuModel().c_str(),
              std::thread::hardware_concurrency());
  std::printf("command: build/bench/brief_bench --rounds %d (fastest of %d runs)\n\n", rounds,
              rounds);
  std::printf("| leg | time | throughput | against plain simdjson |\n|---|---|---|---|\n");
  std::printf("| simdjson parse, NVIDIA (%.1f MB) | %.2f ms | %.0f MB/s | 1.00x |\n",
              text.size() / mb, parse_one * 1e3, text.size() / mb / parse_one);
  std::printf("| brief from the same document | %.2f ms | %.0f MB/s | %.2fx the time |\n",
              brief_one * 1e3, text.size() / mb / brief_one, brief_one / parse_one);
  std::printf(
      "| simdjson load+parse, directory (4 files, %.1f MB) | %.2f ms | %.0f MB/s | 1.00x |\n",
      dir_bytes / mb, parse_dir * 1e3, dir_bytes / mb / parse_dir);
  std::printf(
      "| tact reads the directory into facts | %.2f ms | %.0f MB/s | %.2fx the throughput |\n",
      load_dir * 1e3, dir_bytes / mb / load_dir, parse_dir / load_dir);
  const bool brief_ok = brief_one <= 0.020;
  const bool dir_ok = dir_bytes / mb / load_dir >= 300;
  std::printf("\ntargets: brief <= 20 ms: %s; directory >= 300 MB/s: %s (checksum %zu)\n",
              brief_ok ? "met" : "MISSED", dir_ok ? "met" : "MISSED", sink);
  return 0;
}
