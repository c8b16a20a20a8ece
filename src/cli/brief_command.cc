// `tact brief`: an account's brief from its reported facts, in a terminal or
// as JSON, and as a page that opens offline (--html).
#include <ostream>

#include "absl/strings/str_cat.h"
#include "brief/brief.h"
#include "cli/brief_sources.h"
#include "cli/brief_text.h"
#include "cli/commands.h"
#include "cli/report_page.h"
#include "encode/brief_json.h"
#include "facts/facts_library.h"

namespace tact {

namespace {

// The company the options name: the account's rows or its CIK's document,
// or the only company there is.
absl::StatusOr<const CompanyFacts*> Choose(const FactsLibrary& library,
                                           const BriefOptions& options) {
  if (!options.account.empty()) {
    const std::string cik = options.cik.empty() ? options.account : options.cik;
    if (const CompanyFacts* found = library.Find(options.account, cik)) return found;
    return absl::NotFoundError(absl::StrCat("no facts for account '", options.account, "' in ",
                                            options.facts_path,
                                            " (an account_id of a facts table, or a CIK)"));
  }
  if (!options.cik.empty()) {
    if (const CompanyFacts* found = library.Find("", options.cik)) return found;
    return absl::NotFoundError(
        absl::StrCat("no companyfacts document for CIK ", options.cik, " in ", options.facts_path));
  }
  if (library.by_cik.size() + library.by_account.size() != 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        options.facts_path, " holds ", library.by_cik.size() + library.by_account.size(),
        " companies; name one with --account ID or --cik CIK"));
  }
  return library.by_cik.empty() ? &library.by_account.begin()->second
                                : &library.by_cik.begin()->second;
}

// What the page reads (web/src/data.js): the brief under its account, and
// no hypotheses (they live in a server's state).
std::string PageData(absl::string_view source, const Brief& brief) {
  ReportData data(source);
  JsonWriter& writer = data.writer();
  writer.Key("accounts");
  writer.StartObject();
  writer.Key(brief.account_id.data(), static_cast<rapidjson::SizeType>(brief.account_id.size()));
  writer.StartObject();
  data.Raw("brief", BriefJson(brief));
  writer.Key("hypotheses");
  writer.Null();
  writer.EndObject();
  writer.EndObject();
  return data.Finish();
}

}  // namespace

int RunBrief(const BriefOptions& options, std::ostream& out, std::ostream& err) {
  Day as_of = kNoDay;
  if (!options.as_of.empty()) {
    absl::StatusOr<Day> day = ParseDay(options.as_of);
    if (!day.ok()) {
      err << "--as-of: " << day.status().message() << "\n";
      return kExitUsage;
    }
    as_of = *day;
  }
  absl::StatusOr<std::shared_ptr<const Playbook>> playbook =
      LoadPlaybookOrDefault(options.playbook_path);
  if (!playbook.ok()) {
    err << playbook.status().message() << "\n";
    return kExitBadInput;
  }
  absl::StatusOr<FactsLibrary> library = LoadFacts(options.facts_path, options.strict);
  if (!library.ok()) {
    err << library.status().message() << "\n";
    return kExitBadInput;
  }
  absl::StatusOr<const CompanyFacts*> company = Choose(*library, options);
  if (!company.ok()) {
    err << company.status().message() << "\n";
    return company.status().code() == absl::StatusCode::kNotFound ? kExitFailed : kExitUsage;
  }
  const Brief brief = MakeBrief(Normalise(**company, as_of), **playbook, options.role,
                                options.account.empty() ? (*company)->name : options.account);
  out << (options.json ? BriefJson(brief) + "\n" : BriefText(brief));
  if (options.html_path.empty()) return kExitOk;
  return WriteReportPage(options.html_path, options.web_report_dir,
                         PageData(options.facts_path, brief), options.json ? err : out, err);
}

}  // namespace tact
