#include "rules/explain.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "content/language.h"
#include "content/region.h"
#include "rules/budget.h"
#include "rules/icp.h"
#include "rules/quiet_hours.h"

namespace tact {
namespace {

std::string Count(int count, absl::string_view one, absl::string_view many) {
  return absl::StrCat(count, " ", count == 1 ? one : many);
}

std::string Touches(int count) { return Count(count, "touch", "touches"); }

// "2027-03-03 08:00 UTC". Built on FormatUtc, which is fast for the years
// tact accepts: messages are rendered for every deferred answer.
std::string MessageTime(absl::Time time) {
  std::string text = FormatUtc(time);  // "2027-03-03T08:00:00Z"
  if (text.size() != 20) {
    const absl::CivilMinute utc = absl::ToCivilMinute(time, absl::UTCTimeZone());
    return absl::StrFormat("%04d-%02d-%02d %02d:%02d UTC", utc.year(), utc.month(), utc.day(),
                           utc.hour(), utc.minute());
  }
  text[10] = ' ';
  text.resize(16);
  text += " UTC";
  return text;
}

std::string NotBefore(const Reason& reason) {
  return reason.not_before ? MessageTime(*reason.not_before) : std::string("never");
}

absl::string_view DayName(absl::Weekday day) {
  static constexpr absl::string_view kNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                 "Friday", "Saturday", "Sunday"};
  return kNames[static_cast<int>(day)];
}

absl::CivilMinute LocalCivil(Minute utc, const LocalClock& clock) {
  return absl::CivilMinute(1970, 1, 1, 0, 0) + clock.ToLocal(utc);
}

std::string LocalTime(Minute utc, const LocalClock& clock) {
  const absl::CivilMinute local = LocalCivil(utc, clock);
  return absl::StrFormat("%02d:%02d on %s", local.hour(), local.minute(),
                         DayName(absl::GetWeekday(absl::CivilDay(local))));
}

std::string QuietHoursSentence(const Reason& reason, const ExplainContext& context) {
  const LocalClock& clock = ClockFor(context.policy, context.person);
  const std::string zone_name = context.person.clock == nullptr
                                    ? absl::StrCat(clock.name(), ", the policy's default")
                                    : clock.name();
  std::string sentence =
      absl::StrCat("It is ", LocalTime(reason.at, clock), " for this person (", zone_name, ")");
  if (!reason.detail.empty()) {
    absl::StrAppend(&sentence, ", ", reason.detail,
                    ", a public holiday where they live and quiet all day");
  }
  absl::StrAppend(&sentence, "; quiet hours for ", ChannelName(context.touch.channel), " end ");
  if (!reason.not_before) return absl::StrCat(sentence, "never.");
  const absl::CivilMinute next = LocalCivil(ToMinute(*reason.not_before), clock);
  absl::StrAppend(&sentence, DayName(absl::GetWeekday(absl::CivilDay(next))),
                  absl::StrFormat(" at %02d:%02d", next.hour(), next.minute()), " their time (",
                  MessageTime(*reason.not_before), ").");
  return sentence;
}

std::string ControlSentence(const Reason& reason, const ExplainContext& context) {
  const ControlGroup& control = context.policy.control;
  const double share = reason.detail.empty() ? control.holdout : control.TeamShare(reason.detail);
  return absl::StrCat(
      "This person is in the control group", reason.detail.empty() ? "" : " of ",
      reason.detail.empty() ? "" : reason.detail, " (", absl::StrFormat("%g", share * 100),
      " % of people, drawn by the policy) that gets no ", KindName(context.touch.kind), " touches",
      reason.detail.empty() ? "" : " from that team",
      ", so that the mirror can show what those touches add.");
}

std::string BudgetSentence(const Reason& reason, const ExplainContext& context) {
  const Budget& budget = context.policy.budgets.at(reason.policy_index);
  if (budget.max == 0) {
    return absl::StrCat("The policy allows no touches ", ScopePhrase(budget.scope), ".");
  }
  return absl::StrCat("This person already has ", Touches(reason.count.value_or(0)), " ",
                      ScopePhrase(budget.scope), " within ", FormatSpan(budget.window),
                      "; the limit is ", budget.max, ". The next slot opens ", NotBefore(reason),
                      ".");
}

std::string ReserveSentence(const Reason& reason, const ExplainContext& context) {
  const Budget& budget = context.policy.budgets.at(reason.policy_index);
  const absl::string_view tier =
      context.touch.priority.empty() ? KindName(context.touch.kind) : context.touch.priority;
  return absl::StrCat("The ", tier, " tier may use ", reason.limit.value_or(0), " of the ",
                      budget.max, " touches per ", FormatSpan(budget.window), " ",
                      ScopePhrase(budget.scope),
                      "; the rest is kept for higher tiers. This person already has ",
                      reason.count.value_or(0), ". Next opening: ", NotBefore(reason), ".");
}

std::string IcpSentence(const Reason& reason, const ExplainContext& context) {
  const absl::string_view kind = KindName(context.touch.kind);
  if (reason.code == ReasonCode::kIcpUnknownAccount || context.account == nullptr) {
    return absl::StrCat("Nothing is known about this person's account, so a ", kind,
                        " touch cannot be shown to fit the ideal customer profile.");
  }
  return absl::StrFormat(
      "The account fits the ideal customer profile %.2f, below the %.2f a %s touch needs (no "
      "match on %s).",
      reason.score.value_or(0), reason.threshold.value_or(0), kind,
      absl::StrJoin(IcpMisses(context.policy.icp, *context.account), ", "));
}

std::string LanguageList(const std::vector<std::string>& tags) {
  std::vector<std::string> names;
  for (const std::string& tag : tags) names.push_back(LanguageName(tag));
  return absl::StrJoin(names, ", ");
}

std::string LanguageSentence(const Reason& reason, const ExplainContext& context) {
  const std::string how =
      reason.detail.empty()
          ? std::string("declared")
          : absl::StrCat("detected in ", reason.count.value_or(0), " % of its text");
  const absl::string_view tag =
      reason.detail.empty() ? absl::string_view(context.touch.language) : reason.detail;
  return absl::StrCat("The touch is in ", LanguageName(tag), " (", how, "); this person reads ",
                      LanguageList(context.person.ReadsLanguages()), ".");
}

std::string EventRegionSentence(const Reason& reason, const ExplainContext& context) {
  const EventLocation& event = *context.touch.event_location;
  const RegionLevel level = context.policy.relevance.event_region;
  const auto event_region = ContainingRegion(event.country, level);
  return absl::StrCat("The event is in ", RegionName(event.country),
                      event_region && level != RegionLevel::kCountry
                          ? absl::StrCat(" (", RegionName(*event_region), ")")
                          : std::string(),
                      "; this person is in ", RegionName(reason.detail),
                      ", and the policy invites people only to events in their own ",
                      RegionLevelName(level), ".");
}

}  // namespace

