// The Governor's state: one implementation of each port, chosen once at
// start-up (store/memory_state.h, store/embedded_state.h) and handed to the
// Governor as this bundle. A new kind of state (several nodes on a shared
// store) is a new set of implementations and a new Open function; the
// Governor does not change.
//
// Every reference must outlive the Governor that holds the bundle.
#pragma once

#include "ports/account_facts.h"
#include "ports/check_answers.h"
#include "ports/event_ids.h"
#include "ports/held_back_log.h"
#include "ports/held_touches.h"
#include "ports/hypotheses.h"
#include "ports/mirror_store.h"
#include "ports/persistence.h"
#include "ports/policy_versions.h"
#include "ports/profile_store.h"
#include "ports/reputation_counts.h"
#include "ports/shared_policy.h"
#include "ports/store.h"
#include "ports/template_counts.h"
#include "ports/touch_ledger.h"

namespace tact {

struct StatePorts {
  Store& histories;
  ProfileStore& profiles;
  TouchLedger& ledger;
  EventIds& event_ids;
  ReputationCounts& reputation;
  TemplateCounts& templates;
  MirrorStore& mirror;
  HeldBackLog& held_back;
  Persistence& persistence;
  Hypotheses& hypotheses;
  // Null for a state of one process: its policy is its own.
  SharedPolicy* shared_policy = nullptr;
  // Null for a state of one process: the Governor keeps them in memory.
  CheckAnswers* check_answers = nullptr;
  // Null where touches cannot be held: on_limit = "hold" is refused.
  HeldTouches* held = nullptr;
  // Null where no policy history is kept. A Governor that never keeps a
  // policy as a version (`tact plan`) decides with version 0, which
  // decisions do not show.
  PolicyVersions* policy_versions = nullptr;
  // Null when tact was given no facts files: no account has a brief.
  const AccountFacts* account_facts = nullptr;
};

}  // namespace tact
