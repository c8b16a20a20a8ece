#include "server/preference_page.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "content/language.h"
#include "core/kind.h"
#include "events/preference_link.h"

namespace tact {
namespace {

// Readable on a phone (one column, large targets), WCAG AA contrast, and a
// focus ring that is always visible to keyboard users.
constexpr absl::string_view kStyle =
    "body{margin:0;font:1.05rem/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
    "color:#1b1b1b;background:#fff}"
    "main{max-width:40rem;margin:0 auto;padding:1rem 1.25rem 3rem}"
    "h1{font-size:1.6rem;line-height:1.25}"
    "nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}"
    "a{color:#1a4fd6}"
    "fieldset{border:1px solid #8a8a8a;border-radius:.5rem;margin:1.25rem 0;padding:.5rem 1rem "
    "1rem}"
    "legend{font-weight:700;padding:0 .25rem}"
    ".choice{display:flex;align-items:flex-start;gap:.6rem;min-height:2.75rem;padding:.35rem 0}"
    ".choice input{width:1.3rem;height:1.3rem;margin:.15rem 0 0;flex:none}"
    ".note{display:block;color:#4a4a4a;font-size:.95rem}"
    "button{font:inherit;font-weight:700;color:#fff;background:#1a4fd6;border:0;"
    "border-radius:.5rem;padding:.75rem 1.25rem;min-height:2.75rem;cursor:pointer}"
    "button.leave{background:#a4000f}"
    ":focus-visible{outline:3px solid #1a4fd6;outline-offset:2px}"
    "button:focus-visible{outline-color:#1b1b1b}"
    ".notice{border-left:4px solid #1d7a36;background:#eef7f0;padding:.75rem 1rem}"
    ".problems{border-left:4px solid #a4000f;background:#fbeeee;padding:.25rem 1rem}"
    ".problems a{color:#a4000f}";

// The catalogue's names of `kinds`, joined.
std::string KindNames(const PreferenceCatalogue& catalogue, absl::string_view language,
                      const KindSet& kinds) {
  std::vector<std::string> names;
  for (int index = 0; index < kKindCount; ++index) {
    const auto kind = static_cast<Kind>(index);
    if (kinds.Contains(kind)) {
      names.push_back(catalogue.Text(language, absl::StrCat("kind_", KindName(kind))));
    }
  }
  return absl::StrJoin(names, ", ");
}

class PageWriter {
 public:
  PageWriter(const PreferenceCatalogue& catalogue, const PreferencePageView& view)
      : catalogue_(catalogue), view_(view), language_(view.language) {}

  std::string T(absl::string_view key,
                std::initializer_list<std::pair<absl::string_view, std::string>> values = {}) {
    return HtmlEscape(catalogue_.Text(language_, key, values));
  }

  void Open(absl::string_view title) {
    absl::StrAppend(&html_, "<!doctype html><html lang=\"", language_,
                    "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                    "content=\"width=device-width,initial-scale=1\"><meta name=\"robots\" "
                    "content=\"noindex\"><title>",
                    title, "</title><style>", kStyle, "</style></head><body><main>");
    Languages();
    absl::StrAppend(&html_, "<h1>", title, "</h1>");
  }
  std::string Close() {
    html_ += "</main></body></html>";
    return std::move(html_);
  }

  // Links to the page in each language the catalogue speaks.
  void Languages() {
    if (view_.link_token.empty()) return;
    html_ += "<nav aria-label=\"Language\"><ul>";
    for (const std::string& language : catalogue_.languages()) {
      const std::string name = HtmlEscape(catalogue_.Text(language, "language_name"));
      if (language == language_) {
        absl::StrAppend(&html_, "<li><a aria-current=\"page\" lang=\"", language,
                        "\" href=\"?lang=", language, "\"><strong>", name, "</strong></a></li>");
      } else {
        absl::StrAppend(&html_, "<li><a lang=\"", language, "\" hreflang=\"", language,
                        "\" href=\"?lang=", language, "\">", name, "</a></li>");
      }
    }
    html_ += "</ul></nav>";
  }

  void Notice() {
    static constexpr std::pair<PageNotice, absl::string_view> kKeys[] = {
        {PageNotice::kSaved, "saved"},
        {PageNotice::kLeft, "left"},
        {PageNotice::kFormExpired, "form_expired"}};
    for (const auto& [notice, key] : kKeys) {
      if (view_.notice == notice) {
        absl::StrAppend(&html_, "<p class=\"notice\" role=\"status\">", T(key), "</p>");
      }
    }
  }

