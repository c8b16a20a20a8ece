#include "governor/decide_and_record.h"

#include <algorithm>
#include <optional>

#include "content/analysis.h"
#include "engine/decide.h"
#include "rules/engagement.h"

namespace tact {

Decision DecideAndRecord(Store& store, const Policy& policy, const Person& person,
                         const Account* account, const Touch& touch, absl::Time now,
                         const Signals* signals, TemplateCounts* templates, bool* became_dormant) {
  Signals known = signals != nullptr ? *signals : Signals{};
  std::optional<ContentFacts> facts;
  const bool counts_templates = templates != nullptr && CountsTemplates(policy, touch.kind);
  if (known.content == nullptr && HasText(touch)) {
    facts = AnalyzeContent(policy.content.analysis(), touch);
    known.content = &*facts;
  }
  if (known.content != nullptr) {
    if (counts_templates) {
      known.template_recipients = templates->Count(
          known.content->fingerprint, ToMinute(touch.at.value_or(now)), TemplateWindowDays(policy));
    }
  }
  Decision decision;
  const Minute horizon = RetentionHorizon(policy, std::min(now, touch.at.value_or(now)));
  store.Apply(person.id, [&](History& history) {
    history.PruneBefore(horizon);
    if (became_dormant != nullptr) {
      const bool dormant = IsDormant(policy.engagement, history, ToMinute(touch.at.value_or(now)));
      *became_dormant = dormant && !history.dormant_noted();
      history.SetDormantNoted(dormant);
    }
    decision = Decide(policy, person, account, history, touch, now, &known);
    if (decision.record) history.Record(*decision.record);
  });
  if (counts_templates && decision.record && decision.content && decision.content->new_to_person) {
    templates->Add(decision.record->fingerprint, decision.record->minute);
  }
  return decision;
}

}  // namespace tact
