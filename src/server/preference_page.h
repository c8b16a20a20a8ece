// The preference page as HTML: server-rendered, no script, one form that
// shows each of the policy's choices with what tact will do with it, a
// pause, and a second form to unsubscribe from everything. Pure: the
// handlers (preference_page_handlers.cc) read the request and the person.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "core/preferences.h"
#include "policy/policy.h"
#include "server/preference_catalogue.h"

namespace tact {

// The pauses the page offers, in weeks (those up to the policy's max).
inline constexpr int kPauseWeeks[] = {1, 2, 4, 8, 12, 26};

// One problem with a posted form: the field (frequency, channel, topic,
// language, pause, form) and what is wrong, in the page's language.
struct FormProblem {
  std::string field;
  std::string message;
};

enum class PageNotice { kNone, kSaved, kLeft, kFormExpired };

struct PreferencePageView {
  std::string language;    // one the catalogue speaks
  std::string action;      // the page's path (with ?lang=), where both forms post
  std::string link_token;  // for the language links
  std::string form_token;  // events/preference_link.h
  const PreferencePolicy* policy = nullptr;
  bool languages_hold_back = false;  // relevance.language is on
  Preferences chosen;
  std::vector<std::string> profile_languages;
  std::string time_zone;  // the person's, for dates; "" for UTC
  absl::Time now;
  PageNotice notice = PageNotice::kNone;
  std::vector<FormProblem> problems;
};

// The whole page.
std::string RenderPreferencePage(const PreferenceCatalogue& catalogue,
                                 const PreferencePageView& view);

// The page for a link that does not work: `expired` (an authentic link past
// its lifetime; then `view` still offers to unsubscribe from everything)
// or not tact's at all.
std::string RenderLinkProblemPage(const PreferenceCatalogue& catalogue,
                                  const PreferencePageView& view, bool expired);

// The page for too many requests.
std::string RenderTooManyPage(const PreferenceCatalogue& catalogue, absl::string_view language);

// The CSS every page carries inline, for the Content-Security-Policy's hash.
absl::string_view PreferencePageStyle();

// `text` with &, <, >, " and ' escaped for HTML text and attribute values.
std::string HtmlEscape(absl::string_view text);

}  // namespace tact
