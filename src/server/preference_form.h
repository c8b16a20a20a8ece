// The preference page's form as posted (application/x-www-form-urlencoded):
//   frequency  one of the policy's frequency ids, or "" (as often as needed)
//   channel    each channel chosen (repeated)
//   topic      each of the policy's topics chosen (repeated; when it names any)
//   language   each language tag chosen (repeated; none: the profile's)
//   pause      "keep" (the break as it is), "none", or a number of weeks the
//              page offers (server/preference_page.h kPauseWeeks, up to the
//              policy's pause.max)
//   form       the form token (checked by the handler)
// read into the change it asks for: only the parts that differ from what
// the person has, so that each part's change minute is a real change.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/preferences.h"
#include "policy/policy.h"
#include "server/preference_catalogue.h"
#include "server/preference_page.h"

namespace tact {

struct PageForm {
  PreferenceChange change;
  std::vector<FormProblem> problems;  // in the page's language; empty when it reads
};

PageForm ReadPageForm(const std::vector<std::pair<std::string, std::string>>& fields,
                      const PreferencePolicy& policy, const Preferences& current,
                      const std::vector<std::string>& profile_languages, Minute now,
                      const PreferenceCatalogue& catalogue, absl::string_view language);

}  // namespace tact
