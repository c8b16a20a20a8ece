#include "governor/decide_and_record.h"

#include <algorithm>
#include <optional>

#include "content/analysis.h"
#include "engine/decide.h"
#include "rules/engagement.h"

namespace tact {

LedgerEntry LedgerEntryOf(const Touch& touch, absl::string_view domain, const TouchRecord& record) {
  return LedgerEntry{touch.person_id,    touch.campaign, std::string(domain), touch.list,
                     record.minute,      touch.channel,  touch.kind,          0,
                     record.fingerprint, touch.team,     touch.sender,        touch.tool};
}

absl::StatusOr<Decision> DecideAndRecord(Store& store, const Policy& policy, const Person& person,
                                         const Account* account, const Touch& touch, absl::Time now,
                                         const Signals* signals, TemplateCounts* templates,
                                         bool* became_dormant, const LedgerLink* ledger) {
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
  const absl::Status stored =
      store.Apply(person.id, [&](History& history) -> std::optional<LedgerWrite> {
        history.PruneBefore(horizon);
        if (became_dormant != nullptr) {
          const bool dormant =
              IsDormant(policy.engagement, history, ToMinute(touch.at.value_or(now)));
          *became_dormant = dormant && !history.dormant_noted();
          history.SetDormantNoted(dormant);
        }
        decision = Decide(policy, person, account, history, touch, now, &known);
        if (!decision.record) return std::nullopt;
        history.Record(*decision.record);
        if (ledger == nullptr) return std::nullopt;
        return LedgerWrite{ledger->touch_id, LedgerEntryOf(touch, ledger->domain, *decision.record),
                           ledger->oldest_kept};
      });
  if (!stored.ok()) return stored;
  if (counts_templates && decision.record && decision.content && decision.content->new_to_person) {
    templates->Add(decision.record->fingerprint, decision.record->minute);
  }
  return decision;
}

}  // namespace tact
