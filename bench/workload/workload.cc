#include "workload/workload.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <random>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace tact::bench {
namespace {

constexpr char kMagic[8] = {'T', 'A', 'C', 'T', 'W', 'L', '0', '1'};

struct FileHeader {
  char magic[8];
  int64_t people;
  int64_t asks;
  int32_t days;
  int32_t senders;
  double zipf_exponent;
  uint64_t seed;
};

// Zipf popularity over `count` items: item at rank r (1-based) has weight
// r^-exponent. Ranks are shuffled onto indices, so popular people are spread
// over the id space as they would be in a real table.
class ZipfPicker {
 public:
  ZipfPicker(int64_t count, double exponent, std::mt19937_64& random) : index_of_rank_(count) {
    std::vector<double> weights(count);
    for (int64_t rank = 0; rank < count; ++rank) weights[rank] = std::pow(rank + 1.0, -exponent);
    ranks_ = std::discrete_distribution<int64_t>(weights.begin(), weights.end());
    std::iota(index_of_rank_.begin(), index_of_rank_.end(), 0);
    std::shuffle(index_of_rank_.begin(), index_of_rank_.end(), random);
  }
  int64_t operator()(std::mt19937_64& random) { return index_of_rank_[ranks_(random)]; }

 private:
  std::discrete_distribution<int64_t> ranks_;
  std::vector<int64_t> index_of_rank_;
};

absl::Status ErrnoError(const std::string& what, const std::string& path) {
  return absl::UnavailableError(absl::StrCat(what, " ", path, ": ", std::strerror(errno)));
}

}  // namespace

absl::Time WorkloadStart() {
  return absl::FromCivil(absl::CivilMinute(2027, 3, 1, 0, 0), absl::UTCTimeZone());
}

std::string PersonId(uint32_t person) { return absl::StrFormat("p-%07u", person); }
absl::string_view FormatPersonId(uint32_t person, char (&buffer)[16]) {
  buffer[0] = 'p';
  buffer[1] = '-';
  for (int digit = 8; digit >= 2; --digit) {
    buffer[digit] = static_cast<char>('0' + person % 10);
    person /= 10;
  }
  return absl::string_view(buffer, 9);
}

std::string SenderId(uint16_t sender) { return absl::StrFormat("s%03u@example.com", sender); }

absl::Status WriteWorkload(const WorkloadSpec& spec, const std::string& path) {
  if (spec.people < 1 || spec.people > UINT32_MAX || spec.asks < 1 || spec.days < 1 ||
      spec.senders < 1 || spec.senders > UINT16_MAX + 1) {
    return absl::InvalidArgumentError("workload: people, asks, days and senders must be positive");
  }
  std::mt19937_64 random(spec.seed);
  ZipfPicker people(spec.people, spec.zipf_exponent, random);
  ZipfPicker senders(spec.senders, spec.zipf_exponent, random);
  // Mostly email, as in life; SMS and push interrupt more and are used less.
  std::discrete_distribution<int> channels({80, 12, 8});

  FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return ErrnoError("cannot write", path);
  FileHeader header{};
  std::memcpy(header.magic, kMagic, sizeof kMagic);
  header.people = spec.people;
  header.asks = spec.asks;
  header.days = spec.days;
  header.senders = spec.senders;
  header.zipf_exponent = spec.zipf_exponent;
  header.seed = spec.seed;
  bool written = std::fwrite(&header, sizeof header, 1, file) == 1;
  const int64_t minutes = int64_t{spec.days} * 24 * 60;
  std::vector<Ask> chunk;
  chunk.reserve(1 << 16);
  for (int64_t index = 0; index < spec.asks && written; ++index) {
    Ask ask;
    ask.person = static_cast<uint32_t>(people(random));
    ask.minute = static_cast<uint32_t>(index * minutes / spec.asks);
    ask.sender = static_cast<uint16_t>(senders(random));
    ask.channel = static_cast<uint8_t>(channels(random));
    chunk.push_back(ask);
    if (chunk.size() == chunk.capacity() || index + 1 == spec.asks) {
      written = std::fwrite(chunk.data(), sizeof(Ask), chunk.size(), file) == chunk.size();
      chunk.clear();
    }
  }
  if (std::fclose(file) != 0 || !written) return ErrnoError("cannot write", path);
  return absl::OkStatus();
}

absl::StatusOr<Workload> Workload::Open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return ErrnoError("cannot open", path);
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    ::close(fd);
    return ErrnoError("cannot stat", path);
  }
  const size_t bytes = static_cast<size_t>(info.st_size);
  void* mapping = bytes ? ::mmap(nullptr, bytes, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
  ::close(fd);
  if (mapping == MAP_FAILED) return ErrnoError("cannot map", path);
  Workload workload;
  workload.mapping_ = mapping;
  workload.mapping_bytes_ = bytes;
  FileHeader header{};
  if (bytes < sizeof header) return absl::InvalidArgumentError(path + ": not a workload file");
  std::memcpy(&header, mapping, sizeof header);
  if (std::memcmp(header.magic, kMagic, sizeof kMagic) != 0 ||
      bytes != sizeof header + static_cast<size_t>(header.asks) * sizeof(Ask)) {
    return absl::InvalidArgumentError(path + ": not a workload file, or cut short");
  }
  workload.spec_ = WorkloadSpec{header.people,  header.asks,          header.days,
                                header.senders, header.zipf_exponent, header.seed};
  workload.asks_ = reinterpret_cast<const Ask*>(static_cast<const char*>(mapping) + sizeof header);
  workload.count_ = static_cast<size_t>(header.asks);
  // Read once in order by every leg: ask the kernel to read ahead.
  ::madvise(mapping, bytes, MADV_SEQUENTIAL);
  return workload;
}

Workload::Workload(Workload&& other) noexcept
    : spec_(other.spec_),
      asks_(other.asks_),
      count_(other.count_),
      mapping_(other.mapping_),
      mapping_bytes_(other.mapping_bytes_) {
  other.mapping_ = nullptr;
  other.asks_ = nullptr;
  other.count_ = 0;
}

Workload::~Workload() {
  if (mapping_ != nullptr) ::munmap(mapping_, mapping_bytes_);
}

std::string TouchJson(const Ask& ask) {
  const absl::Time at = WorkloadStart() + absl::Minutes(ask.minute);
  return absl::StrCat(R"({"person_id":")", PersonId(ask.person), R"(","channel":")",
                      kAskChannels[ask.channel], R"(","kind":"promotional","sender":")",
                      SenderId(ask.sender), R"(","at":")",
                      absl::FormatTime("%Y-%m-%dT%H:%M:00Z", at, absl::UTCTimeZone()), "\"}");
}

}  // namespace tact::bench
