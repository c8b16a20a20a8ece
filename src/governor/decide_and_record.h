// The one place that runs a decision against the store: load the person's
// history, prune what the policy no longer looks at, decide, and record a
// send (with its ledger entry), all atomically per person so concurrent asks
// never overspend, even from several nodes.
#pragma once

#include <cstdint>
#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "content/analysis.h"
#include "core/account.h"
#include "core/decision.h"
#include "core/person.h"
#include "core/signals.h"
#include "core/touch.h"
#include "governor/crowd.h"
#include "policy/policy.h"
#include "ports/store.h"
#include "ports/template_counts.h"

namespace tact {

// Decides `touch` for `person` (the touch's person: the history changed is
// touch.person_id's) and records a send.
//
// A touch's text is analysed before the person's lock is taken, unless
// `signals->content` already holds its analysis (a caller that asks about
// one text many times analyses it once). With `templates`,
// content.mass_template is judged: its fingerprint's recipients
// are looked up, and a recorded send to someone who had not received that
// text within the window is counted. Two concurrent asks for the same text
// may both see the last free place: the limit can be passed by the number
// of requests in flight.
//
// With `became_dormant`, it is set when this decision is the first to find
// the person dormant (engagement.dormant) since they last engaged.
//
// With `ledger`, a recorded send's ledger entry is stored with the history
// under that touch id.
//
// Errors: the store's (ports/store.h); then nothing was recorded, or (Unknown,
// DeadlineExceeded) it may have been, and the caller must not send.
struct LedgerLink {
  uint64_t touch_id = 0;        // Store::NewTouchId for the touch's person
  absl::string_view domain;     // the sending domain
  Minute oldest_kept = kNever;  // the ledger's retention
};
// DecideAndRecord in three steps, for a caller that hands many changes to the
// store at once (Store::ApplyAll): the constructor analyses the text and
// counts the template's recipients; the object is the store's change (it
// may run several times: the last run is the one kept); Finish takes the
// store's outcome. Everything it is given must outlive it; it does not move.
class RecordedDecision {
 public:
  RecordedDecision(const Policy& policy, const Person& person, const Account* account,
                   const Touch& touch, absl::Time now, const Signals* signals,
                   TemplateCounts* templates, bool* became_dormant, const LedgerLink* ledger);
  RecordedDecision(const RecordedDecision&) = delete;
  RecordedDecision& operator=(const RecordedDecision&) = delete;

  // The change: prune, decide, record a send (with its ledger entry).
  std::optional<LedgerWrite> operator()(History& history) const;
  // The decision, once the store stored the change (`stored` OK); else the
  // store's error.
  absl::StatusOr<Decision> Finish(const absl::Status& stored);
  // What the person's history showed around the decision (of the last run).
  const Crowd& crowd() const { return crowd_; }

 private:
  const Policy& policy_;
  const Person& person_;
  const Account* account_;
  const Touch& touch_;
  const absl::Time now_;
  TemplateCounts* templates_;
  bool* became_dormant_;
  const LedgerLink* ledger_;
  bool counts_templates_ = false;
  Minute horizon_ = 0;
  std::optional<ContentFacts> facts_;
  Signals known_;
  mutable Decision decision_;  // of the last run
  mutable Crowd crowd_;
};

absl::StatusOr<Decision> DecideAndRecord(Store& store, const Policy& policy, const Person& person,
                                         const Account* account, const Touch& touch, absl::Time now,
                                         const Signals* signals = nullptr,
                                         TemplateCounts* templates = nullptr,
                                         bool* became_dormant = nullptr,
                                         const LedgerLink* ledger = nullptr);

// The ledger entry of a recorded send.
LedgerEntry LedgerEntryOf(const Touch& touch, absl::string_view domain, const TouchRecord& record,
                          uint64_t fingerprint);

}  // namespace tact
