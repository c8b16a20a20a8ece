// Reading facts from files: SEC companyfacts documents (*.json, one company
// each, as data.sec.gov serves them or as SEC's companyfacts.zip unpacks) and
// facts tables (*.csv, *.jsonl, *.ndjson; brief/facts_table.h), from a file or
// every such file of a directory (not its subdirectories).
//
// Thread safety: none while loading; const access afterwards from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "brief/facts.h"
#include "ports/account_facts.h"

namespace tact {

// The longest companyfacts document read (SEC's largest are ~40 MB).
inline constexpr size_t kMaxCompanyFactsBytes = size_t{256} << 20;

struct FactsLibrary : AccountFacts {
  absl::flat_hash_map<std::string, CompanyFacts> by_cik;      // SEC documents, by CIK digits
  absl::flat_hash_map<std::string, CompanyFacts> by_account;  // facts tables, by account id
  std::vector<std::string> problems;  // files and rows left out, facts skipped
  size_t files = 0;
  size_t bytes = 0;

  const CompanyFacts* Find(absl::string_view account_id, absl::string_view cik) const override;
};

// Reads `path`, a file or a directory. Errors: NotFound for a path that does
// not exist; InvalidArgument for a file of another kind, a document over
// kMaxCompanyFactsBytes, or (with `strict`) the first problem of any file.
absl::StatusOr<FactsLibrary> LoadFacts(const std::string& path, bool strict);

}  // namespace tact