std::string ExplainNote(const Note& note, const ExplainContext& context) {
  switch (note.code) {
    case NoteCode::kLanguageMismatch:
      return absl::StrCat("The touch declares ", LanguageName(context.touch.language),
                          " but its text reads as ", LanguageName(note.detail), " (",
                          note.count.value_or(0), " %)",
                          note.detection_decided
                              ? absl::StrCat("; it is judged as ", LanguageName(note.detail), ".")
                              : std::string("."));
    case NoteCode::kSelfFocus:
      break;
  }
  return absl::StrFormat(
      "%.0f %% of the text's pronouns are about the sender (%d about the sender, %d about the "
      "reader).",
      note.score.value_or(0) * 100, note.count.value_or(0), note.limit.value_or(0));
}

namespace {

// The text's own reasons: the same text again, a bump, a mass template.
std::string ContentSentence(const Reason& reason, const ExplainContext& context) {
  const absl::string_view kind = KindName(context.touch.kind);
  switch (reason.code) {
    case ReasonCode::kContentRepeat:
      return absl::StrCat(
          "This person already received the same text ",
          Count(reason.count.value_or(0), "time", "times"), " within ", FormatSpan(*reason.window),
          " (fingerprints ", Count(static_cast<int>(reason.score.value_or(0)), "bit", "bits"),
          " apart; up to ", static_cast<int>(reason.threshold.value_or(0)), " count as the same).");
    case ReasonCode::kContentBump:
      if (!reason.detail.empty()) {
        return absl::StrCat("This follow-up adds nothing new: its ",
                            Count(reason.count.value_or(0), "word", "words"), " of new text say \"",
                            reason.detail, "\" (a bump phrase; up to ", reason.limit.value_or(0),
                            " words count as a bump).");
      }
      return absl::StrCat("This follow-up repeats the thread's previous step (fingerprints ",
                          Count(static_cast<int>(reason.score.value_or(0)), "bit", "bits"),
                          " apart; up to ", static_cast<int>(reason.threshold.value_or(0)),
                          " count as the same).");
    case ReasonCode::kMassTemplate:
      return absl::StrCat("This text already went to ",
                          Count(reason.count.value_or(0), "person", "people"), " within ",
                          FormatSpan(*reason.window), "; the policy lets ", kind,
                          " content reach at most ", reason.limit.value_or(0),
                          " before it must be written for the person.");
    default:
      break;
  }
  return "";
}

// Why a touch that could go later does not: dropped, expired, stale.
std::string DeferralSentence(const Reason& reason, const ExplainContext& context) {
  const absl::string_view kind = KindName(context.touch.kind);
  switch (reason.code) {
    case ReasonCode::kOnLimitDrop:
      return absl::StrCat(
          "The touch asked to be dropped rather than deferred; it could have gone at ",
          NotBefore(reason), ".");
    case ReasonCode::kExpires:
      return absl::StrCat("The earliest allowed time, ", NotBefore(reason),
                          ", is after the touch expires (",
                          context.touch.expires ? MessageTime(*context.touch.expires) : "", ").");
    case ReasonCode::kMaxDelay:
      return absl::StrCat(
          "The earliest allowed time, ", NotBefore(reason), ", is more than ",
          FormatSpan(*reason.window), " after the touch was first asked (",
          MessageTime(
              context.touch.first_asked.value_or(context.touch.at.value_or(FromMinute(reason.at)))),
          "): the policy's max_delay for ", kind, " touches; a touch that late is stale.");
    case ReasonCode::kStateUnavailable:
      return absl::StrCat("tact could not reach its state in time to decide (the policy defers ",
                          kind, " touches then); ask again at ", NotBefore(reason), ".");
    case ReasonCode::kSendTimeBest:
      return absl::StrCat("The touch asked to go when this person most likely reads (at_best): ",
                          NotBefore(reason), ", the best moment within ",
                          FormatSpan(context.policy.send_time.horizon), " that every rule allows.");
    default:
      break;
  }
  return "";
}

// The person's and the sender's standing: dormant, complaints.
std::string EngagementSentence(const Reason& reason, const ExplainContext& context) {
  const absl::string_view kind = KindName(context.touch.kind);
  switch (reason.code) {
    case ReasonCode::kDormant:
      return absl::StrCat("This person ignored the last ", Touches(reason.count.value_or(0)),
                          " (no open, click or reply within ",
                          FormatSpan(context.policy.engagement.attribution_window),
                          "); while dormant they get at most ",
                          Count(reason.limit.value_or(0), "touch", "touches"), " of kind ", kind,
                          " per ", FormatSpan(*reason.window),
                          ". Next opening: ", NotBefore(reason), ".");
    case ReasonCode::kComplaintRate:
      return absl::StrFormat(
          "%s drew %d spam %s in %d sends over %s (%.2f %%), at or above the policy's %.2f "
          "%%; %s touches of it wait until %s.",
          reason.policy_index == 0 ? absl::StrCat("Campaign '", context.touch.campaign, "'")
                                   : absl::StrCat("The sending domain of ", context.touch.sender),
          reason.count.value_or(0), reason.count.value_or(0) == 1 ? "complaint" : "complaints",
          reason.limit.value_or(0), FormatSpan(*reason.window), reason.score.value_or(0) * 100,
          reason.threshold.value_or(0) * 100, kind, NotBefore(reason));
    default:
      break;
  }
  return "";
}

// The account's health holds a touch back.
std::string AccountSentence(const Reason& reason, const ExplainContext& context) {
  const absl::string_view kind = KindName(context.touch.kind);
  switch (reason.code) {
    case ReasonCode::kHealthEscalation:
      return absl::StrCat("The account has ",
                          Count(reason.count.value_or(1), "open escalation", "open escalations"),
                          "; ", kind, " touches wait until it is resolved.");
    case ReasonCode::kHealthCommitment:
      return absl::StrCat(
          "We owe this account ",
          Count(reason.count.value_or(1), "missed commitment", "missed commitments"), "; ", kind,
          " touches wait until we have kept our word.");
    default:
      break;
  }
  return "";
}

// Spacing between touches: any two, one sender's, a thread's steps.
std::string PacingSentence(const Reason& reason, const ExplainContext& context) {
  switch (reason.code) {
    case ReasonCode::kGap: {
      const Gap& gap = context.policy.gaps.at(reason.policy_index);
      return absl::StrCat("Touches ", ScopePhrase(gap.scope), " are kept at least ",
                          FormatSpan(gap.min), " apart; the next may go at ", NotBefore(reason),
                          ".");
    }
    case ReasonCode::kSender:
      return absl::StrCat(context.touch.sender, " already has ", Touches(reason.count.value_or(0)),
                          " with this person within ", FormatSpan(*reason.window),
                          "; one sender may make ", reason.limit.value_or(0),
                          ". Next opening: ", NotBefore(reason), ".");
    case ReasonCode::kFollowupGap:
      return absl::StrCat("Steps of a thread are at least ", FormatSpan(*reason.window),
                          " apart; the next step may go at ", NotBefore(reason), ".");
    default:
      break;
  }
  return "";
}

// brief.hypothesis: what the sender has yet to do for the account.
std::string HypothesisSentence(const Reason& reason, const ExplainContext& context) {
  const std::string& account = context.person.account_id;
  const std::string theirs = absl::StrCat("The sender's hypothesis for account '", account, "'");
  const std::string own_words = "; a cold touch needs one in the seller's own words.";
  switch (reason.code) {
    case ReasonCode::kHypothesisMissing:
      if (reason.detail == "account") {
        return "This person has no account, and the policy sends a touch of this kind only with "
               "its sender's hypothesis for the account.";
      }
      if (reason.detail == "sender") {
        return "The touch names no sender, and the policy sends a touch of this kind only with "
               "its sender's hypothesis for the account.";
      }
      return absl::StrCat("The sender has written no hypothesis for account '", account,
                          "': read its brief and write what it means for this person (POST "
                          "/v1/accounts/{id}/hypotheses).");
    case ReasonCode::kHypothesisStale:
      return absl::StrCat(theirs, " was written ", Count(reason.count.value_or(0), "day", "days"),
                          " ago; the policy wants one from the last ", FormatSpan(*reason.window),
                          ".");
    case ReasonCode::kHypothesisThin:
      return absl::StrCat(theirs, " has ", Count(reason.count.value_or(0), "word", "words"),
                          "; the policy wants at least ", reason.limit.value_or(0), ".");
    case ReasonCode::kHypothesisCopied:
      if (reason.detail == kOriginalityNames.Name(Originality::kBriefCopy)) {
        return absl::StrFormat(
            "%s is mostly the brief's own text (%.0f %% of it; the policy allows %.0f %%)%s",
            theirs, reason.score.value_or(0) * 100, reason.threshold.value_or(0) * 100, own_words);
      }
      return absl::StrCat(theirs, " is a near-copy of ",
                          reason.detail == kOriginalityNames.Name(Originality::kOtherAccountCopy)
                              ? "a hypothesis for another account"
                              : "another seller's hypothesis",
                          own_words);
    default:
      break;
  }
  return "";
}

// preference.*: what the person chose, and what it means for this touch.
std::string PreferenceSentence(const Reason& reason, const ExplainContext& context) {
  const absl::string_view kind = KindName(context.touch.kind);
  switch (reason.code) {
    case ReasonCode::kPreferenceChannel:
      return absl::StrCat("This person chose not to be reached by ",
                          ChannelName(context.touch.channel), ".");
    case ReasonCode::kPreferenceTopic:
      return absl::StrCat("This person chose other topics than '", context.touch.topic, "'.");
    case ReasonCode::kPreferenceFrequency:
      if (!reason.window) {
        return absl::StrCat("This person chose \"", reason.detail, "\": no ", kind, " touches.");
      }
      return absl::StrCat("This person chose \"", reason.detail, "\" and already has ",
                          Touches(reason.count.value_or(0)), " within ", FormatSpan(*reason.window),
                          ". Next opening: ", NotBefore(reason), ".");
    case ReasonCode::kPreferencePause:
      return absl::StrCat("This person paused ", kind, " touches until ", NotBefore(reason), ".");
    default:
      break;
  }
  return "";
}

}  // namespace

