// A touch tact held back (deferred or suppressed), as reports list them:
// whom, when, which rule, from where.
#pragma once

#include <string>

#include "core/decision.h"
#include "core/minutes.h"
#include "report/mirror.h"

namespace tact {

struct HeldBack {
  std::string person_id;
  Minute minute = 0;  // the touch's intended time
  Outcome outcome = Outcome::kDefer;
  std::string rule;  // the first reason's rule id
  std::string team, campaign, sender;
  Channel channel = Channel::kEmail;
};

}  // namespace tact
