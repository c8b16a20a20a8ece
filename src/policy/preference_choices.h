// Whether a change to a person's preferences (core/preferences.h) chooses
// only what the policy's [preferences] offers: the check both the API
// (PUT /v1/people/{id}/preferences) and the preference page run before a
// change is kept.
//
// Thread safety: pure functions.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/preferences.h"
#include "policy/policy.h"

namespace tact {

// The most languages a person's preferences hold.
inline constexpr size_t kMaxPreferredLanguages = 10;

// OK when every part `change` sets, made at minute `at`, is one the policy
// offers: a frequency choice's id (or "" for as often as the policy
// allows), the policy's topics, language tags (at most
// kMaxPreferredLanguages), a pause ending at most the policy's max_pause
// after `at`. Otherwise InvalidArgument listing each problem as
// "field: problem", with the nearest offered name when one is close
// ("topics: 'evnts' is not one of the policy's topics (did you mean
// 'events'?)"). FailedPrecondition when the policy has no [preferences].
absl::Status CheckPreferenceChange(const PreferencePolicy& policy, const PreferenceChange& change,
                                   Minute at);

// The problem with `topic` as a touch's topic under `policy`: empty when
// the policy names it, or names no topics at all (then topics are only
// carried); otherwise why not, with the nearest topic when one is close.
std::string TouchTopicProblem(const PreferencePolicy& policy, absl::string_view topic);

}  // namespace tact
