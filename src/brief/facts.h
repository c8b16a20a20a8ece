// Reported financial facts of one company, as read from SEC's companyfacts
// documents or a facts table, before they are normalised
// (brief/financials.h). Values only of the concepts a brief reads
// (brief/concepts.h).
//
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "brief/concepts.h"
#include "core/day.h"

namespace tact {

// No day: a fact's start when it is a balance at its end.
inline constexpr Day kNoDay = INT32_MIN;

// Where a fact was reported: a filing (SEC accession number, form, filing
// day) or, for a facts table, the row's `source`.
struct FactSource {
  std::string accession;  // "0000320193-19-000119", or a table's source
  std::string form;       // "10-K", "10-Q", "20-F"; empty for a table
};

struct Fact {
  uint16_t concept_index = 0;  // into Concepts()
  bool framed = false;         // SEC assigned it a frame ("CY2017Q4")
  Day start = kNoDay;          // kNoDay: an instant (a balance at `end`)
  Day end = kNoDay;
  Day filed = kNoDay;  // kNoDay: not known (a facts table's row); taken as `end`
  double value = 0;
  uint32_t source = 0;  // index into CompanyFacts::sources
};

// When a fact became known: its filing day, else its period's end.
inline Day KnownOn(const Fact& fact) { return fact.filed == kNoDay ? fact.end : fact.filed; }

struct CompanyFacts {
  std::string cik;               // digits without leading zeros; empty for a private company
  std::string name;              // as the filer or the table names it
  std::string currency = "USD";  // the one currency of every money fact kept
  std::vector<Fact> facts;
  std::vector<FactSource> sources;
  // What could not be read or was left out, each a sentence naming the
  // concept and file ("us-gaap:Revenues: 4 facts in EUR left out ...").
  std::vector<std::string> problems;

  const FactSource& SourceOf(const Fact& fact) const { return sources[fact.source]; }
};

}  // namespace tact
