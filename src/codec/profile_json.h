// People and accounts as the API returns them: the same fields PUT takes, so
// a GET's body can be edited and PUT back.
//   person:  {"id", "account_id", "time_zone", "languages": [...], "country",
//             "region", "lat", "lon", "role", "consent": {"email": "opted_in", ...}}
//   account: {"id", "industry", "employees", "country", "open_escalations",
//             "missed_commitments", "attributes": {...}}
// Empty fields are left out.
#pragma once

#include <string>

#include "core/account.h"
#include "core/person.h"

namespace tact {

std::string PersonToJson(const Person& person);
std::string AccountToJson(const Account& account);

}  // namespace tact
