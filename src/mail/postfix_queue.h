// Postfix's queue, through Postfix's own commands (postsuper, postkick):
// what the milter does with a message tact held once tact calls back about
// it. The commands need the rights Postfix gives them (postsuper: root).
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tact {

struct PostfixQueueOptions {
  std::string config_directory;  // postsuper -c; "" for Postfix's default
  std::string postsuper = "postsuper";
  std::string postkick = "postkick";
};

// Whether `text` can be a Postfix queue id (short: hex; long: letters and
// digits; 6 to 32 of them), and so is safe to pass to its commands: never
// an option or a word such as "ALL".
bool IsPostfixQueueId(absl::string_view text);

class PostfixQueue {
 public:
  explicit PostfixQueue(PostfixQueueOptions options) : options_(std::move(options)) {}

  // Requeues message `queue_id` from the hold queue (postsuper -r): it is
  // delivered now, under a new queue id, its queue life starting again. How
  // many messages left the hold queue: 0 when it was not there (released
  // before, or deleted). Errors:
  // InvalidArgument (not a queue id), Internal (a command failed: what it
  // said).
  absl::StatusOr<int> Release(absl::string_view queue_id) const;

  // Deletes message `queue_id` from the hold queue (never from another). How
  // many messages were deleted; errors as Release's.
  absl::StatusOr<int> Remove(absl::string_view queue_id) const;

 private:
  // postsuper `option` queue_id hold; the count it reports after `reported`.
  absl::StatusOr<int> OnHeld(absl::string_view option, absl::string_view queue_id,
                             absl::string_view reported) const;

  const PostfixQueueOptions options_;
};

}  // namespace tact