  void Problems() {
    if (view_.problems.empty()) return;
    absl::StrAppend(&html_, "<div class=\"problems\" role=\"alert\"><h2>", T("errors"),
                    "</h2><ul>");
    for (const FormProblem& problem : view_.problems) {
      absl::StrAppend(&html_, "<li><a href=\"#", HtmlEscape(problem.field), "\">",
                      HtmlEscape(problem.message), "</a></li>");
    }
    html_ += "</ul></div>";
  }

  // One radio button or checkbox with its label and an optional note.
  void Choice(absl::string_view type, absl::string_view name, absl::string_view value,
              absl::string_view label, bool checked, absl::string_view note = "") {
    const std::string id = HtmlEscape(absl::StrCat(name, "-", value.empty() ? "any" : value));
    absl::StrAppend(&html_, "<div class=\"choice\"><input type=\"", type, "\" id=\"", id,
                    "\" name=\"", name, "\" value=\"", HtmlEscape(value), "\"");
    if (checked) html_ += " checked";
    if (!note.empty()) absl::StrAppend(&html_, " aria-describedby=\"", id, "-note\"");
    absl::StrAppend(&html_, "><label for=\"", id, "\">", label);
    if (!note.empty()) {
      absl::StrAppend(&html_, "<span class=\"note\" id=\"", id, "-note\">", note, "</span>");
    }
    html_ += "</label></div>";
  }

  void Fieldset(absl::string_view id, absl::string_view legend, absl::string_view note) {
    absl::StrAppend(&html_, "<fieldset id=\"", id, "\"><legend>", legend, "</legend>");
    if (!note.empty()) absl::StrAppend(&html_, "<p class=\"note\">", note, "</p>");
  }

  void Frequency() {
    const PreferencePolicy& policy = *view_.policy;
    Fieldset("frequency", T("frequency"), "");
    Choice("radio", "frequency", "", T("frequency_any"), view_.chosen.frequency.empty(),
           T("frequency_any_note"));
    for (const FrequencyChoice& choice : policy.frequencies) {
      const std::string note =
          choice.only_kinds
              ? T("frequency_only_note", {{"kinds", KindNames(catalogue_, language_, choice.only)}})
              : T("frequency_budget_note",
                  {{"max", absl::StrCat(choice.max)},
                   {"days", absl::StrCat(absl::ToInt64Hours(choice.window) / 24)}});
      Choice("radio", "frequency", choice.id, HtmlEscape(policy.LabelOf(choice.id, language_)),
             view_.chosen.frequency == choice.id, note);
    }
    html_ += "</fieldset>";
  }

  void Channels() {
    Fieldset("channel", T("channels"), T("channels_note"));
    for (Channel channel : kAllChannels) {
      const bool chosen = view_.chosen.channels.Empty() || view_.chosen.channels.Contains(channel);
      Choice("checkbox", "channel", ChannelName(channel),
             T(absl::StrCat("channel_", ChannelName(channel))), chosen);
    }
    html_ += "</fieldset>";
  }

  void Topics() {
    const PreferencePolicy& policy = *view_.policy;
    if (policy.topics.empty()) return;
    Fieldset("topic", T("topics"), T("topics_note"));
    for (const std::string& topic : policy.topics) {
      const std::vector<std::string>& chosen = view_.chosen.topics;
      Choice("checkbox", "topic", topic, HtmlEscape(policy.LabelOf(topic, language_)),
             chosen.empty() || std::find(chosen.begin(), chosen.end(), topic) != chosen.end());
    }
    html_ += "</fieldset>";
  }

  void Languages(absl::Span<const std::string> offered) {
    Fieldset("language", T("languages"),
             T(view_.languages_hold_back ? "languages_note_kept" : "languages_note_shown"));
    const std::vector<std::string>& chosen =
        view_.chosen.languages.empty() ? view_.profile_languages : view_.chosen.languages;
    for (const std::string& tag : offered) {
      Choice("checkbox", "language", tag, HtmlEscape(LanguageNameIn(tag, language_)),
             ReadsLanguage(chosen, tag));
    }
    html_ += "</fieldset>";
  }

