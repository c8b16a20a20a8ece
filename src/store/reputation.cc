#include "store/reputation.h"

#include <algorithm>

#include "policy/policy.h"

namespace tact {
namespace {

constexpr Minute kHour = 60;

}  // namespace

void ReputationTracker::Count(Table& table, absl::string_view name, Minute at, bool complaint) {
  if (name.empty()) return;
  std::lock_guard<std::mutex> lock(table.mutex);
  Buckets& buckets = table.keys[name];
  Counts& counts = buckets.by_hour[static_cast<int32_t>(at / kHour)];
  if (complaint) {
    ++counts.complaints;
    ++buckets.total.complaints;
  } else {
    ++counts.sent;
    ++buckets.total.sent;
  }
}

void ReputationTracker::AddHour(bool campaign, absl::string_view name, int32_t hour, int64_t sent,
                                int64_t complaints) {
  if (name.empty()) return;
  Table& table = campaign ? campaigns_ : domains_;
  std::lock_guard<std::mutex> lock(table.mutex);
  Buckets& buckets = table.keys[name];
  Counts& counts = buckets.by_hour[hour];
  counts.sent += sent;
  counts.complaints += complaints;
  buckets.total.sent += sent;
  buckets.total.complaints += complaints;
}

void ReputationTracker::CountSend(absl::string_view campaign, absl::string_view domain,
                                  Minute sent_at) {
  Count(campaigns_, campaign, sent_at, false);
  Count(domains_, domain, sent_at, false);
}

void ReputationTracker::CountComplaint(absl::string_view campaign, absl::string_view domain,
                                       Minute sent_at) {
  Count(campaigns_, campaign, sent_at, true);
  Count(domains_, domain, sent_at, true);
}

// Drops buckets that left the window, sums the rest, and walks forward to
// find when the rate falls below the limit with nothing new.
ComplaintRate ReputationTracker::Assess(Buckets& buckets, const ComplaintGuard& guard, Minute now) {
  const Minute window = SpanMinutes(guard.window);
  auto& by_hour = buckets.by_hour;
  // A bucket [h*60, h*60+60) is in the window while its end is after now - window.
  const auto first_kept = by_hour.lower_bound(static_cast<int32_t>((now - window) / kHour));
  for (auto it = by_hour.begin(); it != first_kept; ++it) {
    buckets.total.sent -= it->second.sent;
    buckets.total.complaints -= it->second.complaints;
  }
  by_hour.erase(by_hour.begin(), first_kept);
  ComplaintRate rate;
  rate.sent = buckets.total.sent;
  rate.complaints = buckets.total.complaints;
  // Hours after `now` (touches booked ahead) do not count yet.
  for (auto it = by_hour.rbegin(); it != by_hour.rend() && int64_t{it->first} * kHour > now; ++it) {
    rate.sent -= it->second.sent;
    rate.complaints -= it->second.complaints;
  }
  rate.clears_at = now;
  ComplaintRate remaining = rate;
  for (const auto& [hour, counts] : by_hour) {
    if (!OverComplaintLimit(guard, remaining)) break;
    remaining.sent -= counts.sent;
    remaining.complaints -= counts.complaints;
    rate.clears_at = std::max<Minute>(now, (hour + 1) * kHour + window);
  }
  return rate;
}

std::optional<ComplaintRate> ReputationTracker::RateOf(Table& table, absl::string_view name,
                                                       const ComplaintGuard& guard, Minute now) {
  if (name.empty()) return std::nullopt;
  std::lock_guard<std::mutex> lock(table.mutex);
  auto found = table.keys.find(name);
  if (found == table.keys.end()) return std::nullopt;
  return Assess(found->second, guard, now);
}

Signals ReputationTracker::SignalsFor(absl::string_view campaign, absl::string_view domain,
                                      const ComplaintGuard& guard, Minute now) {
  Signals signals;
  if (!guard.enabled()) return signals;
  signals.campaign = RateOf(campaigns_, campaign, guard, now);
  signals.domain = RateOf(domains_, domain, guard, now);
  return signals;
}

std::vector<ReputationRow> ReputationTracker::Report(const ComplaintGuard& guard, Minute now) {
  std::vector<ReputationRow> rows;
  for (const auto& [scope, table] : {std::pair<const char*, Table*>{"campaign", &campaigns_},
                                     std::pair<const char*, Table*>{"domain", &domains_}}) {
    std::lock_guard<std::mutex> lock(table->mutex);
    for (auto& [name, buckets] : table->keys) {
      const ComplaintRate rate = Assess(buckets, guard, now);
      if (rate.sent == 0 && rate.complaints == 0) continue;
      rows.push_back(ReputationRow{scope, name, rate, OverComplaintLimit(guard, rate)});
    }
  }
  std::sort(rows.begin(), rows.end(), [](const ReputationRow& a, const ReputationRow& b) {
    const double rate_a = a.rate.sent ? double(a.rate.complaints) / a.rate.sent : 0;
    const double rate_b = b.rate.sent ? double(b.rate.complaints) / b.rate.sent : 0;
    if (rate_a != rate_b) return rate_a > rate_b;
    return std::tie(a.scope, a.name) < std::tie(b.scope, b.name);
  });
  return rows;
}

}  // namespace tact
