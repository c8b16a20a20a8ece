#include "governor/decide_and_record.h"

#include <algorithm>
#include <optional>

#include "engine/decide.h"
#include "rules/engagement.h"

namespace tact {

LedgerEntry LedgerEntryOf(const Touch& touch, absl::string_view domain, const TouchRecord& record,
                          uint64_t fingerprint) {
  return LedgerEntry{touch.person_id, touch.campaign, std::string(domain), touch.list,
                     record.minute,   touch.channel,  touch.kind,          0,
                     fingerprint,     touch.team,     touch.sender,        touch.tool};
}

RecordedDecision::RecordedDecision(const Policy& policy, const Person& person,
                                   const Account* account, const Touch& touch, absl::Time now,
                                   const Signals* signals, TemplateCounts* templates,
                                   bool* became_dormant, const LedgerLink* ledger)
    : policy_(policy),
      person_(person),
      account_(account),
      touch_(touch),
      now_(now),
      templates_(templates),
      became_dormant_(became_dormant),
      ledger_(ledger),
      counts_templates_(templates != nullptr && CountsTemplates(policy, touch.kind)),
      horizon_(RetentionHorizon(policy, std::min(now, touch.at.value_or(now)))),
      known_(signals != nullptr ? *signals : Signals{}) {
  if (known_.content == nullptr && HasText(touch)) {
    facts_ = AnalyzeContent(policy.content.analysis(), touch);
    known_.content = &*facts_;
  }
  if (known_.content != nullptr && counts_templates_) {
    known_.template_recipients = templates->Count(
        known_.content->fingerprint, ToMinute(touch.at.value_or(now)), TemplateWindowDays(policy));
  }
}

std::optional<LedgerWrite> RecordedDecision::operator()(History& history) const {
  history.PruneBefore(horizon_);
  if (became_dormant_ != nullptr) {
    const bool dormant = IsDormant(policy_.engagement, history, ToMinute(touch_.at.value_or(now_)));
    *became_dormant_ = dormant && !history.dormant_noted();
    history.SetDormantNoted(dormant);
  }
  decision_ = Decide(policy_, person_, account_, history, touch_, now_, &known_);
  if (decision_.record) history.Record(*decision_.record, TextFingerprint(decision_));
  crowd_ = ReadCrowd(policy_, history, touch_, decision_);
  if (!decision_.record) return std::nullopt;
  if (ledger_ == nullptr) return std::nullopt;
  return LedgerWrite{
      ledger_->touch_id,
      LedgerEntryOf(touch_, ledger_->domain, *decision_.record, TextFingerprint(decision_)),
      ledger_->oldest_kept};
}

absl::StatusOr<Decision> RecordedDecision::Finish(const absl::Status& stored) {
  if (!stored.ok()) return stored;
  if (counts_templates_ && decision_.record && decision_.content &&
      decision_.content->new_to_person) {
    templates_->Add(TextFingerprint(decision_), decision_.record->minute);
  }
  return std::move(decision_);
}

absl::StatusOr<Decision> DecideAndRecord(Store& store, const Policy& policy, const Person& person,
                                         const Account* account, const Touch& touch, absl::Time now,
                                         const Signals* signals, TemplateCounts* templates,
                                         bool* became_dormant, const LedgerLink* ledger) {
  // The rules read the person's profile once the store found their
  // history: loading it starts now, so the two waits for memory overlap.
  __builtin_prefetch(&person);
  __builtin_prefetch(reinterpret_cast<const char*>(&person) + 64);
  RecordedDecision decision(policy, person, account, touch, now, signals, templates, became_dormant,
                            ledger);
  return decision.Finish(store.Apply(touch.person_id, decision));
}

}  // namespace tact
