#include "workload/leg_result.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace tact::bench {
namespace {

int64_t StatusFieldKib(const char* field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  const std::string prefix = absl::StrCat(field, ":");
  while (std::getline(status, line)) {
    if (line.rfind(prefix, 0) != 0) continue;
    int64_t kib = 0;
    std::string digits;
    for (char c : line) {
      if (c >= '0' && c <= '9') digits.push_back(c);
    }
    if (absl::SimpleAtoi(digits, &kib)) return kib;
  }
  return 0;
}

}  // namespace

void LatencySample::Merge(const LatencySample& other) {
  sample_.insert(sample_.end(), other.sample_.begin(), other.sample_.end());
}

int64_t LatencySample::Quantile(double q) {
  if (sample_.empty()) return 0;
  const size_t rank = std::min(sample_.size() - 1, static_cast<size_t>(q * sample_.size()));
  std::nth_element(sample_.begin(), sample_.begin() + rank, sample_.end());
  return sample_[rank];
}

std::string ToJsonLine(const LegResult& result) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
  json.StartObject();
  json.Key("leg");
  json.String(result.leg.c_str());
  json.Key("decisions");
  json.Int64(result.decisions);
  json.Key("seconds");
  json.Double(result.seconds);
  json.Key("per_second");
  json.Double(result.seconds > 0 ? result.decisions / result.seconds : 0);
  json.Key("p50_ns");
  json.Int64(result.p50_ns);
  json.Key("p99_ns");
  json.Int64(result.p99_ns);
  json.Key("peak_rss_kib");
  json.Int64(result.peak_rss_kib);
  json.Key("state_bytes");
  json.Int64(result.state_bytes);
  json.Key("people");
  json.Int64(result.people);
  json.Key("sends");
  json.Int64(result.sends);
  json.Key("note");
  json.String(result.note.c_str());
  json.EndObject();
  return buffer.GetString();
}

int64_t PeakRssKib() { return StatusFieldKib("VmHWM"); }
int64_t CurrentRssKib() { return StatusFieldKib("VmRSS"); }

absl::Status WriteAnswers(const std::string& path, const std::vector<char>& answers) {
  FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return absl::UnavailableError(absl::StrCat("cannot write ", path));
  const bool written = std::fwrite(answers.data(), 1, answers.size(), file) == answers.size();
  if (std::fclose(file) != 0 || !written) {
    return absl::UnavailableError(absl::StrCat("cannot write ", path));
  }
  return absl::OkStatus();
}

int Report(const LegResult& result, const std::vector<char>& answers,
           const std::string& answers_path) {
  if (!answers_path.empty()) {
    if (absl::Status written = WriteAnswers(answers_path, answers); !written.ok()) {
      std::cerr << written.message() << "\n";
      return 1;
    }
  }
  std::cout << ToJsonLine(result) << std::endl;
  return 0;
}

}  // namespace tact::bench
