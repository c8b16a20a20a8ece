// Reads SEC EDGAR's XBRL "companyfacts" documents
// (https://data.sec.gov/api/xbrl/companyfacts/CIK##########.json, and each
// file of SEC's companyfacts.zip bulk download):
//   {"cik": 320193, "entityName": "...", "facts": {"us-gaap": {"Revenues":
//     {"units": {"USD": [{"start", "end", "val", "accn", "fy", "fp", "form",
//                         "filed", "frame"?}]}}}}}
// Only the concepts a brief reads (brief/concepts.h) are kept.
//
// Money facts are kept in one currency: USD when the document has any, else
// the currency most of its money facts use; facts in any other unit are left
// out and said so in `problems`, never mixed in.
//
// Thread safety: none; one reader per thread (it reuses its parser's memory).
#pragma once

#include <simdjson.h>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "brief/facts.h"

namespace tact {

class CompanyFactsReader {
 public:
  // Reads one document; `source` names it in messages ("CIK0000320193.json").
  // A fact with a missing or malformed field is left out and named in
  // `problems` ("SOURCE: facts.us-gaap.Revenues.units.USD[3].end: ...");
  // with `strict`, the first such problem is the error instead.
  // Errors: InvalidArgument "SOURCE: ..." for text that is not JSON or a
  // document without `facts`.
  absl::StatusOr<CompanyFacts> Read(absl::string_view json, absl::string_view source,
                                    bool strict = false);

 private:
  simdjson::dom::parser parser_;
};

}  // namespace tact
