// What tact reads from a mail message at the end of its data: the subject,
// the text of its body (tact's content analysis keeps only the new text, not
// the message it replies to), and where it stands in its thread. Parsed with GMime, so
// MIME parts, transfer encodings, charsets and RFC 2047 subjects are read
// as a mail client would.
//
// Thread safety: ReadMailMessage may be called from any thread.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tact {

struct MailMessage {
  std::string subject;     // decoded, UTF-8
  std::string text;        // the first text/plain part that is not an attachment, decoded
  std::string message_id;  // without angle brackets; "" when the message has none
  // The thread: the first message it refers to (References, else
  // In-Reply-To), or its own Message-ID when it starts one.
  std::string thread;
  int step = 1;  // 1 + the messages it refers to
  bool has_list_unsubscribe = false;
};

// Errors: InvalidArgument when `raw` is not a message GMime can read.
absl::StatusOr<MailMessage> ReadMailMessage(absl::string_view raw);

}  // namespace tact
