// Days as reports and stored mirror days write them: "2026-11-24" (UTC).
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "report/mirror.h"

namespace tact {

std::string FormatDay(Day day);
// Errors: InvalidArgument naming the form to write.
absl::StatusOr<Day> ParseDay(absl::string_view text);

}  // namespace tact
