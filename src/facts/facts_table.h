// Facts of companies SEC does not cover (private companies, other sources),
// one per row of a CSV or JSON Lines file (codec/record_reader.h):
//   account_id  the account the fact is about (required)
//   concept     an XBRL concept ("Revenues", "us-gaap:NetIncomeLoss") or a
//               metric's name ("revenue", "net_income", "employees")
//   start, end  the period (YYYY-MM-DD); no start for a balance at `end`
//   value       a number
//   unit        a currency ("USD", "EUR"), "shares", or a count ("employees")
//   source      where it comes from (cited by the brief; default file:line)
//   filed       when it became known (YYYY-MM-DD; default `end`), for --as-of
//
// Thread safety: none; one call per reader.
#pragma once

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "brief/facts.h"
#include "codec/record_reader.h"

namespace tact {

struct FactsTable {
  absl::flat_hash_map<std::string, CompanyFacts> by_account;
  int rows = 0;  // rows read, kept or not
  // "FILE:LINE: field: problem" for each row left out.
  std::vector<std::string> problems;
};

// Reads every row of `reader` (opened on `file`). A row with a missing or bad
// field is left out and named in `problems`; an account's rows in a second
// currency are left out too (never mixed). Errors: with `strict`, the first
// problem, as InvalidArgument.
absl::StatusOr<FactsTable> ReadFactsTable(RecordReader& reader, absl::string_view file,
                                          bool strict);

}  // namespace tact
