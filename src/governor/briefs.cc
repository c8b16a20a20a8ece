// Account briefs through the Governor: the account and the person from the
// profiles, the facts from the state's AccountFacts, the brief from the
// pure brief layer.
#include "absl/strings/str_cat.h"
#include "brief/financials.h"
#include "governor/governor.h"

namespace tact {

absl::StatusOr<Brief> Governor::AccountBrief(const BriefRequest& request) const {
  if (state_.account_facts == nullptr) return NoFacts();
  absl::StatusOr<std::shared_ptr<const Account>> account =
      state_.profiles.FindAccount(request.account_id);
  if (!account.ok()) return account.status();
  std::string role = request.role;
  if (!request.person_id.empty()) {
    absl::StatusOr<std::shared_ptr<const Person>> person =
        state_.profiles.FindPerson(request.person_id);
    if (!person.ok()) return person.status();
    if (*person == nullptr) {
      return absl::NotFoundError(absl::StrCat("person_id: no person '", request.person_id, "'"));
    }
    if ((*person)->account_id != request.account_id) {
      return absl::InvalidArgumentError(absl::StrCat(
          "person_id: '", request.person_id, "' is not of account '", request.account_id, "'"));
    }
    if (role.empty()) role = (*person)->role;
  }
  return BriefOf(request.account_id, account->get(), role, request.as_of);
}

absl::Status Governor::NoFacts() {
  return absl::FailedPreconditionError(
      "tact has no account facts: start it with --facts (SEC companyfacts documents or facts "
      "tables; docs/briefs.md)");
}

absl::StatusOr<Brief> Governor::BriefOf(absl::string_view account_id, const Account* account,
                                        absl::string_view role, Day as_of) const {
  if (state_.account_facts == nullptr) return NoFacts();
  const std::string cik = account != nullptr ? account->cik : "";
  const CompanyFacts* facts = state_.account_facts->Find(account_id, cik);
  if (facts == nullptr) {
    return absl::NotFoundError(
        account == nullptr
            ? absl::StrCat("no account '", account_id, "' and no facts table rows for it")
            : absl::StrCat("no facts for account '", account_id, "'",
                           cik.empty()
                               ? " (it has no cik, and no facts table names it)"
                               : absl::StrCat(" (its cik ", cik,
                                              " is in none of the companyfacts documents)")));
  }
  return MakeBrief(Normalise(*facts, as_of), *playbook_, role, std::string(account_id));
}

}  // namespace tact
