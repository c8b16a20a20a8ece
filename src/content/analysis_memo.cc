#include "content/analysis_memo.h"

#include <utility>

namespace tact {

const ContentFacts* AnalysisMemo::For(const Touch& touch) {
  if (!HasText(touch)) return nullptr;
  const Key key{touch.subject, touch.body, touch.language};
  auto found = facts_.find(key);
  if (found == facts_.end()) found = facts_.emplace(key, AnalyzeContent(options_, touch)).first;
  return &found->second;
}

const ContentFacts* AnalysisMemo::Take(Touch& touch) {
  if (!HasText(touch)) return nullptr;
  auto found = facts_.find(Key{touch.subject, touch.body, touch.language});
  if (found == facts_.end()) {
    ContentFacts facts = AnalyzeContent(options_, touch);
    const auto& [subject, body, language] = kept_.emplace_back(std::array<std::string, 3>{
        std::move(touch.subject), std::move(touch.body), touch.language});
    found = facts_.emplace(Key{subject, body, language}, std::move(facts)).first;
  }
  // Emptied, their memory given back (a moved-from string may keep it).
  std::string().swap(touch.subject);
  std::string().swap(touch.body);
  return &found->second;
}

}  // namespace tact
