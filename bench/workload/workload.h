// The peer benchmark's workload: one stream of asks that every leg (tact in
// process, tact over HTTP, the Redis + Lua peer, the hash-map baseline)
// replays in the same order. People are drawn with Zipf-distributed
// popularity, senders likewise; asks move through the simulated days in time
// order at whole minutes, so a minute-resolution limiter and one with
// milliseconds see the same windows.
//
// The stream is generated once and written to a file of fixed-size records,
// read back by each leg's process (mmap), so that no leg pays for generating it.
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace tact::bench {

struct WorkloadSpec {
  int64_t people = 1'000'000;
  int64_t asks = 10'000'000;
  int days = 30;
  int senders = 500;
  double zipf_exponent = 0.9;  // popularity of people and of senders
  uint64_t seed = 1;
};

// The channels the stream uses, as tact names them.
inline constexpr absl::string_view kAskChannels[] = {"email", "sms", "push"};

struct Ask {
  uint32_t person = 0;  // index; its id is PersonId(person)
  uint32_t minute = 0;  // minutes after the workload's start
  uint16_t sender = 0;  // index; its id is SenderId(sender)
  uint8_t channel = 0;  // index into kAskChannels
  uint8_t unused = 0;
};
static_assert(sizeof(Ask) == 12);

// The simulated days begin here (a Monday, 00:00 UTC).
absl::Time WorkloadStart();

std::string PersonId(uint32_t person);
std::string SenderId(uint16_t sender);

// PersonId without an allocation, for the legs' inner loops: "p-" and seven
// digits written into `buffer`, which the view points into.
absl::string_view FormatPersonId(uint32_t person, char (&buffer)[16]);

// Draws the stream described by `spec`; deterministic for a seed.
absl::Status WriteWorkload(const WorkloadSpec& spec, const std::string& path);

// A workload file mapped read-only.
class Workload {
 public:
  static absl::StatusOr<Workload> Open(const std::string& path);
  Workload(Workload&& other) noexcept;
  Workload& operator=(Workload&&) = delete;
  ~Workload();

  const WorkloadSpec& spec() const { return spec_; }
  size_t size() const { return count_; }
  const Ask& operator[](size_t index) const { return asks_[index]; }

 private:
  Workload() = default;
  WorkloadSpec spec_;
  const Ask* asks_ = nullptr;
  size_t count_ = 0;
  void* mapping_ = nullptr;
  size_t mapping_bytes_ = 0;
};

// The ask as the JSON touch `POST /v1/decide` takes (no surrounding braces'
// whitespace; `at` in RFC 3339).
std::string TouchJson(const Ask& ask);

}  // namespace tact::bench
