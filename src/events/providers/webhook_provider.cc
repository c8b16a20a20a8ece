#include "events/providers/webhook_provider.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "core/minutes.h"

namespace tact {

absl::string_view ProviderSettings::Text(absl::string_view key) const {
  const auto found = text.find(key);
  return found == text.end() ? absl::string_view() : absl::string_view(found->second);
}

const std::vector<std::string>& ProviderSettings::List(absl::string_view key) const {
  static const std::vector<std::string> kNone;
  const auto found = lists.find(key);
  return found == lists.end() ? kNone : found->second;
}

const WebhookProvider* FindWebhookProvider(absl::string_view name) {
  for (const WebhookProvider* provider : WebhookProviders()) {
    if (provider->name() == name) return provider;
  }
  return nullptr;
}

std::string WebhookProviderNames() {
  std::string names;
  const auto& all = WebhookProviders();
  for (size_t i = 0; i < all.size(); ++i) {
    absl::StrAppend(&names, i == 0 ? "" : i + 1 == all.size() ? " and " : ", ", all[i]->name());
  }
  return names;
}

absl::Status CheckFresh(absl::string_view what, std::optional<absl::Time> signed_at,
                        const WebhookCall& call) {
  if (!signed_at) return absl::UnauthenticatedError(absl::StrCat(what, " is not a time"));
  // Either way: clocks differ a little.
  const absl::Duration off = absl::AbsDuration(call.now - *signed_at);
  if (off <= call.replay_window) return absl::OkStatus();
  return absl::UnauthenticatedError(
      absl::StrCat(what, " (", FormatUtc(*signed_at), ") is ",
                   absl::FormatDuration(absl::Trunc(off, absl::Seconds(1))),
                   " from now, outside the replay window of ", FormatSpan(call.replay_window),
                   " (replay_window in the --webhooks file): a replayed request"));
}

std::optional<absl::Time> UnixSeconds(absl::string_view text) {
  int64_t seconds = 0;
  if (!absl::SimpleAtoi(text, &seconds)) return std::nullopt;
  return absl::FromUnixSeconds(seconds);
}

}  // namespace tact
