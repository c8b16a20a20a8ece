// AnalysisMemo: each distinct text analysed once. A campaign sends one text
// to many people, and AnalyzeContent (language detection, normalising,
// fingerprinting) costs several times a decision; a caller deciding many
// touches under one policy (a batch, `tact plan`) asks the memo instead.
//
// Ownership: For's keys view the touches' subject, body and language, which
// must outlive the memo and not change while it lives; Take's keys view the
// memo's own copy of the text. One entry (about 200 bytes, and the text when
// taken) is kept per distinct text, for the memo's life.
// Thread safety: none; one memo per caller.
#pragma once

#include <array>
#include <deque>
#include <string>
#include <tuple>

#include "absl/container/node_hash_map.h"
#include "absl/strings/string_view.h"
#include "content/analysis.h"
#include "core/touch.h"

namespace tact {

class AnalysisMemo {
 public:
  // The lexicon `options` points to, if any, must outlive the memo.
  explicit AnalysisMemo(const AnalysisOptions& options) : options_(options) {}

  // AnalyzeContent(options, touch), computed the first time its subject,
  // body and declared language are seen; null when the touch has no text.
  // The facts live as long as the memo.
  const ContentFacts* For(const Touch& touch);

  // As For, for a touch that is kept a long while after its text was read
  // (`tact plan`'s million): the memo keeps the text the first time it is
  // seen and the touch's subject and body are emptied, so that a text many
  // touches share is held once. The facts stand for the text from then on.
  const ContentFacts* Take(Touch& touch);

  size_t texts() const { return facts_.size(); }

 private:
  using Key = std::tuple<absl::string_view, absl::string_view, absl::string_view>;
  AnalysisOptions options_;
  absl::node_hash_map<Key, ContentFacts> facts_;
  // The texts Take kept (subject, body, language); a deque never moves them.
  std::deque<std::array<std::string, 3>> kept_;
};

}  // namespace tact
