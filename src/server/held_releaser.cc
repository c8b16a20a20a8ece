#include "server/held_releaser.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/callback_sender.h"

namespace tact {

HeldReleaser::HeldReleaser(Governor& governor, const CallbackConfig& callbacks, Metrics& metrics,
                           Logs& logs, HeldReleaserOptions options)
    : governor_(governor),
      callbacks_(callbacks),
      metrics_(metrics),
      logs_(logs),
      options_(options),
      thread_([this] { Loop(); }) {}

HeldReleaser::~HeldReleaser() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void HeldReleaser::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    RunOnce();
    lock.lock();
    wake_.wait_for(lock, absl::ToChronoMilliseconds(options_.interval),
                   [this]() ABSL_NO_THREAD_SAFETY_ANALYSIS { return stopping_; });
  }
}

size_t HeldReleaser::RunOnce() {
  thread_local CallbackSender sender;
  const absl::Time now = governor_.Now();
  if (now - last_forget_ > absl::Hours(1)) {
    last_forget_ = now;
    if (auto forgotten = governor_.ForgetHeld(now - options_.retention); !forgotten.ok()) {
      logs_.Warn("held touches: cannot forget finished ones",
                 {{"error", absl::string_view(forgotten.status().message())}});
    }
  }
  absl::StatusOr<std::vector<HeldTouch>> calling = governor_.ReleaseDue(now, options_.batch);
  if (!calling.ok()) {
    logs_.Warn("held touches: cannot decide the due ones",
               {{"error", absl::string_view(calling.status().message())}});
    return 0;
  }
  size_t tried = 0;
  for (const HeldTouch& held : *calling) {
    const std::string id = HeldIdText(held.id);
    const ToolCallback* tool = callbacks_.Find(held.touch.tool);
    absl::Status delivered;
    absl::string_view result = "delivered";
    if (tool == nullptr) {
      delivered = absl::FailedPreconditionError(
          absl::StrCat("no callback for tool '", held.touch.tool, "' in --callbacks"));
    } else if ((held.outcome == Outcome::kSend && !tool->on_send) ||
               (held.outcome == Outcome::kSuppress && !tool->on_suppress)) {
      result = "skipped";  // the tool is not called about this outcome
    } else {
      ++tried;
      // The person's email and phone, for tools that name people by them.
      absl::StatusOr<std::shared_ptr<const Person>> person =
          governor_.profiles().FindPerson(held.touch.person_id);
      // Signed at the wall clock's time, not the decisions' (a test clock):
      // receivers check a signature's age against their own clock.
      delivered = sender.Send(*tool, held, person.ok() ? person->get() : nullptr, absl::Now());
    }
    absl::StatusOr<HeldTouch> after =
        governor_.CallbackTried(held.id, delivered, governor_.Now(), callbacks_.retries);
    if (!delivered.ok()) {
      result = after.ok() && after->state == HeldState::kDead ? "dead" : "failed";
      logs_.Warn("held touch: callback failed",
                 {{"held", absl::string_view(id)},
                  {"tool", absl::string_view(held.touch.tool)},
                  {"attempt", int64_t{held.attempts + 1}},
                  {"result", result},
                  {"error", absl::string_view(delivered.message())}});
    }
    if (!after.ok()) {
      logs_.Warn("held touch: cannot keep the callback's result",
                 {{"held", absl::string_view(id)},
                  {"error", absl::string_view(after.status().message())}});
    }
    metrics_.CountCallback(held.touch.tool, result);
  }
  return tried;
}

}  // namespace tact
