#include "policy/policy.h"

#include <string>

#include "absl/strings/string_view.h"

namespace tact {

std::string Scope::Name() const {
  switch (type) {
    case Type::kChannel:
      return std::string(ChannelName(channel));
    case Type::kKind:
      return std::string(KindName(kind));
    case Type::kAll:
      break;
  }
  return "all";
}

bool DayWindow::IsQuiet(int minute_of_day) const {
  if (IsNone()) return false;
  if (start_minute < end_minute) return minute_of_day >= start_minute && minute_of_day < end_minute;
  return minute_of_day >= start_minute || minute_of_day < end_minute;
}

const Tier* Policy::FindTier(absl::string_view name) const {
  for (const Tier& tier : tiers) {
    if (tier.name == name) return &tier;
  }
  return nullptr;
}

}  // namespace tact
