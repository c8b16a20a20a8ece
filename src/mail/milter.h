// The milter: Postfix (or Sendmail) asks it at each step of every SMTP
// transaction, over the milter protocol (libmilter), and it answers what the
// mail gate (mail/mail_gate.h) decided. It only decodes, calls and encodes.
//
// libmilter keeps one listener per process and handles SIGTERM, SIGINT and
// SIGHUP itself (each stops it): run it in its own process (`tact milter`).
#pragma once

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "mail/mail_gate.h"

namespace tact {

struct MilterOptions {
  std::string socket;  // libmilter's: inet:PORT@HOST, inet6:PORT@HOST or unix:/path
  // Of each message, the header and body bytes read for its text; the rest
  // passes through unread.
  size_t max_message_bytes = 256 * 1024;
};

// Serves until a signal stops it. Errors: FailedPrecondition when the socket
// cannot be opened (in use, no permission, malformed).
absl::Status RunMilter(const MilterOptions& options, MailGate& gate);

}  // namespace tact