  void Pause() {
    const PreferencePolicy& policy = *view_.policy;
    const bool paused = view_.chosen.Paused(ToMinute(view_.now));
    std::string note;
    if (!policy.pause_suppress.Empty()) {
      note = T("pause_suppressed",
               {{"kinds", KindNames(catalogue_, language_, policy.pause_suppress)}});
    }
    if (!policy.pause_defer.Empty()) {
      absl::StrAppend(
          &note, note.empty() ? "" : " ",
          T("pause_deferred", {{"kinds", KindNames(catalogue_, language_, policy.pause_defer)}}));
    }
    Fieldset("pause", T("pause"), note);
    if (paused) {
      const std::string until =
          FormatLongDate(FromMinute(view_.chosen.paused_until), view_.time_zone, language_);
      absl::StrAppend(&html_, "<p>", T("paused_until", {{"date", until}}), "</p>");
      Choice("radio", "pause", "keep", T("pause_keep", {{"date", until}}), true);
      Choice("radio", "pause", "none", T("pause_end"), false);
    } else {
      Choice("radio", "pause", "none", T("pause_none"), true);
    }
    for (int weeks : kPauseWeeks) {
      if (absl::Hours(24 * 7 * weeks) > policy.max_pause) break;
      Choice("radio", "pause", absl::StrCat(weeks),
             weeks == 1 ? T("pause_one_week") : T("pause_weeks", {{"weeks", absl::StrCat(weeks)}}),
             false);
    }
    html_ += "</fieldset>";
  }

  void FormStart(absl::string_view css_class = "") {
    absl::StrAppend(&html_, "<form method=\"post\" action=\"", HtmlEscape(view_.action), "\"",
                    css_class.empty() ? "" : absl::StrCat(" class=\"", css_class, "\""),
                    "><input type=\"hidden\" name=\"form\" value=\"", HtmlEscape(view_.form_token),
                    "\">");
  }

  void Leave() {
    FormStart("leave");
    absl::StrAppend(&html_, "<h2>", T("leave"), "</h2><p>", T("leave_note"),
                    "</p><input type=\"hidden\" name=\"leave\" value=\"everything\">"
                    "<button type=\"submit\" class=\"leave\">",
                    T("leave_button"), "</button></form>");
  }

  std::string& html() { return html_; }

 private:
  const PreferenceCatalogue& catalogue_;
  const PreferencePageView& view_;
  const std::string language_;
  std::string html_;
};

// The catalogue's languages, then those the person chose or their profile
// names, each once.
std::vector<std::string> OfferedLanguages(const PreferenceCatalogue& catalogue,
                                          const PreferencePageView& view) {
  std::vector<std::string> offered = catalogue.languages();
  for (const auto* list : {&view.chosen.languages, &view.profile_languages}) {
    for (const std::string& tag : *list) {
      if (!ReadsLanguage(offered, tag)) offered.push_back(PrimaryLanguage(tag));
    }
  }
  return offered;
}

}  // namespace

std::string RenderPreferencePage(const PreferenceCatalogue& catalogue,
                                 const PreferencePageView& view) {
  PageWriter page(catalogue, view);
  page.Open(page.T("title"));
  page.Notice();
  page.Problems();
  absl::StrAppend(&page.html(), "<p>", page.T("intro"), "</p>");
  page.FormStart();
  page.Frequency();
  page.Channels();
  page.Topics();
  page.Languages(OfferedLanguages(catalogue, view));
  page.Pause();
  if (!view.policy->exempt.Empty()) {
    absl::StrAppend(&page.html(), "<p class=\"note\">",
                    page.T("exempt_note",
                           {{"exempt", KindNames(catalogue, view.language, view.policy->exempt)}}),
                    "</p>");
  }
  absl::StrAppend(&page.html(), "<button type=\"submit\">", page.T("save"), "</button></form>");
  page.Leave();
  return page.Close();
}

std::string RenderLinkProblemPage(const PreferenceCatalogue& catalogue,
                                  const PreferencePageView& view, bool expired) {
  PageWriter page(catalogue, view);
  page.Open(page.T(expired ? "expired_title" : "invalid_title"));
  page.Notice();
  absl::StrAppend(
      &page.html(), "<p>",
      expired ? page.T("expired_body",
                       {{"days", absl::StrCat(absl::ToInt64Hours(kPreferenceLinkLifetime) / 24)}})
              : page.T("invalid_body"),
      "</p>");
  if (expired && view.notice != PageNotice::kLeft) page.Leave();
  return page.Close();
}

std::string RenderTooManyPage(const PreferenceCatalogue& catalogue, absl::string_view language) {
  PreferencePageView view;
  view.language = std::string(language);
  PageWriter page(catalogue, view);
  page.Open(page.T("too_many"));
  return page.Close();
}

absl::string_view PreferencePageStyle() { return kStyle; }

std::string HtmlEscape(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace tact
