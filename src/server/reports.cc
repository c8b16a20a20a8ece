// The service's mirror: counting decisions and outcomes into it, keeping it
// in the journal, and the report routes that read it.
#include "absl/strings/str_cat.h"
#include "codec/decision_json.h"
#include "report/mirror_codec.h"
#include "report/report_json.h"
#include "rules/explain.h"
#include "server/routes.h"
#include "server/service.h"

namespace tact {
namespace {

Day Today(absl::Time now) { return DayOfMinute(ToMinute(now)); }

HttpResponse BadQuery(const absl::Status& status) {
  const absl::string_view message = status.message();
  return HttpResponse::Error(
      {400, "invalid", std::string(message), std::string(message.substr(0, message.find(':')))});
}

}  // namespace

void Service::CountInMirror(const Touch& touch, absl::Time now, const Decision& decision,
                            bool became_dormant) {
  const Minute minute = ToMinute(touch.at.value_or(now));
  const Day day = DayOfMinute(minute);
  mirror_.CountDecision(MirrorSource::Of(touch), day, decision);
  if (became_dormant) mirror_.CountBecameDormant(day);
  if (decision.outcome != Outcome::kSend) {
    held_back_.Add(HeldBack{touch.person_id, minute, decision.outcome,
                            decision.reasons.empty() ? "" : std::string(decision.reasons[0].rule),
                            touch.team, touch.campaign, touch.sender, touch.channel});
  }
}

void Service::CountInMirror(const Event& event, const std::optional<LedgerEntry>& before,
                            absl::Time now, bool count_machine_opens) {
  const std::optional<Measure> measure = OutcomeMeasure(event.type);
  if (!measure) return;
  if (event.machine && !count_machine_opens) return;
  if (before) {
    // Once per touch: a second open (or a STOP after an unsubscribe) adds nothing.
    for (int type = 0; type < kEventTypeCount; ++type) {
      if (before->Has(static_cast<EventType>(type)) &&
          OutcomeMeasure(static_cast<EventType>(type)) == measure)
        return;
    }
    mirror_.CountOutcome(
        MirrorSource{before->team, before->campaign, before->sender, before->tool, before->channel},
        DayOfMinute(before->minute), *measure);
    return;
  }
  // Not linked to a touch tact knows: counted for no source, on its own day.
  mirror_.CountOutcome(MirrorSource{"", "", "", "", event.channel.value_or(Channel::kEmail)},
                       Today(event.at.value_or(now)), *measure);
}

absl::Status Service::LoadMirror() {
  if (!journal_) return absl::OkStatus();
  const Day oldest = Today(clock_()) - kMirrorDaysKept;
  return journal_->LoadMirrorDays([&](absl::string_view bytes) -> absl::Status {
    auto day = DecodeMirrorDay(bytes);
    if (!day.ok()) return day.status();
    if (day->day >= oldest)
      mirror_.RestoreDay(day->day, std::move(day->cells), day->became_dormant);
    return absl::OkStatus();
  });
}

void Service::SaveMirror() {
  mirror_.ForgetBefore(Today(clock_()) - kMirrorDaysKept);
  mirror_.Trim();
  // While the journal takes no writes the changed days stay marked, to be
  // saved once it does (or counted again by nobody: a restart then loses at
  // most what changed since the last save, as after a crash).
  if (journal_ && !journal_->health().ok()) return;
  const std::vector<Day> days = mirror_.TakeChangedDays();
  if (!journal_) return;
  for (auto& [day, cells] : mirror_.CellsOf(days)) {
    journal_->WriteMirrorDay(
        MirrorDayKey(day), EncodeMirrorDay({day, std::move(cells), mirror_.BecameDormantOn(day)}));
  }
}

HttpResponse Service::MirrorReport(absl::string_view target, bool league) {
  auto params = ParseQuery(target);
  if (!params.ok()) return HttpResponse::Error(InvalidFields(params.status()));
  auto query = ParseReportQuery(*params, mirror_, Today(clock_()), league);
  if (!query.ok()) return BadQuery(query.status());
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  if (league) {
    WriteLeagueJson(writer, mirror_, *query);
  } else {
    WriteOverviewJson(writer, mirror_, *query);
  }
  return HttpResponse{200, JsonText(buffer)};
}

HttpResponse Service::HeldBackReport(absl::string_view target) {
  auto params = ParseQuery(target);
  if (!params.ok()) return HttpResponse::Error(InvalidFields(params.status()));
  size_t limit = 20;
  for (const auto& [name, value] : *params) {
    if (name != "limit" || !absl::SimpleAtoi(value, &limit) || limit < 1 ||
        limit > HeldBackSample::kStripes * HeldBackSample::kKept) {
      return HttpResponse::Error(
          {400, "invalid",
           name == "limit" ? absl::StrCat("limit: '", value, "' is not a number from 1 to ",
                                          HeldBackSample::kStripes * HeldBackSample::kKept)
                           : absl::StrCat(name, ": unknown query parameter; use limit"),
           name});
    }
  }
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  WriteHeldBackJson(writer, held_back_.Recent(limit));
  return HttpResponse{200, JsonText(buffer)};
}

HttpResponse Service::GetPolicy() {
  const std::shared_ptr<const Policy> policy = policy_.load();
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  WritePolicyJson(writer, *policy);
  return HttpResponse{200, JsonText(buffer)};
}

}  // namespace tact
