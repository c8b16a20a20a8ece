#include "content/analysis_memo.h"

namespace tact {

const ContentFacts* AnalysisMemo::For(const Touch& touch) {
  if (!HasText(touch)) return nullptr;
  const Key key{touch.subject, touch.body, touch.language};
  auto found = facts_.find(key);
  if (found == facts_.end()) found = facts_.emplace(key, AnalyzeContent(options_, touch)).first;
  return &found->second;
}

}  // namespace tact
