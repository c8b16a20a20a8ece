// The decision as tact answers it over the wire (docs/api.md):
// {"decision": "defer", "at": …, "not_before": …,
//  "reasons": [{"rule", "message", "window", "count", "limit", "not_before"}],
//  "budgets": [{"rule", "scope", "window", "used", "max"}]}
#pragma once

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "codec/json_writer.h"
#include "core/decision.h"
#include "policy/policy.h"
#include "rules/explain.h"

namespace tact {

// `context` holds what the decision was made from (its policy names the
// budgets; the reasons' sentences are rendered from it). `touch_id` is
// omitted when empty.
std::string DecisionToJson(const Decision& decision, const ExplainContext& context,
                           absl::string_view touch_id = "");

// {"source", "text", "budgets": [{"rule", "scope", "window", "max"}]}: the
// policy as GET /v1/policy and `tact report` show it.
void WritePolicyJson(JsonWriter& writer, const Policy& policy);

// A budget's "rule", "scope" and "window" members, as decisions and the
// `why` answer name it.
void WriteBudgetFields(JsonWriter& writer, const Budget& budget);
// A budget's fields and its use ("used", "max"), inside an object the caller
// opened (and may add to).
void WriteBudgetUse(JsonWriter& writer, const Budget& budget, int used, int max);

// Each budget's use as a decision's "budgets" lists it, with the members that
// do not change from one decision to the next written once, as JSON text,
// when it is made: for a server that answers many decisions under one
// policy. Thread safety: immutable; share freely.
class BudgetsJson {
 public:
  explicit BudgetsJson(const Policy& policy);
  // {"rule", "scope", "window", "used", "max"} for policy.budgets[index].
  void Write(JsonWriter& writer, int index, int used, int max) const;

 private:
  std::vector<std::string> heads_;  // {"rule":…,"scope":…,"window":…,"used":
};

// How a decision is written beyond what it holds.
struct DecisionJsonOptions {
  // Whether reasons and notes carry their sentence ("message"); programs
  // that read the rule ids and numbers can do without.
  bool explain = true;
  // The policy's budgets made once (nullptr: written member by member).
  const BudgetsJson* budgets = nullptr;
};

// The same object written into `writer`, for answers holding many decisions.
// `unsubscribe_url`, for an email send: the RFC 8058 one-click link,
// written with the List-Unsubscribe header values the sender should add;
// `preferences_url`, for an email send: the person's preference page, for
// the message's foot ("preferences_url").
// `held_id`, for a defer tact holds (on_limit = "hold"): "held": {id, until}.
// `questions`, for a touch brief.hypothesis suppressed: the account brief's
// top questions ("questions": [...], left out when empty).
void WriteDecisionJson(JsonWriter& writer, const Decision& decision, const ExplainContext& context,
                       absl::string_view touch_id = "", absl::string_view unsubscribe_url = "",
                       absl::string_view preferences_url = "", absl::string_view held_id = "",
                       absl::Span<const std::string> questions = {},
                       const DecisionJsonOptions& options = {});

}  // namespace tact
