#include "engine/decide.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "content/analysis.h"
#include "engine/best_at.h"
#include "policy/preference_choices.h"
#include "rules/budget.h"
#include "rules/pipeline.h"
#include "rules/window.h"

namespace tact {
namespace {

// Soft rules move the candidate only forward and each move lands on a minute
// some rule names, so the search settles quickly; the bound guards against a
// policy whose rules keep pushing each other (e.g. quiet hours that cover
// every time a budget opens).
constexpr int kMaxRounds = 64;

// Keeps one reason per rule id: the first message, the latest not_before.
void MergeReason(Reasons* reasons, Reason&& reason) {
  for (Reason& existing : *reasons) {
    if (existing.rule != reason.rule || existing.policy_index != reason.policy_index) continue;
    if (reason.not_before && (!existing.not_before || *reason.not_before > *existing.not_before))
      existing.not_before = reason.not_before;
    return;
  }
  reasons->push_back(std::move(reason));
}

void FillBudgets(const RuleInput& input, Minute at, bool counted, Decision* decision) {
  if (!input.kind_rules.budgets) return;
  const auto& budgets = input.policy.budgets;
  for (size_t index = 0; index < budgets.size(); ++index) {
    const Budget& budget = budgets[index];
    if (!budget.scope.Covers(input.touch.channel, input.touch.kind)) continue;
    const MinuteList& minutes = input.counted->by_scope[budget.scope_index];
    const int used = CountInWindow(minutes, at, budget.window_minutes) + (counted ? 1 : 0);
    decision->budgets.push_back(BudgetUsage{static_cast<int>(index), used, budget.max});
  }
}

// The content summary and the notes that never object: a declared language
// the text contradicts, and how much the text talks about the sender.
void DescribeContent(const Policy& policy, const History& history, const ContentFacts& content,
                     Minute at, Decision* decision) {
  ContentSummary& summary = decision->content.emplace();
  summary.fingerprint = content.fingerprint;
  summary.detected = content.detected.code;
  summary.detected_percent = content.detected.percent;
  summary.language = content.language;
  summary.declared = content.declared;
  summary.words = content.words;
  const Minute since = at - policy.content.mass_window_minutes;
  const auto touches = history.touches();
  const auto fingerprints = history.fingerprints();
  for (size_t index = 0; index < fingerprints.size(); ++index) {
    if (fingerprints[index] == content.fingerprint && touches[index].minute > since) {
      summary.new_to_person = false;
      break;
    }
  }
  if (content.mismatch) {
    Note note{NoteCode::kLanguageMismatch, "relevance.language_mismatch"};
    note.detail = content.detected.code;
    note.count = content.detected.percent;
    note.detection_decided = content.detection_decided;
    decision->notes.push_back(note);
  }
  const int pronouns = content.self_words + content.reader_words;
  if (policy.content.self_focus_note && pronouns > 0) {
    Note note{NoteCode::kSelfFocus, "content.self_focus"};
    note.score = static_cast<double>(content.self_words) / pronouns;
    note.count = content.self_words;
    note.limit = content.reader_words;
    decision->notes.push_back(note);
  }
}

// Under [send_time]: the best moment from `from` on.
void SetBestAt(const RuleInput& input, Minute from, Decision* decision) {
  if (!input.policy.send_time.AppliesTo(input.touch.kind, input.touch.channel)) return;
  const SendTimePrior* prior = input.signals != nullptr ? input.signals->reading_prior : nullptr;
  decision->best_at = FromMinute(
      BestMinuteFor(input, from, prior != nullptr ? *prior : SendTimePrior::WorkingWeek()));
}

// For a touch that asked to go at its best moment (Touch::at_best), on its
// first ask: a send or defer before best_at becomes a defer to best_at.
// Whether it did.
bool WaitsForBestAt(const Touch& touch, Decision& decision) {
  if (!touch.at_best || !decision.best_at) return false;
  if (touch.first_asked && *touch.first_asked < decision.at) return false;
  const absl::Time until = decision.outcome == Outcome::kDefer ? decision.not_before : decision.at;
  if (*decision.best_at <= until) return false;
  decision.outcome = Outcome::kDefer;
  decision.not_before = *decision.best_at;
  Reason reason{ReasonCode::kSendTimeBest, "send_time.best", -1, ToMinute(decision.at)};
  reason.not_before = decision.best_at;
  decision.reasons.push_back(reason);
  return true;
}

}  // namespace

Decision Decide(const Policy& policy, const Person& person, const Account* account,
                const History& history, const Touch& touch, absl::Time now,
                const Signals* signals) {
  Decision decision;
  decision.at = touch.at.value_or(now);
  const Minute at = ToMinute(decision.at);

  const std::string& tier_name =
      touch.priority.empty() ? std::string(KindName(touch.kind)) : touch.priority;
  const Tier* tier = policy.FindTier(tier_name);
  const StableKey sender = StableKeyOf(touch.sender);
  const StableKey thread = StableKeyOf(touch.thread);
  const CountedTouches counted = CollectTouches(policy, history, sender, thread);
  std::optional<ContentFacts> analysed;
  const ContentFacts* content = signals != nullptr ? signals->content : nullptr;
  if (content == nullptr && HasText(touch)) {
    analysed = AnalyzeContent(policy.content.analysis(), touch);
    content = &*analysed;
  }
  if (content != nullptr && content->fingerprint == 0) content = nullptr;
  const RuleInput input{policy,
                        person,
                        account,
                        history,
                        touch,
                        policy.RulesFor(touch.kind),
                        sender,
                        thread,
                        tier ? tier->share : 1.0,
                        tier ? &tier->name : nullptr,
                        at,
                        &counted,
                        signals,
                        content};
  if (content != nullptr) DescribeContent(policy, history, *content, at, &decision);

  for (HardRule rule : HardRules()) rule(input, &decision.reasons);
  if (!decision.reasons.empty()) {
    decision.outcome = Outcome::kSuppress;
    FillBudgets(input, at, false, &decision);
    return decision;
  }

  Minute candidate = at;
  Blocks blocks;
  bool settled = false;
  for (int round = 0; round < kMaxRounds && candidate != kNever; ++round) {
    blocks.clear();
    for (SoftRule rule : SoftRules()) rule(input, candidate, &blocks);
    if (blocks.empty()) {
      settled = true;
      break;
    }
    Minute next = candidate;
    for (Block& block : blocks) {
      next = std::max(next, block.next_allowed);
      MergeReason(&decision.reasons, std::move(block.reason));
    }
    candidate = next;
  }

  if (settled && candidate == at) {
    decision.outcome = Outcome::kSend;
    SetBestAt(input, at, &decision);
    if (WaitsForBestAt(touch, decision)) {
      FillBudgets(input, at, false, &decision);
      return decision;
    }
    FillBudgets(input, at, input.kind_rules.budgets, &decision);
    if (!touch.dry_run) {
      decision.record = TouchRecord{at,
                                    input.sender,
                                    input.thread,
                                    touch.channel,
                                    touch.kind,
                                    input.kind_rules.budgets,
                                    static_cast<uint8_t>(std::clamp(touch.step, 0, kMaxStep)),
                                    TeamKeyOf(touch.team)};
    }
    return decision;
  }

  FillBudgets(input, at, false, &decision);
  decision.outcome = Outcome::kSuppress;
  if (!settled) {
    // A rule that answered "never" has said why; otherwise the rules kept
    // pushing each other past the round limit.
    if (candidate != kNever)
      decision.reasons.push_back(Reason{ReasonCode::kNoTime, "schedule.none", -1, at});
    return decision;
  }
  decision.not_before = FromMinute(candidate);
  if (touch.on_limit == OnLimit::kDrop) {
    Reason reason{ReasonCode::kOnLimitDrop, "on_limit.drop", -1, at};
    reason.not_before = decision.not_before;
    decision.reasons.push_back(reason);
    return decision;
  }
  if (touch.expires && decision.not_before > *touch.expires) {
    Reason reason{ReasonCode::kExpires, "expires", -1, at};
    reason.not_before = decision.not_before;
    decision.reasons.push_back(reason);
    return decision;
  }
  const absl::Time first_asked = std::min(touch.first_asked.value_or(decision.at), decision.at);
  if (decision.not_before - first_asked > input.kind_rules.max_delay) {
    Reason reason{ReasonCode::kMaxDelay, "max_delay", -1, at};
    reason.not_before = decision.not_before;
    reason.window = input.kind_rules.max_delay;
    decision.reasons.push_back(reason);
    return decision;
  }
  decision.outcome = Outcome::kDefer;
  SetBestAt(input, candidate, &decision);
  WaitsForBestAt(touch, decision);
  return decision;
}

absl::Status ValidateTouchAgainstPolicy(const Policy& policy, const Touch& touch) {
  std::vector<std::string> problems;
  if (!touch.priority.empty() && policy.FindTier(touch.priority) == nullptr) {
    std::vector<absl::string_view> names;
    for (const Tier& tier : policy.tiers) names.push_back(tier.name);
    problems.push_back(
        absl::StrCat("priority: '", touch.priority, "' is not a tier of the policy (tiers: ",
                     names.empty() ? std::string("none") : absl::StrJoin(names, ", "), ")"));
  }
  if (!touch.topic.empty()) {
    if (std::string problem = TouchTopicProblem(policy.preferences, touch.topic);
        !problem.empty()) {
      problems.push_back(absl::StrCat("topic: ", problem));
    }
  }
  if (problems.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrJoin(problems, "; "));
}

}  // namespace tact
