#include "governor/reading_cohorts.h"

#include <numeric>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace tact {
namespace {

// A cohort's hours are halved when they hold this many engagements, so
// that recent behaviour keeps its say and a float keeps its precision.
constexpr float kCohortSaturation = 1e6f;
constexpr size_t kMaxRoleBytes = 64;

// The person's cohorts: "country:DE", "zone:Europe/Berlin", "role:cto".
std::array<std::string, 3> CohortsOf(const Person& person) {
  std::array<std::string, 3> cohorts;
  if (!person.country.empty()) cohorts[0] = absl::StrCat("country:", person.country);
  if (person.clock != nullptr) cohorts[1] = absl::StrCat("zone:", person.clock->name());
  std::string role(absl::StripAsciiWhitespace(person.role));
  if (!role.empty() && role.size() <= kMaxRoleBytes) {
    absl::AsciiStrToLower(&role);
    cohorts[2] = absl::StrCat("role:", role);
  }
  return cohorts;
}

}  // namespace

ReadingCohorts::ReadingCohorts() : published_(std::make_shared<const Table>()) {}

void ReadingCohorts::Count(const Person& person, EngagementKind engagement, int hour) {
  if (hour < 0 || hour >= kHoursOfWeek) return;
  const std::array<std::string, 3> cohorts = CohortsOf(person);
  absl::MutexLock lock(&mutex_);
  for (const std::string& cohort : cohorts) {
    if (cohort.empty()) continue;
    auto found = counting_.find(cohort);
    if (found == counting_.end()) {
      if (counting_.size() >= kMaxReadingCohorts) continue;
      found = counting_.emplace(cohort, Hours{}).first;
    }
    Hours& hours = found->second;
    hours[hour] += static_cast<float>(EngagementWeight(engagement));
    if (hours[hour] >= kCohortSaturation) {
      for (float& each : hours) each /= 2;
    }
  }
  changed_ = true;
}

void ReadingCohorts::Publish() {
  std::shared_ptr<const Table> copy;
  {
    absl::MutexLock lock(&mutex_);
    if (!changed_) return;
    changed_ = false;
    copy = std::make_shared<const Table>(counting_);
  }
  published_.store(std::move(copy));
}

const SendTimePrior& ReadingCohorts::PriorFor(const Person& person, const SendTimePrior& fallback,
                                              std::optional<SendTimePrior>& pooled) const {
  const std::shared_ptr<const Table> table = published_.load();
  if (table->empty()) return fallback;  // nothing learnt yet: no keys to build
  std::array<double, kHoursOfWeek> counted{};
  double total = 0;
  for (const std::string& cohort : CohortsOf(person)) {
    if (cohort.empty()) continue;
    const auto found = table->find(cohort);
    if (found == table->end()) continue;
    for (int hour = 0; hour < kHoursOfWeek; ++hour) counted[hour] += found->second[hour];
    total += std::accumulate(found->second.begin(), found->second.end(), 0.0);
  }
  if (total == 0) return fallback;
  SendTimePrior& prior = pooled.emplace();
  for (int hour = 0; hour < kHoursOfWeek; ++hour) {
    prior.share[hour] =
        (counted[hour] + kPriorEngagements * fallback.share[hour]) / (total + kPriorEngagements);
  }
  return prior;
}

size_t ReadingCohorts::cohorts() const {
  absl::MutexLock lock(&mutex_);
  return counting_.size();
}

}  // namespace tact
