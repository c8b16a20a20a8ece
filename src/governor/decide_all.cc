// Governor::Decide and DecideAll: touches through the stages of a decide,
// one or many, with the state's round trips shared among many.
#include <algorithm>
#include <memory>
#include <optional>

#include "absl/container/inlined_vector.h"
#include "content/analysis.h"
#include "content/analysis_memo.h"
#include "core/address.h"
#include "governor/decide_and_record.h"
#include "governor/governor.h"
#include "rules/hypothesis_rule.h"
#include "rules/window.h"

namespace tact {
namespace {

// A touch whose decision counts those of earlier touches beyond its
// person's history: content.mass_template counts who received its text.
bool CountsEarlierTouches(const Policy& policy, const Touch& touch) {
  return CountsTemplates(policy, touch.kind) && HasText(touch);
}

// One touch on its way through DecideTogether. Never moves once made: the
// decision points at the rest.
struct Pending {
  absl::StatusOr<Subject> subject;
  std::string domain;
  Signals signals;
  LedgerLink link;
  bool became_dormant = false;
  bool backed = false;  // a cold touch backed by its sender's hypothesis
  // Under [send_time]: what people like them do, when it is not the
  // working week itself.
  std::optional<SendTimePrior> reading_prior;
  std::optional<RecordedDecision> decision;
};

// How many of a DecideTogether's touches have their history prefetched
// before the load stage: a single decision's, and a small batch's.
constexpr size_t kHistoriesPrefetchedFirst = 4;

}  // namespace

std::vector<absl::StatusOr<DecideResult>> Governor::DecideAll(const Policy& policy,
                                                              absl::Span<const Touch> touches,
                                                              absl::Time now) {
  std::vector<absl::StatusOr<DecideResult>> results(touches.size(),
                                                    absl::InternalError("not decided"));
  // A batch often carries one text to many people: each is analysed once.
  AnalysisMemo texts(policy.content.analysis());
  const auto analysed = [&texts](const Touch& touch) { return texts.For(touch); };
  size_t first = 0;
  while (first < touches.size()) {
    size_t last = first;
    while (last < touches.size() && !CountsEarlierTouches(policy, touches[last])) ++last;
    if (last > first) {
      observer_.OnDecidedTogether(last - first);
      DecideTogether(policy, touches.subspan(first, last - first), now,
                     absl::MakeSpan(results).subspan(first, last - first), analysed);
    }
    if (last < touches.size())
      results[last] = Decide(policy, touches[last], now, analysed(touches[last]));
    first = last + 1;
  }
  return results;
}

void Governor::DecideTogether(const Policy& policy, absl::Span<const Touch> touches, absl::Time now,
                              absl::Span<absl::StatusOr<DecideResult>> results, AnalysedFn analysed,
                              absl::Span<const uint64_t> touch_ids) {
  // Load. The first histories start on their way to the cache while the
  // profiles are found (the store prefetches the rest of a batch itself).
  for (size_t i = 0; i < std::min(touches.size(), kHistoriesPrefetchedFirst); ++i) {
    state_.histories.Prefetch(touches[i].person_id);
  }
  // A single decision (most requests) keeps its Pending on the stack and
  // finds its one subject without lists; a batch's are made and found
  // together.
  std::optional<Pending> alone;
  std::unique_ptr<Pending[]> together;
  if (touches.size() == 1) {
    alone.emplace().subject = Find(touches[0].person_id);
  } else {
    together = std::make_unique<Pending[]>(touches.size());
    std::vector<std::string> ids;
    ids.reserve(touches.size());
    for (const Touch& touch : touches) ids.push_back(touch.person_id);
    absl::StatusOr<std::vector<Subject>> subjects = FindAll(ids);
    for (size_t i = 0; i < touches.size(); ++i) {
      together[i].subject =
          subjects.ok() ? absl::StatusOr<Subject>(std::move((*subjects)[i])) : subjects.status();
    }
  }
  const absl::Span<Pending> pending =
      alone ? absl::MakeSpan(&*alone, 1) : absl::MakeSpan(together.get(), touches.size());
  absl::InlinedVector<PersonChange, 1> changes;
  changes.reserve(touches.size());
  for (size_t i = 0; i < touches.size(); ++i) {
    const Touch& touch = touches[i];
    Pending& one = pending[i];
    if (!one.subject.ok()) continue;
    one.domain = EmailDomain(touch.sender);
    one.signals = LoadSignals(policy, touch, one.domain, now);
    absl::StatusOr<std::optional<HypothesisStanding>> hypothesis =
        LoadHypothesis(policy, touch, *one.subject);
    if (!hypothesis.ok()) {
      one.subject = hypothesis.status();
      continue;
    }
    one.signals.hypothesis = *hypothesis;
    one.backed = touch.kind == Kind::kCold && *hypothesis &&
                 HypothesisBacks(policy.hypothesis, **hypothesis, ToMinute(touch.at.value_or(now)));
    one.signals.content = analysed(touch);
    if (policy.send_time.AppliesTo(touch.kind, touch.channel)) {
      one.signals.reading_prior = &reading_cohorts_.PriorFor(
          one.subject->person(), SendTimePrior::WorkingWeek(), one.reading_prior);
    }
    one.link =
        LedgerLink{touch_ids.empty() ? state_.histories.NewTouchId(touch.person_id) : touch_ids[i],
                   one.domain, ToMinute(now) - LedgerRetentionMinutes(policy)};
    one.decision.emplace(policy, one.subject->person(), one.subject->account.get(), touch, now,
                         &one.signals, &state_.templates, &one.became_dormant, &one.link);
    changes.push_back({touch.person_id, *one.decision});
  }
  // Decide (recording the sends, all people's histories written together).
  const std::vector<absl::Status> stored = state_.histories.ApplyAll(changes);
  // Commit and observe, in the touches' order.
  size_t change = 0;
  for (size_t i = 0; i < touches.size(); ++i) {
    Pending& one = pending[i];
    if (!one.subject.ok()) {
      results[i] = Unavailable("load", policy, touches[i], now, Subject{}, one.subject.status());
      continue;
    }
    absl::StatusOr<Decision> decision = one.decision->Finish(stored[change++]);
    if (!decision.ok()) {
      results[i] = Unavailable("decide", policy, touches[i], now, *std::move(one.subject),
                               decision.status());
      continue;
    }
    DecideResult result = Conclude(policy, touches[i], now, one.domain, *std::move(one.subject),
                                   *std::move(decision), one.link.touch_id,
                                   Noticed{one.became_dormant, one.backed, &one.decision->crowd()});
    result.questions = QuestionsFor(result.subject, result.decision);
    Hold(policy, touches[i], now, result);
    results[i] = std::move(result);
  }
}

}  // namespace tact
