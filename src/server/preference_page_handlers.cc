// The person's preference page: GET and POST /v1/preferences/{token}.
//
// The signed link is the only credential (events/preference_link.h). A post
// must also carry the form token of a page tact showed for that link within
// a day, and must not come from another site (Sec-Fetch-Site), so that a
// page elsewhere cannot post choices for someone who opened it. A saved form
// answers 303 to the page (a reload does not post again).
#include <openssl/sha.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "events/preference_link.h"
#include "events/url_form.h"
#include "server/preference_form.h"
#include "server/preference_page.h"
#include "server/service.h"

namespace tact {
namespace {

// Where the mirror counts what people chose on their page.
constexpr absl::string_view kPreferencePageTool = "preference page";

// The page's headers: nothing runs, nothing but its own style applies, it is
// never framed, cached or given away as a referrer (its URL is the key).
const std::string& ContentSecurityPolicy() {
  static const std::string* const policy = [] {
    const absl::string_view style = PreferencePageStyle();
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(style.data()), style.size(), digest);
    return new std::string(absl::StrCat(
        "default-src 'none'; style-src 'sha256-",
        absl::Base64Escape(absl::string_view(reinterpret_cast<const char*>(digest), sizeof digest)),
        "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"));
  }();
  return *policy;
}

HttpResponse Page(int status, std::string html) {
  HttpResponse response{status, std::move(html)};
  response.content_type = "text/html; charset=utf-8";
  response.no_store = true;
  response.headers = {{"Content-Security-Policy", ContentSecurityPolicy()},
                      {"Referrer-Policy", "no-referrer"},
                      {"X-Content-Type-Options", "nosniff"}};
  return response;
}

// The page's language: ?lang=, else the languages the person chose, else
// their profile's (what the company knows they read), else the browser's,
// else English.
std::string PageLanguage(const PreferenceCatalogue& catalogue, const PreferencePageView& view,
                         absl::string_view asked, absl::string_view accept_language) {
  if (catalogue.Speaks(asked)) return std::string(asked);
  std::vector<std::string> wanted = view.chosen.languages;
  for (const std::string& tag : view.profile_languages) wanted.push_back(tag);
  for (std::string& tag : AcceptedLanguages(accept_language)) wanted.push_back(std::move(tag));
  return catalogue.Choose(wanted);
}

}  // namespace

// Long: the limits, the link, the person, the language and the notice, in
// that order, for both routes.
std::optional<HttpResponse> Service::PreferenceContext(const std::string& token,
                                                       const PageRequest& request,
                                                       PreferencePageState& state) {
  const PreferenceCatalogue& catalogue = PreferenceCatalogue::BuiltIn();
  PreferencePageView& view = state.view;
  view.now = governor_.Now();
  auto query = ParseQuery(request.target);
  const std::string asked =
      query.ok() && query->contains("lang") ? query->at("lang") : std::string();
  state.link = ReadPreferenceToken(governor_.links().key, token);
  // Links count only once they are tact's: made-up ones would fill the
  // table and lock real ones out; the caller's address limits those.
  if (!page_callers_.Allow(request.remote, view.now) ||
      (state.link && !page_links_.Allow(token, view.now))) {
    HttpResponse response =
        Page(429, RenderTooManyPage(catalogue, PageLanguage(catalogue, view, asked,
                                                            request.header("Accept-Language"))));
    response.retry_after_seconds = 60;
    return response;
  }
  state.policy = governor_.policy();
  view.policy = &state.policy->preferences;
  view.languages_hold_back = state.policy->relevance.language_required;
  if (state.link) {
    absl::StatusOr<Subject> subject = governor_.Find(state.link->person_id);
    if (!subject.ok()) return HttpResponse::Error(StateUnavailable(subject.status()));
    const Person& person = subject->person();
    if (person.preferences) view.chosen = *person.preferences;
    view.profile_languages = person.languages;
    if (person.clock) view.time_zone = person.clock->name();
    view.link_token = token;
    view.form_token = MintPreferenceFormToken(governor_.links().key, token, view.now);
  }
  view.language = PageLanguage(catalogue, view, asked, request.header("Accept-Language"));
  view.action = absl::StrCat("/v1/preferences/", token, "?lang=", view.language);
  if (!state.link || !state.policy->preferences.enabled) {
    view.link_token.clear();
    return Page(404, RenderLinkProblemPage(catalogue, view, /*expired=*/false));
  }
  if (query.ok() && query->contains("saved")) view.notice = PageNotice::kSaved;
  if (query.ok() && query->contains("left")) view.notice = PageNotice::kLeft;
  state.expired = !PreferenceLinkCurrent(*state.link, view.now);
  if (state.expired) return Page(410, RenderLinkProblemPage(catalogue, view, /*expired=*/true));
  return std::nullopt;
}

