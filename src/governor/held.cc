// Governor: touches held for tools that cannot ask again (on_limit =
// "hold"), decided again when due, and their callbacks' fate.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "governor/governor.h"

namespace tact {
namespace {

absl::Status NoHeldTouches() {
  return absl::FailedPreconditionError(
      "this tact's state cannot hold touches (on_limit = \"hold\" needs the embedded or memory "
      "state)");
}

absl::Status NotFound(uint64_t id) {
  return absl::NotFoundError(absl::StrCat("no held touch ", HeldIdText(id)));
}

// FailedPrecondition: `held` is in a state that does not allow the change.
absl::Status NotIn(const HeldTouch& held, absl::string_view what) {
  return absl::FailedPreconditionError(
      absl::StrCat(HeldIdText(held.id), " is ", HeldStateName(held.state), ": ", what));
}

// How long a held touch whose decision failed (the state unavailable) waits.
constexpr absl::Duration kRetryAfterFailure = absl::Minutes(1);

}  // namespace

void Governor::Hold(const Policy& policy, const Touch& touch, absl::Time now,
                    DecideResult& result) {
  if (touch.on_limit != OnLimit::kHold || touch.dry_run || state_.held == nullptr ||
      result.decision.outcome != Outcome::kDefer) {
    return;
  }
  HeldTouch held;
  held.id = result.touch_id;  // reserved for this touch's send, unused by its defer
  held.touch = touch;
  const absl::Time asked = touch.at.value_or(now);
  held.touch.at = asked;
  held.touch.first_asked = std::min(touch.first_asked.value_or(asked), asked);
  held.held_at = now;
  held.due = result.decision.not_before;
  held.expires =
      touch.expires.value_or(*held.touch.first_asked + policy.RulesFor(touch.kind).max_delay);
  held.changed_at = now;
  std::lock_guard<std::mutex> lock(held_mutex_);
  if (absl::Status put = state_.held->Put(held); !put.ok()) {
    observer_.OnStateFailure("hold", put);
    return;
  }
  result.held_id = held.id;
  // A held touch goes out as a send if it goes at all: the tool may put the
  // person's one-click link in it now (the milter adds it to the held mail).
  result.unsubscribe_url = UnsubscribeUrl(touch);
}

absl::Status Governor::Release(const Policy& policy, HeldTouch& held, absl::Time now) {
  const auto decided = [&](Outcome outcome, absl::string_view rule) {
    held.state = HeldState::kCalling;
    held.outcome = outcome;
    held.rule = std::string(rule);
    held.decided_at = now;
    held.due = now;
  };
  held.changed_at = now;
  // A send recorded under its id before a crash is not recorded again.
  absl::StatusOr<std::optional<LedgerEntry>> recorded = state_.ledger.Find(held.id);
  if (!recorded.ok()) return recorded.status();
  if (recorded->has_value()) {
    decided(Outcome::kSend, "");
  } else if (now > held.expires) {
    decided(Outcome::kSuppress, "expires");
  } else {
    Touch touch = held.touch;
    touch.at.reset();
    touch.on_limit = OnLimit::kDefer;
    absl::StatusOr<DecideResult> result = absl::InternalError("not decided");
    DecideTogether(
        policy, absl::MakeConstSpan(&touch, 1), now, absl::MakeSpan(&result, 1),
        [](const Touch&) -> const ContentFacts* { return nullptr; },
        absl::MakeConstSpan(&held.id, 1));
    if (!result.ok()) {
      held.due = now + kRetryAfterFailure;
    } else if (result->decision.outcome == Outcome::kDefer) {
      held.due = std::max(result->decision.not_before, now);
    } else {
      const Reasons& reasons = result->decision.reasons;
      decided(result->decision.outcome,
              result->decision.outcome == Outcome::kSend || reasons.empty() ? absl::string_view()
                                                                            : reasons.front().rule);
    }
  }
  return state_.held->Put(held);
}

absl::StatusOr<std::vector<HeldTouch>> Governor::ReleaseDue(absl::Time now, size_t limit) {
  if (state_.held == nullptr) return NoHeldTouches();
  absl::StatusOr<std::vector<HeldTouch>> due = state_.held->Due(now, limit);
  if (!due.ok()) return due.status();
  const std::shared_ptr<const Policy> policy = this->policy();
  std::vector<HeldTouch> calling;
  for (HeldTouch& held : *due) {
    std::lock_guard<std::mutex> lock(held_mutex_);
    // As it is now: it may have been cancelled since.
    absl::StatusOr<std::optional<HeldTouch>> current = state_.held->Find(held.id);
    if (!current.ok()) return current.status();
    if (!current->has_value() || !IsActive((*current)->state) || (*current)->due > now) continue;
    held = **std::move(current);
    if (held.state == HeldState::kHeld) {
      if (absl::Status released = Release(*policy, held, now); !released.ok()) return released;
    }
    if (held.state == HeldState::kCalling && held.due <= now) calling.push_back(held);
  }
  return calling;
}

absl::StatusOr<HeldTouch> Governor::ChangeHeld(uint64_t id,
                                               absl::FunctionRef<absl::Status(HeldTouch&)> change) {
  if (state_.held == nullptr) return NoHeldTouches();
  std::lock_guard<std::mutex> lock(held_mutex_);
  absl::StatusOr<std::optional<HeldTouch>> found = state_.held->Find(id);
  if (!found.ok()) return found.status();
  if (!found->has_value()) return NotFound(id);
  HeldTouch held = **std::move(found);
  if (absl::Status changed = change(held); !changed.ok()) return changed;
  if (absl::Status put = state_.held->Put(held); !put.ok()) return put;
  return held;
}

absl::StatusOr<HeldTouch> Governor::CallbackTried(uint64_t id, const absl::Status& delivered,
                                                  absl::Time now, const CallbackRetries& retries) {
  return ChangeHeld(id, [&](HeldTouch& held) {
    if (held.state != HeldState::kCalling) return NotIn(held, "not calling");
    ++held.attempts;
    held.changed_at = now;
    if (delivered.ok()) {
      held.state = HeldState::kDelivered;
      held.last_error.clear();
    } else {
      held.last_error = std::string(delivered.message());
      if (held.attempts >= retries.max_attempts) {
        held.state = HeldState::kDead;
      } else {
        absl::Duration wait = retries.first_retry;
        for (int i = 1; i < held.attempts && wait < retries.max_retry; ++i) wait *= 2;
        held.due = now + std::min(wait, retries.max_retry);
      }
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<HeldTouch> Governor::CancelHeld(uint64_t id, absl::Time now) {
  return ChangeHeld(id, [&](HeldTouch& held) {
    if (held.state != HeldState::kHeld) return NotIn(held, "only a held touch can be cancelled");
    held.state = HeldState::kCancelled;
    held.changed_at = now;
    return absl::OkStatus();
  });
}

absl::StatusOr<HeldTouch> Governor::RetryHeld(uint64_t id, absl::Time now) {
  return ChangeHeld(id, [&](HeldTouch& held) {
    if (held.state != HeldState::kDead) return NotIn(held, "only a dead callback is retried");
    held.state = HeldState::kCalling;
    held.attempts = 0;
    held.due = now;
    held.changed_at = now;
    return absl::OkStatus();
  });
}

absl::StatusOr<std::optional<HeldTouch>> Governor::FindHeld(uint64_t id) const {
  if (state_.held == nullptr) return NoHeldTouches();
  return state_.held->Find(id);
}

absl::StatusOr<std::vector<HeldTouch>> Governor::ListHeld(const HeldQuery& query) const {
  if (state_.held == nullptr) return NoHeldTouches();
  return state_.held->List(query);
}

HeldCounts Governor::CountHeld() const {
  return state_.held == nullptr ? HeldCounts{} : state_.held->Counts();
}

absl::StatusOr<size_t> Governor::ForgetHeld(absl::Time before) {
  if (state_.held == nullptr) return NoHeldTouches();
  std::lock_guard<std::mutex> lock(held_mutex_);
  return state_.held->Forget(before);
}

}  // namespace tact
