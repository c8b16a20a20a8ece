#include "server/preference_form.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "content/language.h"
#include "policy/preference_choices.h"

namespace tact {
namespace {

// The page's fields, by the name its problems link to (the fieldset ids).
constexpr std::pair<absl::string_view, absl::string_view> kFields[] = {
    {"frequency", "frequency"}, {"channel", "channels"}, {"topic", "topics"},
    {"language", "languages"},  {"pause", "pause"},      {"form", ""}};

class FormReader {
 public:
  FormReader(const PreferenceCatalogue& catalogue, absl::string_view language,
             std::vector<FormProblem>& problems)
      : catalogue_(catalogue), language_(language), problems_(problems) {}

  // "How often: 'x' is not one of the choices."
  void Problem(absl::string_view field, absl::string_view key,
               std::initializer_list<std::pair<absl::string_view, std::string>> values = {}) {
    absl::string_view legend = field;
    for (const auto& [name, legend_key] : kFields) {
      if (name == field && !legend_key.empty()) legend = legend_key;
    }
    problems_.push_back(
        {std::string(field), absl::StrCat(catalogue_.Text(language_, legend), ": ",
                                          catalogue_.Text(language_, key, values))});
  }

 private:
  const PreferenceCatalogue& catalogue_;
  const std::string language_;
  std::vector<FormProblem>& problems_;
};

// Whether two lists hold the same values, in any order.
template <typename Value>
bool Same(const std::vector<Value>& given, const std::vector<Value>& kept) {
  return given.size() == kept.size() &&
         std::is_permutation(given.begin(), given.end(), kept.begin());
}

// Whether two lists of language tags name the same languages.
bool SameLanguages(const std::vector<std::string>& given, const std::vector<std::string>& kept) {
  const auto primary = [](const std::vector<std::string>& tags) {
    std::vector<std::string> languages;
    for (const std::string& tag : tags) languages.push_back(PrimaryLanguage(tag));
    std::sort(languages.begin(), languages.end());
    languages.erase(std::unique(languages.begin(), languages.end()), languages.end());
    return languages;
  };
  return primary(given) == primary(kept);
}

std::optional<Minute> ReadPause(absl::string_view value, const PreferencePolicy& policy,
                                const Preferences& current, Minute now, FormReader& reader) {
  const bool paused = current.Paused(now);
  // "keep" also when the break ended since the page was shown: nothing to keep.
  if (value == "keep") return std::nullopt;
  if (value == "none") {
    if (!paused) return std::nullopt;
    return Preferences::kNotPaused;
  }
  int weeks = 0;
  const bool offered =
      absl::SimpleAtoi(value, &weeks) &&
      std::find(std::begin(kPauseWeeks), std::end(kPauseWeeks), weeks) != std::end(kPauseWeeks);
  if (!offered) {
    reader.Problem("pause", "error_unknown", {{"value", std::string(value)}});
    return std::nullopt;
  }
  if (absl::Hours(24 * 7 * weeks) > policy.max_pause) {
    reader.Problem("pause", "error_too_long",
                   {{"weeks", absl::StrCat(absl::ToInt64Hours(policy.max_pause) / (24 * 7))}});
    return std::nullopt;
  }
  return now + weeks * 7 * 24 * 60;
}

}  // namespace

// Long: one pass over the fields, then one check per part, each naming its
// field in the page's words.
PageForm ReadPageForm(const std::vector<std::pair<std::string, std::string>>& fields,
                      const PreferencePolicy& policy, const Preferences& current,
                      const std::vector<std::string>& profile_languages, Minute now,
                      const PreferenceCatalogue& catalogue, absl::string_view language) {
  PageForm form;
  FormReader reader(catalogue, language, form.problems);
  std::string frequency, pause = "keep";
  ChannelSet channels;
  int channel_count = 0;
  std::vector<std::string> topics, languages;
  for (const auto& [name, value] : fields) {
    if (name == "frequency") {
      frequency = value;
      if (!value.empty() && policy.FindFrequency(value) == nullptr) {
        reader.Problem("frequency", "error_unknown", {{"value", value}});
      }
    } else if (name == "channel") {
      const std::optional<Channel> channel = ParseChannel(value);
      if (!channel) {
        reader.Problem("channel", "error_unknown", {{"value", value}});
      } else if (!channels.Contains(*channel)) {
        channels.Add(*channel);
        ++channel_count;
      }
    } else if (name == "topic") {
      if (std::find(policy.topics.begin(), policy.topics.end(), value) == policy.topics.end()) {
        reader.Problem("topic", "error_unknown", {{"value", value}});
      } else if (std::find(topics.begin(), topics.end(), value) == topics.end()) {
        topics.push_back(value);
      }
    } else if (name == "language") {
      if (!LanguageTagProblem(value).empty()) {
        reader.Problem("language", "error_unknown", {{"value", value}});
      } else if (!ReadsLanguage(languages, value)) {
        languages.push_back(value);
      }
    } else if (name == "pause") {
      pause = value;
    } else if (name != "form") {
      reader.Problem(name, "error_unknown", {{"value", name}});
    }
  }
  if (channel_count == 0) reader.Problem("channel", "error_none_chosen");
  if (!policy.topics.empty() && topics.empty()) reader.Problem("topic", "error_none_chosen");
  if (languages.size() > kMaxPreferredLanguages) {
    reader.Problem("language", "error_unknown", {{"value", languages.back()}});
  }
  PreferenceChange& change = form.change;
  change.paused_until = ReadPause(pause, policy, current, now, reader);
  if (!form.problems.empty()) return form;
  if (frequency != current.frequency) change.frequency = frequency;
  // Every channel, or every topic, is the same as no restriction.
  if (channel_count == kChannelCount) channels = ChannelSet{};
  if (!(channels == current.channels)) change.channels = channels;
  if (topics.size() == policy.topics.size()) topics.clear();
  if (!Same(topics, current.topics)) change.topics = topics;
  // The page shows the profile's languages until the person chooses: left
  // as shown, they are not a choice.
  if (current.languages.empty() && SameLanguages(languages, profile_languages)) languages.clear();
  if (!SameLanguages(languages, current.languages)) change.languages = languages;
  return form;
}

}  // namespace tact