HttpResponse Service::PreferencePage(const std::string& token, const PageRequest& request) {
  PreferencePageState state;
  if (std::optional<HttpResponse> answered = PreferenceContext(token, request, state)) {
    return *std::move(answered);
  }
  return Page(200, RenderPreferencePage(PreferenceCatalogue::BuiltIn(), state.view));
}

// Long: refusals first (link, origin, form token), then leaving, then the
// choices; each answer a page.
HttpResponse Service::PreferenceForm(const std::string& token, const PageRequest& request) {
  const PreferenceCatalogue& catalogue = PreferenceCatalogue::BuiltIn();
  PreferencePageState state;
  std::optional<HttpResponse> answered = PreferenceContext(token, request, state);
  // An expired link may still unsubscribe from everything, as an
  // unsubscribe link never expires.
  if (answered && !state.expired) return *std::move(answered);
  PreferencePageView& view = state.view;
  const absl::string_view site = request.header("Sec-Fetch-Site");
  auto fields = ParseForm(absl::string_view(request.body.data(), request.body.size()), "body");
  std::string form_token, leave;
  std::vector<std::pair<std::string, std::string>> choices;
  if (fields.ok()) {
    for (auto& [name, value] : *fields) {
      if (name == "form") form_token = value;
      if (name == "leave") leave = value;
      if (name != "form" && name != "leave") choices.emplace_back(name, std::move(value));
    }
  }
  view.notice = PageNotice::kNone;
  if ((!site.empty() && site != "same-origin" && site != "none") || !fields.ok() ||
      !PreferenceFormTokenValid(governor_.links().key, token, form_token, view.now)) {
    view.notice = PageNotice::kFormExpired;
    return Page(403, state.expired ? RenderLinkProblemPage(catalogue, view, true)
                                   : RenderPreferencePage(catalogue, view));
  }
  if (leave == "everything") return LeaveEverything(state.link->person_id, view.action, view.now);
  if (answered) return *std::move(answered);  // expired: only leaving is taken
  PageForm form = ReadPageForm(choices, *view.policy, view.chosen, view.profile_languages,
                               ToMinute(view.now), catalogue, view.language);
  if (form.problems.empty()) {
    absl::StatusOr<PreferencesChanged> changed = governor_.ChangePreferences(
        state.link->person_id, form.change, view.now, kPreferencePageTool);
    if (changed.ok()) {
      HttpResponse response = Page(303, "");
      response.headers.emplace_back("Location", absl::StrCat(view.action, "&saved=1"));
      AwaitDisk(response, Urgency::kAlways);
      return response;
    }
    if (!absl::IsInvalidArgument(changed.status())) {
      return HttpResponse::Error(StateUnavailable(changed.status()));
    }
    form.problems.push_back({"form", std::string(changed.status().message())});
  }
  view.problems = std::move(form.problems);
  return Page(400, RenderPreferencePage(catalogue, view));
}

HttpResponse Service::LeaveEverything(const std::string& person_id, const std::string& action,
                                      absl::Time now) {
  std::vector<Event> events;
  for (Channel channel : kAllChannels) {
    Event event;
    // One id per person, channel and minute: a repeated post changes nothing.
    event.id =
        absl::StrCat("preference-page:", ChannelName(channel), ":", ToMinute(now), ":", person_id);
    event.type = EventType::kUnsubscribed;
    event.person_id = person_id;
    event.channel = channel;
    event.at = now;
    events.push_back(std::move(event));
  }
  const absl::StatusOr<AppliedEvents> applied = governor_.ApplyEvents(events, now);
  if (!applied.ok()) return HttpResponse::Error(StateUnavailable(applied.status()));
  HttpResponse response = Page(303, "");
  response.headers.emplace_back("Location", absl::StrCat(action, "&left=1"));
  AwaitDisk(response, Urgency::kAlways);
  return response;
}

}  // namespace tact
