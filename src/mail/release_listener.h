// `tact milter --release-listen HOST:PORT`: the HTTP endpoint tact's
// releaser calls back about held mail (mail/held_mail.h). Only decodes,
// calls AnswerHeldMailCallback and encodes.
//
//   POST <any path>   X-Tact-Signature, body: tact's JSON of a held touch
//
// Limits: bodies up to 64 KiB (413 beyond), 10 s to send a request, 16
// connections at once (more are closed unanswered); every connection
// closes after its answer. Nothing is done for a request without a valid
// signature.
//
// Thread safety: its own thread serves; Start and the destructor from one.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "mail/postfix_queue.h"

namespace tact {

struct ReleaseListenerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;   // 0: any free port
  std::string secret;  // the tool's callback secret in tact serve --callbacks
};

class ReleaseListener {
 public:
  // Listens and serves on a thread of its own. `queue` must outlive it.
  // Errors: InvalidArgument (a bad host), FailedPrecondition (cannot listen).
  static absl::StatusOr<std::unique_ptr<ReleaseListener>> Start(ReleaseListenerOptions options,
                                                                const PostfixQueue& queue);
  ~ReleaseListener();  // stops serving

  uint16_t port() const;

 private:
  struct Impl;
  explicit ReleaseListener(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tact
