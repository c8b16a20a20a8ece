#include "policy/preference_choices.h"

#include <algorithm>
#include <span>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "content/language.h"
#include "policy/suggest.h"

namespace tact {
namespace {

// "'x' is not one of the policy's <what> (did you mean 'y'?); choose from a, b".
std::string NotOffered(absl::string_view given, absl::string_view what,
                       const std::vector<absl::string_view>& offered) {
  const std::string nearest = NearestWord(given, std::span<const absl::string_view>(offered));
  std::string problem = absl::StrCat("'", given, "' is not one of the policy's ", what);
  if (!nearest.empty()) absl::StrAppend(&problem, " (did you mean '", nearest, "'?)");
  if (offered.empty()) {
    absl::StrAppend(&problem, "; the policy offers none");
  } else {
    absl::StrAppend(&problem, "; choose from ", absl::StrJoin(offered, ", "));
  }
  return problem;
}

std::vector<absl::string_view> Views(const std::vector<std::string>& names) {
  return std::vector<absl::string_view>(names.begin(), names.end());
}

}  // namespace

std::string TouchTopicProblem(const PreferencePolicy& policy, absl::string_view topic) {
  if (policy.topics.empty() ||
      std::find(policy.topics.begin(), policy.topics.end(), topic) != policy.topics.end()) {
    return "";
  }
  return NotOffered(topic, "topics", Views(policy.topics));
}

absl::Status CheckPreferenceChange(const PreferencePolicy& policy, const PreferenceChange& change,
                                   Minute at) {
  if (!policy.enabled) {
    return absl::FailedPreconditionError(
        "the policy has no [preferences] section, so tact keeps no preferences; add one "
        "(docs/policy.md)");
  }
  std::vector<std::string> problems;
  if (change.frequency && !change.frequency->empty() &&
      policy.FindFrequency(*change.frequency) == nullptr) {
    std::vector<absl::string_view> ids;
    for (const FrequencyChoice& choice : policy.frequencies) ids.push_back(choice.id);
    problems.push_back(
        absl::StrCat("frequency: ", NotOffered(*change.frequency, "frequency choices", ids)));
  }
  if (change.topics) {
    for (const std::string& topic : *change.topics) {
      if (std::find(policy.topics.begin(), policy.topics.end(), topic) == policy.topics.end()) {
        problems.push_back(
            absl::StrCat("topics: ", NotOffered(topic, "topics", Views(policy.topics))));
      }
    }
  }
  if (change.languages) {
    if (change.languages->size() > kMaxPreferredLanguages) {
      problems.push_back(absl::StrCat("languages: names ", change.languages->size(),
                                      " languages; at most ", kMaxPreferredLanguages));
    }
    for (const std::string& tag : *change.languages) {
      if (std::string problem = LanguageTagProblem(tag); !problem.empty()) {
        problems.push_back(absl::StrCat("languages: ", problem));
      }
    }
  }
  if (change.paused_until && *change.paused_until != Preferences::kNotPaused) {
    const Minute longest = at + SpanMinutes(policy.max_pause);
    if (*change.paused_until > longest) {
      problems.push_back(absl::StrCat("paused_until: ", FormatUtc(FromMinute(*change.paused_until)),
                                      " is more than the policy's longest pause (",
                                      FormatSpan(policy.max_pause), ") away; pause until ",
                                      FormatUtc(FromMinute(longest)), " at the latest"));
    }
  }
  if (problems.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrJoin(problems, "; "));
}

}  // namespace tact
