#include "store/local_mirror.h"

#include "store/mirror_day_codec.h"

namespace tact {

absl::Status LocalMirror::Load(Day today) {
  if (!journal_) return absl::OkStatus();
  const Day oldest = today - kMirrorDaysKept;
  return journal_->LoadMirrorDays([&](absl::string_view bytes) -> absl::Status {
    auto day = DecodeMirrorDay(bytes);
    if (!day.ok()) return day.status();
    if (day->day >= oldest)
      mirror_.RestoreDay(day->day, std::move(day->cells), day->became_dormant);
    return absl::OkStatus();
  });
}

void LocalMirror::Flush(Day today) {
  mirror_.ForgetBefore(today - kMirrorDaysKept);
  mirror_.Trim();
  // While the journal takes no writes the changed days stay marked, to be
  // saved once it does (a restart then loses at most what changed since the
  // last save, as after a crash).
  if (journal_ && !journal_->Health().ok()) return;
  const std::vector<Day> days = mirror_.TakeChangedDays();
  if (!journal_) return;
  for (auto& [day, cells] : mirror_.CellsOf(days)) {
    journal_->WriteMirrorDay(
        MirrorDayKey(day), EncodeMirrorDay({day, std::move(cells), mirror_.BecameDormantOn(day)}));
  }
}

}  // namespace tact
