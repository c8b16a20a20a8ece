// What tact answers about one touch, and why.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "core/history.h"
#include "core/minutes.h"

namespace tact {

enum class Outcome : uint8_t { kSend, kDefer, kSuppress };

// "send", "defer", "suppress".
absl::string_view OutcomeName(Outcome outcome);
std::optional<Outcome> ParseOutcome(absl::string_view name);

// What kind of objection a reason is; Explain() (rules/explain.h) turns it
// into a sentence.
enum class ReasonCode : uint8_t {
  kConsentOptedOut,
  kConsentOptInMissing,
  kHealthEscalation,
  kHealthCommitment,
  kIcpUnknownAccount,
  kIcpBelowThreshold,
  kFollowupUnanswered,
  kBudget,
  kPriorityReserve,
  kGap,
  kSender,
  kFollowupGap,
  kQuietHours,
  kListUnsubscribed,
  kAddressUndeliverable,
  kDormant,
  kComplaintRate,
  kLanguage,
  kEventDistance,
  kEventRegion,
  kContentRepeat,
  kContentBump,
  kMassTemplate,
  kOnLimitDrop,
  kExpires,
  kMaxDelay,
  kNoTime,
  kStateUnavailable,
  kHypothesisMissing,  // detail: "" none, "account" no account, "sender" no sender
  kHypothesisStale,
  kHypothesisThin,
  kHypothesisCopied,     // detail: the originality's name (core/hypothesis.h)
  kPreferenceFrequency,  // the person's own budget (count, limit, window) or kinds only
  kPreferenceChannel,
  kPreferenceTopic,
  kPreferencePause,
  kSendTimeBest,    // the touch asked to go at best_at (Touch::at_best)
  kControlHoldout,  // the person is in a control group; detail: its team ("" company-wide)
};

// One rule's objection: structured, so deciding never formats text. `rule`
// is a stable id that is part of the API (e.g. "budget.all.7d",
// "quiet_hours", "consent.sms"); it points into static storage or into the
// policy the decision was made with, and is valid while that policy lives.
// The numbers are set where the rule has them.
struct Reason {
  ReasonCode code = ReasonCode::kNoTime;
  absl::string_view rule;
  int policy_index = -1;  // kBudget, kPriorityReserve, kGap: index into the policy's list
  Minute at = 0;          // the minute the rule looked at
  std::optional<absl::Duration> window;
  std::optional<int> count;  // touches already in the window (or in the thread, or on the account)
  std::optional<int> limit;
  std::optional<absl::Time> not_before;  // when this rule alone would allow it
  std::optional<double> score;           // icp: the account's score
  std::optional<double> threshold;       // icp: the policy's threshold
  // relevance/content: a language code, region code or bump phrase, pointing
  // into static storage or the policy (valid while the policy lives).
  absl::string_view detail;
};

using Reasons = absl::InlinedVector<Reason, 2>;

// What a decision says without objecting: the text's language contradicts
// the declared one; how much the text talks about the sender.
enum class NoteCode : uint8_t { kLanguageMismatch, kSelfFocus };

struct Note {
  NoteCode code = NoteCode::kSelfFocus;
  absl::string_view id;            // stable: "relevance.language_mismatch", "content.self_focus"
  absl::string_view detail;        // kLanguageMismatch: the detected language (static storage)
  std::optional<double> score;     // kSelfFocus: self / (self + reader)
  std::optional<int> count;        // kSelfFocus: words about the sender; kLanguageMismatch: percent
  std::optional<int> limit;        // kSelfFocus: words about the reader
  bool detection_decided = false;  // kLanguageMismatch: the detected language was judged
};

// What the content gates made of the touch's text (set when it had any).
struct ContentSummary {
  uint64_t fingerprint = 0;    // content/fingerprint.h; stored with the touch
  absl::string_view detected;  // CLD2's language (static storage); empty when unknown
  int detected_percent = 0;
  std::string language;   // primary language the rules judged by; empty when unknown
  bool declared = false;  // the touch declared its language
  int words = 0;          // words of new text (quoted replies dropped)
  // No touch with this exact fingerprint reached the person within the
  // mass-template window: a send adds one recipient to the template's count.
  bool new_to_person = true;
};

// How much of one policy budget the person has used, this touch included when
// it is sent. `budget_index` indexes Policy::budgets.
struct BudgetUsage {
  int budget_index = 0;
  int used = 0;
  int max = 0;
};

struct Decision {
  Outcome outcome = Outcome::kSend;
  absl::Time at;          // the instant decided for (the touch's `at`, or now)
  absl::Time not_before;  // set for kDefer: the earliest instant all rules allow
  // Under [send_time], for a send or defer: the moment within the policy's
  // horizon (from `at`, or from `not_before`) when the person most likely
  // reads that every rule allows (engine/best_at.h).
  std::optional<absl::Time> best_at;
  Reasons reasons;
  absl::InlinedVector<BudgetUsage, 4> budgets;
  // For a send that is not a dry run: what the store must add to history,
  // atomically with answering.
  std::optional<TouchRecord> record;
  absl::InlinedVector<Note, 1> notes;
  std::optional<ContentSummary> content;
};

// The fingerprint of the decided touch's text (content/fingerprint.h), which
// History keeps beside a recorded touch; 0 when it had none.
inline uint64_t TextFingerprint(const Decision& decision) {
  return decision.content ? decision.content->fingerprint : 0;
}

}  // namespace tact
