// A brief as JSON (GET /v1/accounts/{id}/brief, `tact brief --json`); the
// schema is in docs/openapi.yaml (Brief).
#pragma once

#include <string>

#include "brief/brief.h"

namespace tact {

std::string BriefJson(const Brief& brief);

}  // namespace tact
