// A brief as plain text for a terminal (`tact brief`).
#pragma once

#include <string>

#include "brief/brief.h"

namespace tact {

std::string BriefText(const Brief& brief);

}  // namespace tact
