// The reported facts of accounts' companies, for briefs: SEC companyfacts
// documents by CIK, facts tables by account id. Read from files once at
// start-up (facts/facts_library.h, `tact serve --facts PATH`) and only read
// afterwards; every node of a cluster reads its own copy of the same files.
//
// Thread safety: const methods may be called from any thread.
#pragma once

#include "absl/strings/string_view.h"
#include "brief/facts.h"

namespace tact {

class AccountFacts {
 public:
  virtual ~AccountFacts() = default;
  // The account's own facts (a facts table's rows for `account_id`), else
  // its SEC filer's (`cik`, any form NormalizeCik reads); nullptr when
  // neither. The pointer lives as long as this object.
  virtual const CompanyFacts* Find(absl::string_view account_id, absl::string_view cik) const = 0;
};

}  // namespace tact
