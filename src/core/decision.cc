#include "core/decision.h"

#include "absl/strings/string_view.h"

namespace tact {

absl::string_view OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kDefer:
      return "defer";
    case Outcome::kSuppress:
      return "suppress";
    case Outcome::kSend:
      break;
  }
  return "send";
}

std::optional<Outcome> ParseOutcome(absl::string_view name) {
  for (Outcome outcome : {Outcome::kSend, Outcome::kDefer, Outcome::kSuppress}) {
    if (OutcomeName(outcome) == name) return outcome;
  }
  return std::nullopt;
}

}  // namespace tact
