#include "cli/brief_text.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace tact {

namespace {

std::string Citation(const Brief& brief, const Fact& fact) {
  const ConceptInfo& info = Concepts()[fact.concept_index];
  const FactSource& source = brief.sources[fact.source];
  const std::string period = fact.start == kNoDay
                                 ? absl::StrCat("at ", FormatDay(fact.end))
                                 : absl::StrCat(FormatDay(fact.start), "..", FormatDay(fact.end));
  return absl::StrCat(
      info.taxonomy, ":", info.name, " ", period, " = ", absl::StrFormat("%.0f", fact.value), " (",
      source.form.empty() ? "" : absl::StrCat(source.form, " "), source.accession,
      fact.filed == kNoDay ? "" : absl::StrCat(", filed ", FormatDay(fact.filed)), ")");
}

void AppendSources(std::string& out, const Brief& brief, const std::vector<Evidence>& evidence) {
  for (const Evidence& item : evidence) {
    absl::StrAppend(&out, "       ", InfoOf(item.metric).label,
                    item.figure.derived ? " (derived from):\n" : ":\n");
    for (const Fact& fact : item.figure.facts) {
      absl::StrAppend(&out, "         ", Citation(brief, fact), "\n");
    }
  }
}

}  // namespace

std::string BriefText(const Brief& brief) {
  std::string out = absl::StrCat(brief.company.empty() ? brief.account_id : brief.company);
  if (!brief.cik.empty()) absl::StrAppend(&out, " (CIK ", brief.cik, ")");
  if (brief.as_of != kNoDay) absl::StrAppend(&out, ", as filed by ", FormatDay(brief.as_of));
  if (brief.role != nullptr) {
    absl::StrAppend(&out, ", for ", brief.role->title);
  } else if (!brief.person_role.empty()) {
    absl::StrAppend(&out, ", for '", brief.person_role, "' (no playbook role matches)");
  }
  absl::StrAppend(&out, "\n\n");
  if (brief.signals.empty()) absl::StrAppend(&out, "No signals.\n");
  int number = 0;
  for (const BriefSignal& item : brief.signals) {
    absl::StrAppend(&out, ++number, ". ", item.signal.sentence, " [", SignalName(item.signal.id),
                    "]\n");
    if (!item.means.empty()) absl::StrAppend(&out, "   What it means: ", item.means, "\n");
    if (!item.role_means.empty()) absl::StrAppend(&out, "   To you: ", item.role_means, "\n");
    for (const std::string& question : item.questions) {
      absl::StrAppend(&out, "   Ask: ", question, "\n");
    }
    absl::StrAppend(&out, "   Sources:\n");
    AppendSources(out, brief, item.signal.evidence);
  }
  if (brief.distress) {
    absl::StrAppend(&out, "\nAltman Z'': ", absl::StrFormat("%.2f", brief.distress->z), " at ",
                    FormatDay(brief.distress->at), "\n");
  }
  if (!brief.questions.empty()) {
    absl::StrAppend(&out, "\nQuestions to start with:\n  - ",
                    absl::StrJoin(brief.questions, "\n  - "), "\n");
  }
  if (!brief.missing.empty()) {
    absl::StrAppend(&out, "\nNot assessed:\n  - ", absl::StrJoin(brief.missing, "\n  - "), "\n");
  }
  if (!brief.problems.empty()) {
    absl::StrAppend(&out, "\nLeft out of the facts:\n  - ", absl::StrJoin(brief.problems, "\n  - "),
                    "\n");
  }
  absl::StrAppend(&out, "\n", brief.facts_read, " facts read; ", brief.duplicates_removed,
                  " restated in later filings, counted once.\n");
  return out;
}

}  // namespace tact
