// Days as reports and stored mirror days write them: "2026-11-24" (UTC);
// core/day.h.
#pragma once

#include "core/day.h"
#include "report/mirror.h"
