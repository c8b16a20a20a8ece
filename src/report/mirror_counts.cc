// The mirror's names and counts: measures, dimensions, sources, filters and
// the arithmetic of counts (report/mirror.h).
#include "core/enum_names.h"
#include "report/mirror.h"

namespace tact {
namespace {

constexpr EnumNames<Measure, kMeasureCount> kMeasureNames({"asked",
                                                           "sent",
                                                           "deferred",
                                                           "suppressed",
                                                           "delivered",
                                                           "opened",
                                                           "clicked",
                                                           "replied",
                                                           "meetings",
                                                           "converted",
                                                           "unsubscribed",
                                                           "complained",
                                                           "bounced",
                                                           "cold_sent",
                                                           "cold_backed",
                                                           "cold_replied",
                                                           "cold_meetings",
                                                           "backed_replied",
                                                           "backed_meetings",
                                                           "opted_down",
                                                           "paused",
                                                           "week_team_1",
                                                           "week_team_2",
                                                           "week_team_3",
                                                           "week_team_4",
                                                           "days30_team_1",
                                                           "days30_team_2",
                                                           "days30_team_3",
                                                           "days30_team_4",
                                                           "week_all_1",
                                                           "week_all_2",
                                                           "week_all_3",
                                                           "week_all_4",
                                                           "days30_all_1",
                                                           "days30_all_2",
                                                           "days30_all_3",
                                                           "days30_all_4",
                                                           "treated_replied",
                                                           "treated_meetings",
                                                           "treated_converted",
                                                           "control_replied",
                                                           "control_meetings",
                                                           "control_converted"});

constexpr EnumNames<Dimension, kDimensionCount> kDimensionNames({"team", "campaign", "sender",
                                                                 "tool", "channel", "kind"});

void AddRules(const NamedCounts& from, NamedCounts& into) {
  for (const auto& [rule, count] : from) into[rule] += count;
}

}  // namespace

absl::string_view MeasureName(Measure measure) { return kMeasureNames.Name(measure); }

Measure ReachMeasure(bool thirty_days, bool all_teams, int k) {
  const int first = static_cast<int>(Measure::kWeekTeam1) + (all_teams ? 2 * kReachCounted : 0) +
                    (thirty_days ? kReachCounted : 0);
  return static_cast<Measure>(first + k - 1);
}

std::optional<Measure> ParseMeasure(absl::string_view name) { return kMeasureNames.Parse(name); }

std::optional<Measure> OutcomeMeasure(EventType type) {
  switch (type) {
    case EventType::kDelivered:
      return Measure::kDelivered;
    case EventType::kOpened:
      return Measure::kOpened;
    case EventType::kClicked:
      return Measure::kClicked;
    case EventType::kReplied:
      return Measure::kReplied;
    case EventType::kMeeting:
      return Measure::kMeetings;
    case EventType::kConverted:
      return Measure::kConverted;
    case EventType::kUnsubscribed:
    case EventType::kStop:
      return Measure::kUnsubscribed;
    case EventType::kComplained:
      return Measure::kComplained;
    case EventType::kBouncedHard:
    case EventType::kBouncedSoft:
      return Measure::kBounced;
    case EventType::kDeferredByProvider:
    case EventType::kResubscribed:
      return std::nullopt;
  }
  return std::nullopt;
}

absl::string_view DimensionName(Dimension dimension) { return kDimensionNames.Name(dimension); }

std::optional<Dimension> ParseDimension(absl::string_view name) {
  return kDimensionNames.Parse(name);
}

absl::string_view MirrorSource::Name(Dimension dimension) const {
  switch (dimension) {
    case Dimension::kTeam:
      return team;
    case Dimension::kCampaign:
      return campaign;
    case Dimension::kSender:
      return sender;
    case Dimension::kTool:
      return tool;
    case Dimension::kChannel:
      return ChannelName(channel);
    case Dimension::kKind:
      return kind ? KindName(*kind) : "";
  }
  return "";
}

void MirrorCounts::Add(const MirrorCounts& other) {
  for (int i = 0; i < kMeasureCount; ++i) measures[i] += other.measures[i];
  AddRules(other.suppressed_by_rule, suppressed_by_rule);
  AddRules(other.deferred_by_rule, deferred_by_rule);
  AddRules(other.crowded_by, crowded_by);
}

double MirrorCounts::ValuePer100() const {
  const int64_t sent = (*this)[Measure::kSent];
  if (sent == 0) return 0;
  return 100.0 * static_cast<double>((*this)[Measure::kReplied] + (*this)[Measure::kMeetings]) /
         static_cast<double>(sent);
}

double MirrorCounts::ColdBackedShare() const {
  const int64_t sent = (*this)[Measure::kColdSent];
  if (sent == 0) return 0;
  return static_cast<double>((*this)[Measure::kColdBacked]) / static_cast<double>(sent);
}

double MirrorCounts::ColdValuePer100(bool backed) const {
  const MirrorCounts& counts = *this;
  const int64_t sent = backed ? counts[Measure::kColdBacked]
                              : counts[Measure::kColdSent] - counts[Measure::kColdBacked];
  const int64_t value = backed ? counts[Measure::kBackedReplied] + counts[Measure::kBackedMeetings]
                               : counts[Measure::kColdReplied] + counts[Measure::kColdMeetings] -
                                     counts[Measure::kBackedReplied] -
                                     counts[Measure::kBackedMeetings];
  if (sent <= 0) return 0;
  return 100.0 * static_cast<double>(value) / static_cast<double>(sent);
}

double MirrorCounts::HarmPer1000() const {
  const int64_t sent = (*this)[Measure::kSent];
  if (sent == 0) return 0;
  return 1000.0 *
         static_cast<double>((*this)[Measure::kUnsubscribed] + (*this)[Measure::kComplained]) /
         static_cast<double>(sent);
}

bool MirrorFilter::Matches(Day day, const MirrorSource& source) const {
  if (day < from || day > to) return false;
  for (int i = 0; i < kDimensionCount; ++i) {
    if (equals[i] && source.Name(static_cast<Dimension>(i)) != *equals[i]) return false;
  }
  return true;
}

}  // namespace tact
