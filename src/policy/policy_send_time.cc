// [send_time]: which answers carry `best_at`, and how far ahead it looks.
#include <toml++/toml.h>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "policy/policy_sections.h"

namespace tact {

void ReadSendTime(Validator& check, const toml::table& root, Policy& policy) {
  const toml::table* table = check.Table(root, "send_time", "");
  if (table == nullptr) return;
  SendTimePolicy& send_time = policy.send_time;
  send_time.enabled = true;
  check.CheckKeys(*table, "send_time", {"horizon", "applies_to", "channels"});
  // A receipt or password reset goes out when it is asked for.
  for (Kind kind : kAllKinds) {
    if (kind != Kind::kTransactional) send_time.applies_to.Add(kind);
  }
  // The channels a person reads at a time of their choosing.
  for (Channel channel : {Channel::kEmail, Channel::kSms, Channel::kPush}) {
    send_time.channels.Add(channel);
  }
  ReadKindList(check, *table, "applies_to", "send_time", &send_time.applies_to);
  ReadChannelList(check, *table, "channels", "send_time", &send_time.channels);
  if (auto horizon = check.Span(*table, "horizon", "send_time")) {
    if (*horizon < absl::Hours(1) || *horizon > absl::Hours(7 * 24)) {
      check.Error(*table->get("horizon"), "send_time.horizon",
                  absl::StrCat("'", absl::FormatDuration(*horizon),
                               "' is out of range; best_at looks between 1h and 7d ahead"));
    } else {
      send_time.horizon = *horizon;
    }
  }
  send_time.horizon_minutes = static_cast<Minute>(absl::ToInt64Minutes(send_time.horizon));
}

}  // namespace tact
