// Reading people and accounts stored in data format 1 (profile_codec.h says
// what that is). Frozen: format 1 is never written again.
#pragma once

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/account.h"
#include "core/person.h"

namespace tact {

// Errors: DataLoss naming the field that is wrong.
absl::StatusOr<Person> DecodeFormat1Person(absl::string_view json);
absl::StatusOr<Account> DecodeFormat1Account(absl::string_view json);

}  // namespace tact
