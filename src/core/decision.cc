#include "core/decision.h"

#include "core/enum_names.h"

namespace tact {
namespace {
constexpr EnumNames<Outcome, 3> kNames({"send", "defer", "suppress"});
}  // namespace

absl::string_view OutcomeName(Outcome outcome) { return kNames.Name(outcome); }

std::optional<Outcome> ParseOutcome(absl::string_view name) { return kNames.Parse(name); }

}  // namespace tact
