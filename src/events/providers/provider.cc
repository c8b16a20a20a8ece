#include "events/providers/provider.h"

#include "absl/strings/str_cat.h"

namespace tact {

ProviderItem Mapped(Event event) {
  ProviderItem item;
  item.event = std::move(event);
  return item;
}

ProviderItem Ignored(std::string type) {
  ProviderItem item;
  item.ignored = type.empty() ? "(none)" : std::move(type);
  return item;
}

ProviderItem Problem(std::string field, std::string problem) {
  ProviderItem item;
  item.field = std::move(field);
  item.problem = std::move(problem);
  return item;
}

}  // namespace tact
