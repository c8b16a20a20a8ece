#include "demo/demo_load.h"

#include <memory>
#include <queue>
#include <vector>

#include "absl/strings/str_cat.h"
#include "codec/decode.h"
#include "codec/record_reader.h"
#include "demo/demo_data.h"
#include "demo/demo_outcomes.h"
#include "plan/planner.h"

namespace tact {
namespace {

struct Pending {
  Event event;  // `at` is set
  size_t order;
  DemoChoice choice = DemoChoice::kNone;  // set: a preference change, not the event
  bool operator>(const Pending& other) const {
    return *event.at != *other.event.at ? *event.at > *other.event.at : order > other.order;
  }
};

// Calls `add` with every row of `path`; demo files are well-formed, so any
// bad row is an internal error.
template <typename Add>
absl::Status ReadAll(const std::string& path, Add add) {
  auto reader = OpenRecordFile(path);
  if (!reader.ok()) return reader.status();
  ReadResult row;
  while ((*reader)->Next(&row)) {
    if (!row.error.empty()) return absl::InternalError(row.error);
    if (absl::Status status = add(row.record); !status.ok()) {
      return absl::InternalError(absl::StrCat(path, ":", row.record.line, ": ", status.message()));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<DemoLoad> LoadDemo(int people, absl::Time now, const std::string& directory,
                                  ProfileStore& profiles, const Store& store, DemoSink& sink) {
  DemoOptions options;
  options.people = people;
  options.days = 42;
  const absl::CivilDay today = absl::ToCivilDay(now, absl::UTCTimeZone());
  options.start = absl::FromCivil(today - 35, absl::UTCTimeZone());
  if (auto written = WriteDemoData(options, directory); !written.ok()) return written.status();

  DemoLoad load;
  std::vector<std::string> people_ids;
  if (absl::Status status = ReadAll(absl::StrCat(directory, "/people.csv"),
                                    [&](const Record& record) -> absl::Status {
                                      auto person = DecodePerson(record);
                                      if (!person.ok()) return person.status();
                                      auto stored = profiles.PutPerson(
                                          *person, [](const Person*, Person&) {});
                                      if (!stored.ok()) return stored.status();
                                      people_ids.push_back(person->id);
                                      return absl::OkStatus();
                                    });
      !status.ok())
    return status;
  if (absl::Status status = ReadAll(absl::StrCat(directory, "/accounts.csv"),
                                    [&](const Record& record) -> absl::Status {
                                      auto account = DecodeAccount(record);
                                      if (!account.ok()) return account.status();
                                      auto stored = profiles.PutAccount(*account);
                                      if (!stored.ok()) return stored.status();
                                      ++load.accounts;
                                      return absl::OkStatus();
                                    });
      !status.ok())
    return status;
  std::vector<PlannedTouch> past;
  if (absl::Status status =
          ReadAll(absl::StrCat(directory, "/touches.csv"),
                  [&](const Record& record) -> absl::Status {
                    auto touch = DecodeTouch(record);
                    if (!touch.ok()) return touch.status();
                    if (touch->at && *touch->at <= now)
                      past.push_back(PlannedTouch{*std::move(touch), record.line});
                    return absl::OkStatus();
                  });
      !status.ok())
    return status;

  // Outcomes wait in time order until the replay's clock passes them.
  std::priority_queue<Pending, std::vector<Pending>, std::greater<>> pending;
  size_t order = 0;
  const auto apply_until = [&](absl::Time until) -> absl::Status {
    while (!pending.empty() && pending.top().event.at <= until) {
      const DemoChoice choice = pending.top().choice;
      std::vector<Event> batch{pending.top().event};
      pending.pop();
      const absl::Time at = *batch.front().at;
      if (choice != DemoChoice::kNone) {
        PreferenceChange change;
        if (choice == DemoChoice::kWeekly) change.frequency = "weekly";
        if (choice == DemoChoice::kBreak) change.paused_until = ToMinute(at + absl::Hours(24 * 28));
        if (absl::Status changed = sink.ChangePreferences(batch.front().person_id, change, at);
            !changed.ok()) {
          return changed;
        }
        continue;
      }
      if (absl::Status applied = sink.Apply(batch, at); !applied.ok()) return applied;
      ++load.events;
    }
    return absl::OkStatus();
  };
  // The demo's touches keep their text: the sink analyses it.
  const PlanDecider decider{[&](const Touch& touch, const ContentFacts*, absl::Time at) {
    if (absl::Status applied = apply_until(at); !applied.ok())
      return absl::StatusOr<Decision>(applied);
    std::string touch_id;
    absl::StatusOr<Decision> decision = sink.Decide(touch, at, &touch_id);
    if (decision.ok() && decision->record) {
      for (const DemoOutcome& outcome : DemoOutcomesOf(touch)) {
        Event event;
        event.type = outcome.type;
        event.at = at + outcome.after;
        if (*event.at > now) continue;
        event.id = absl::StrCat("demo-", touch_id, "-", EventTypeName(outcome.type));
        event.touch_id = touch_id;
        event.person_id = touch.person_id;
        event.channel = touch.channel;
        pending.push(Pending{std::move(event), order++, outcome.choice});
      }
    }
    return decision;
  }};
  const absl::StatusOr<PlanSummary> summary = RunPlan(past, now, decider);
  if (!summary.ok()) return summary.status();
  if (absl::Status applied = apply_until(now); !applied.ok()) return applied;
  load.people = static_cast<int>(people_ids.size());
  load.replayed = summary->total.asked;
  load.sent = summary->total.sent;
  size_t most = 0;
  for (const std::string& id : people_ids) {
    const auto history = store.Get(id);
    if (!history.ok()) return history.status();
    const size_t touches = *history ? (*history)->touches().size() : 0;
    if (touches > most || (touches == most && touches > 0 && id < load.busiest_person)) {
      most = touches;
      load.busiest_person = id;
    }
  }
  if (load.busiest_person.empty() && !people_ids.empty()) load.busiest_person = people_ids.front();
  return load;
}

}  // namespace tact
