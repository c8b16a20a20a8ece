// Sellers' hypotheses through the Governor: written with their originality
// judged against the account's brief and every near hypothesis, loaded for
// brief.hypothesis before a touch of the kinds it applies to, and the brief's
// top questions for a touch it suppressed.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "brief/financials.h"
#include "content/fingerprint.h"
#include "content/originality.h"
#include "content/text.h"
#include "governor/governor.h"
#include "policy/suggest.h"
#include "rules/hypothesis_rule.h"

namespace tact {
namespace {

// InvalidArgument naming the first cited signal the brief does not have
// (`known`: its signals, or every signal when the account has no brief).
absl::Status CheckCited(const std::vector<std::string>& cited,
                        const std::vector<absl::string_view>& known, bool from_brief) {
  for (size_t index = 0; index < cited.size(); ++index) {
    if (std::find(known.begin(), known.end(), cited[index]) != known.end()) continue;
    const std::string field = absl::StrCat("signals[", index, "]");
    if (from_brief && SignalByName(cited[index])) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": '", cited[index], "' is not among this account's signals (",
                       known.empty() ? "it has none" : absl::StrJoin(known, ", "), ")"));
    }
    const std::vector<absl::string_view> every = SignalNames();
    const std::string nearest = NearestWord(cited[index], every);
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": '", cited[index], "' is not a signal",
                     nearest.empty() ? "" : absl::StrCat("; did you mean '", nearest, "'?")));
  }
  return absl::OkStatus();
}

}  // namespace

// Long: validate against the brief, fingerprint, judge, keep — one pass a
// reader follows top to bottom.
absl::StatusOr<Hypothesis> Governor::WriteHypothesis(const HypothesisDraft& draft) {
  const std::shared_ptr<const Policy> policy = policy_.load();
  absl::StatusOr<std::shared_ptr<const Account>> account =
      state_.profiles.FindAccount(draft.account_id);
  if (!account.ok()) return account.status();
  absl::StatusOr<Brief> brief = BriefOf(draft.account_id, account->get(), "", kNoDay);
  const bool has_brief = brief.ok();
  if (!has_brief && !absl::IsNotFound(brief.status()) &&
      !absl::IsFailedPrecondition(brief.status())) {
    return brief.status();
  }
  if (*account == nullptr && !has_brief) {
    return absl::NotFoundError(
        absl::StrCat("no account '", draft.account_id, "': PUT /v1/accounts/{id} first"));
  }
  std::vector<absl::string_view> known;
  if (has_brief) {
    for (const BriefSignal& signal : brief->signals) known.push_back(SignalName(signal.signal.id));
  } else {
    known = SignalNames();
  }
  if (absl::Status cited = CheckCited(draft.signals, known, has_brief); !cited.ok()) return cited;

  const NormalizedText text = NormalizeText(draft.text);
  Hypothesis hypothesis{.account_id = draft.account_id,
                        .seller = draft.seller,
                        .team = draft.team,
                        .text = draft.text,
                        .signals = draft.signals,
                        .evidence = draft.evidence,
                        .written = draft.at.value_or(clock_()),
                        .fingerprint = SimHash(text.masked),
                        .words = text.words};
  if (has_brief) {
    hypothesis.copied_share =
        CopiedShare(text.masked, NormalizeText(brief->GeneratedText()).masked);
  }
  // Another account's, or another seller's for this account; the seller's
  // own earlier views of the account are theirs to rewrite.
  absl::StatusOr<std::optional<Hypothesis>> copied = state_.hypotheses.NearestOther(
      hypothesis.fingerprint, policy->content.near_distance, draft.account_id, draft.seller);
  if (!copied.ok()) return copied.status();
  if (hypothesis.copied_share > policy->hypothesis.max_brief_share) {
    hypothesis.originality = Originality::kBriefCopy;
  } else if (copied->has_value()) {
    hypothesis.originality = (*copied)->account_id != draft.account_id
                                 ? Originality::kOtherAccountCopy
                                 : Originality::kOtherSellerCopy;
    hypothesis.copy_of = (*copied)->id;
  }
  absl::StatusOr<uint64_t> id = state_.hypotheses.Add(hypothesis);
  if (!id.ok()) return id.status();
  hypothesis.id = *id;
  return hypothesis;
}

absl::StatusOr<std::vector<Hypothesis>> Governor::AccountHypotheses(absl::string_view account_id,
                                                                    size_t limit) const {
  return state_.hypotheses.ForAccount(account_id, limit);
}

absl::StatusOr<std::optional<HypothesisStanding>> Governor::LoadHypothesis(
    const Policy& policy, const Touch& touch, const Subject& subject) const {
  const std::string& account_id = subject.person().account_id;
  const bool rule_applies =
      policy.hypothesis.enabled && policy.hypothesis.applies_to.Contains(touch.kind);
  if ((!rule_applies && touch.kind != Kind::kCold) || account_id.empty() || touch.sender.empty()) {
    return std::nullopt;
  }
  absl::StatusOr<std::optional<Hypothesis>> latest =
      state_.hypotheses.Latest(account_id, touch.sender);
  if (!latest.ok()) return latest.status();
  if (!latest->has_value()) return std::nullopt;
  return (*latest)->standing();
}

bool Governor::BackedWhenSent(const LedgerEntry& entry) const {
  absl::StatusOr<std::shared_ptr<const Person>> person =
      state_.profiles.FindPerson(entry.person_id);
  if (!person.ok() || *person == nullptr || (*person)->account_id.empty() || entry.sender.empty()) {
    return false;
  }
  const std::string& account_id = (*person)->account_id;
  const absl::Time sent = FromMinute(entry.minute);
  // The seller's latest, unless it was written after the send: then the one
  // they had by then, among the account's latest (a bounded look back).
  constexpr size_t kLookBack = 200;
  absl::StatusOr<std::optional<Hypothesis>> latest =
      state_.hypotheses.Latest(account_id, entry.sender);
  if (!latest.ok() || !latest->has_value()) return false;
  std::optional<Hypothesis> then;
  if ((*latest)->written <= sent) {
    then = **latest;
  } else {
    absl::StatusOr<std::vector<Hypothesis>> recent =
        state_.hypotheses.ForAccount(account_id, kLookBack);
    if (!recent.ok()) return false;
    for (Hypothesis& one : *recent) {
      if (one.seller == entry.sender && one.written <= sent) {
        then = std::move(one);
        break;
      }
    }
  }
  return then && HypothesisBacks(policy_.load()->hypothesis, then->standing(), entry.minute);
}

std::vector<std::string> Governor::QuestionsFor(const Subject& subject,
                                                const Decision& decision) const {
  const bool by_hypothesis =
      decision.outcome == Outcome::kSuppress &&
      std::any_of(decision.reasons.begin(), decision.reasons.end(),
                  [](const Reason& reason) { return reason.rule == "brief.hypothesis"; });
  const Person& person = subject.person();
  if (!by_hypothesis || person.account_id.empty()) return {};
  // The decide loaded the account already.
  absl::StatusOr<Brief> brief =
      BriefOf(person.account_id, subject.account.get(), person.role, kNoDay);
  if (!brief.ok()) return {};
  return brief->questions;
}

}  // namespace tact
