#include "demo/demo_outcomes.h"

#include <random>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/stable_key.h"
#include "demo/demo_data.h"

namespace tact {
namespace {

// Chances per sent touch: opened and clicked (of those opened), replied,
// meeting, unsubscribed, complained.
struct Rates {
  double open = 0, click = 0, reply = 0, meeting = 0, unsubscribe = 0, complaint = 0;
};

Rates RatesOf(const Touch& touch) {
  const absl::string_view campaign = touch.campaign;
  if (touch.channel == Channel::kSms) return {0, 0.08, 0.01, 0, 0.03, 0};
  if (touch.channel == Channel::kPush) return {0.12, 0.3, 0, 0, 0.01, 0};
  if (touch.channel == Channel::kCall) return {0, 0, 0.4, 0.2, 0, 0};
  if (campaign == "q1-outbound") {
    if (IsScriptedDemoSeller(touch.sender)) {
      return touch.step <= 1 ? Rates{0.3, 0.05, 0.015, 0.003, 0.02, 0.004}
                             : Rates{0.15, 0.02, 0.005, 0.0, 0.05, 0.012};
    }
    return touch.step <= 1 ? Rates{0.55, 0.2, 0.12, 0.05, 0.004, 0}
                           : Rates{0.45, 0.25, 0.07, 0.03, 0.006, 0};
  }
  if (campaign == "quarterly-check-in") return {0.6, 0.1, 0.2, 0.04, 0.002, 0};
  if (campaign == "upsell-pro") return {0.25, 0.1, 0.03, 0.01, 0.012, 0.002};
  if (campaign == "receipt") return {0.7, 0.05, 0.002, 0, 0, 0};
  if (campaign == "routing-launch") return {0.4, 0.2, 0.01, 0.004, 0.005, 0.0005};
  if (campaign == "routing-launch-reminder") return {0.2, 0.05, 0.002, 0, 0.02, 0.003};
  if (campaign == "routing-launch-resend") return {0.1, 0.02, 0, 0, 0.03, 0.006};
  if (campaign == "berlin-summit") return {0.25, 0.06, 0.004, 0.002, 0.015, 0.002};
  if (absl::StartsWith(campaign, "newsletter")) return {0.35, 0.1, 0.002, 0, 0.006, 0.0006};
  return {0.25, 0.05, 0.005, 0.001, 0.005, 0.001};
}

}  // namespace

std::vector<DemoOutcome> DemoOutcomesOf(const Touch& touch, uint64_t seed) {
  std::mt19937_64 engine(seed ^ (uint64_t{StableKeyOf(touch.person_id)} << 32) ^
                         StableKeyOf(absl::StrCat(touch.campaign, "/", touch.step)));
  const auto unit = [&] { return static_cast<double>(engine() >> 11) * 0x1.0p-53; };
  const auto minutes = [&](int low, int high) {
    return absl::Minutes(low + static_cast<int>(unit() * (high - low)));
  };
  std::vector<DemoOutcome> outcomes;
  const Rates rates = RatesOf(touch);
  if (touch.channel == Channel::kEmail || touch.channel == Channel::kSms) {
    const double roll = unit();
    if (roll < 0.012) {
      outcomes.push_back({EventType::kBouncedHard, absl::Minutes(1)});
      return outcomes;
    }
    if (roll < 0.018) {
      outcomes.push_back({EventType::kBouncedSoft, absl::Minutes(1)});
      return outcomes;
    }
    outcomes.push_back({EventType::kDelivered, absl::Minutes(1)});
  }
  absl::Duration opened = minutes(20, 30 * 60);
  if (unit() < rates.open) {
    outcomes.push_back({EventType::kOpened, opened});
    if (unit() < rates.click) outcomes.push_back({EventType::kClicked, opened + minutes(1, 20)});
  } else if (touch.channel == Channel::kSms && unit() < rates.click) {
    outcomes.push_back({EventType::kClicked, minutes(5, 240)});
  }
  const absl::Duration replied = minutes(60, 48 * 60);
  if (unit() < rates.reply) outcomes.push_back({EventType::kReplied, replied});
  if (unit() < rates.meeting)
    outcomes.push_back({EventType::kMeeting, replied + minutes(60, 72 * 60)});
  if (unit() < rates.unsubscribe) {
    outcomes.push_back(
        {touch.channel == Channel::kSms ? EventType::kStop : EventType::kUnsubscribed,
         minutes(10, 24 * 60)});
  }
  if (unit() < rates.complaint) outcomes.push_back({EventType::kComplained, minutes(10, 24 * 60)});
  // A few readers of a promotion choose less on their preference page
  // rather than leave (drawn last, so the outcomes above stay as they were).
  if (touch.kind == Kind::kPromotional && touch.channel == Channel::kEmail) {
    const double choice = unit();
    if (choice < 0.012) {
      outcomes.push_back({EventType::kDelivered, minutes(30, 36 * 60), DemoChoice::kWeekly});
    } else if (choice < 0.018) {
      outcomes.push_back({EventType::kDelivered, minutes(30, 36 * 60), DemoChoice::kBreak});
    }
  }
  return outcomes;
}

}  // namespace tact
