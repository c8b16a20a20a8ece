#include "policy/policy.h"

#include <algorithm>
#include <string>

#include "absl/strings/string_view.h"
#include "content/language.h"

namespace tact {

absl::string_view Scope::Name() const {
  switch (type) {
    case Type::kChannel:
      return ChannelName(channel);
    case Type::kKind:
      return KindName(kind);
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

const FrequencyChoice* PreferencePolicy::FindFrequency(absl::string_view id) const {
  for (const FrequencyChoice& choice : frequencies) {
    if (choice.id == id) return &choice;
  }
  return nullptr;
}

std::string PreferencePolicy::LabelOf(absl::string_view id, absl::string_view language) const {
  const std::string wanted = PrimaryLanguage(language);
  const Label* english = nullptr;
  for (const Label& label : labels) {
    if (label.id != id) continue;
    const std::string written = PrimaryLanguage(label.language);
    if (written == wanted) return label.text;
    if (written == "en") english = &label;
  }
  if (const FrequencyChoice* choice = FindFrequency(id); choice != nullptr) return choice->label;
  return english != nullptr ? english->text : std::string(id);
}

bool OverComplaintLimit(const ComplaintGuard& guard, const ComplaintRate& rate) {
  return guard.enabled() && rate.sent >= guard.min_sent && rate.complaints > 0 &&
         static_cast<double>(rate.complaints) >= guard.rate_max * static_cast<double>(rate.sent);
}

Minute RetentionHorizon(const Policy& policy, absl::Time now) {
  return ToMinute(now) - policy.retention_minutes;
}

bool CountsTemplates(const Policy& policy, Kind kind) {
  return policy.content.mass_max_recipients > 0 && policy.content.mass_applies_to.Contains(kind);
}

int TemplateWindowDays(const Policy& policy) {
  return static_cast<int>(absl::Ceil(policy.content.mass_window, absl::Hours(24)) /
                          absl::Hours(24));
}

Minute LedgerRetentionMinutes(const Policy& policy) {
  return std::max({SpanMinutes(policy.complaints.window),
                   SpanMinutes(policy.engagement.attribution_window),
                   policy.content.mass_max_recipients > 0 ? policy.content.mass_window_minutes : 0,
                   Minute{7 * 24 * 60}});
}

}  // namespace tact