// Long: one case per reason code, each a sentence or a hand-over to its
// area's; splitting the switch would only scatter it.
std::string Explain(const Reason& reason, const ExplainContext& context) {
  const absl::string_view channel = ChannelName(context.touch.channel);
  switch (reason.code) {
    case ReasonCode::kConsentOptedOut:
      return absl::StrCat("This person opted out of ", channel, ".");
    case ReasonCode::kConsentOptInMissing:
      return absl::StrCat("The policy needs an opt-in for ", channel,
                          context.person.country.empty() ? "" : " in ", context.person.country,
                          " and this person has not given one.");
    case ReasonCode::kHealthEscalation:
    case ReasonCode::kHealthCommitment:
      return AccountSentence(reason, context);
    case ReasonCode::kIcpUnknownAccount:
    case ReasonCode::kIcpBelowThreshold:
      return IcpSentence(reason, context);
    case ReasonCode::kFollowupUnanswered:
      return absl::StrCat("This thread already has ", Touches(reason.count.value_or(0)),
                          " without a reply; the policy ends a thread after ",
                          reason.limit.value_or(0), ". A reply from the person reopens it.");
    case ReasonCode::kBudget:
      return BudgetSentence(reason, context);
    case ReasonCode::kPriorityReserve:
      return ReserveSentence(reason, context);
    case ReasonCode::kGap:
    case ReasonCode::kSender:
    case ReasonCode::kFollowupGap:
      return PacingSentence(reason, context);
    case ReasonCode::kQuietHours:
      return QuietHoursSentence(reason, context);
    case ReasonCode::kListUnsubscribed:
      return absl::StrCat("This person unsubscribed from the list '", context.touch.list, "'.");
    case ReasonCode::kAddressUndeliverable:
      return absl::StrCat("This person's ", channel,
                          " address bounced permanently; nothing goes there until their profile "
                          "has a new one.");
    case ReasonCode::kDormant:
    case ReasonCode::kComplaintRate:
      return EngagementSentence(reason, context);
    case ReasonCode::kLanguage:
      return LanguageSentence(reason, context);
    case ReasonCode::kEventDistance:
      return absl::StrFormat(
          "The event is %.0f km from this person, farther than the policy's %.0f km.",
          reason.score.value_or(0), reason.threshold.value_or(0));
    case ReasonCode::kEventRegion:
      return EventRegionSentence(reason, context);
    case ReasonCode::kContentRepeat:
    case ReasonCode::kContentBump:
    case ReasonCode::kMassTemplate:
      return ContentSentence(reason, context);
    case ReasonCode::kOnLimitDrop:
    case ReasonCode::kExpires:
    case ReasonCode::kMaxDelay:
    case ReasonCode::kStateUnavailable:
    case ReasonCode::kSendTimeBest:
      return DeferralSentence(reason, context);
    case ReasonCode::kControlHoldout:
      return ControlSentence(reason, context);
    case ReasonCode::kHypothesisMissing:
    case ReasonCode::kHypothesisStale:
    case ReasonCode::kHypothesisThin:
    case ReasonCode::kHypothesisCopied:
      return HypothesisSentence(reason, context);
    case ReasonCode::kPreferenceFrequency:
    case ReasonCode::kPreferenceChannel:
    case ReasonCode::kPreferenceTopic:
    case ReasonCode::kPreferencePause:
      return PreferenceSentence(reason, context);
    case ReasonCode::kNoTime:
      break;
  }
  return "No time satisfies every rule of the policy for this touch.";
}

}  // namespace tact
