// The mail server as tact's gate: what to answer at each step of one SMTP
// transaction, from tact's decisions. The milter (mail/milter.h) only
// carries these answers to and from Postfix.
//
//   MAIL FROM  the sender file says who sends and what the mail is (or that
//              it passes unasked)
//   RCPT TO    per recipient, a dry run on the envelope (consent, budgets,
//              gaps, quiet hours, health, ICP): suppress → 550 with tact's
//              sentence, defer → 450 (the sending machine retries later)
//   end of     per accepted recipient, the decision on the real text
//   data       (repeat, bump, mass template, language), recorded: the key is
//              the Message-ID, so a message sent again after a 450 is the
//              same send. Suppressed recipients are removed; if none is
//              left, 550. Any defer → 450 for the message. Otherwise the
//              touch ids and, for one recipient, List-Unsubscribe are added.
//
// A sender whose on_defer is "hold": a defer at RCPT TO takes the recipient,
// and a message to one person that is deferred at its end is held by tact
// (on_limit = "hold", hold_ref = Postfix's queue id) and quarantined in
// Postfix's hold queue; tact calls `tact milter --release-listen` back when
// it may go (released) or may not (removed). A message to several people is
// refused with 450 on a defer, as for "tempfail".
//
// When tact cannot be asked (unreachable, too slow, an error), the answer is
// the configured on_error: 451 (tempfail, the default) or accepting unasked.
//
// Thread safety: every method may be called from any thread; a transaction's
// own state belongs to the caller.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "mail/check_client.h"
#include "mail/sender_map.h"

namespace tact {

// An SMTP reply: what the milter tells Postfix.
struct MailReply {
  enum class Action : uint8_t { kContinue, kTempfail, kReject };
  Action action = Action::kContinue;
  std::string code;    // "450", "550"
  std::string status;  // enhanced status code: "4.7.1"
  std::string text;    // one line, ASCII, starting "tact: "
};

enum class MailOnError : uint8_t { kTempfail, kAccept };

struct MailGateOptions {
  MailOnError on_error = MailOnError::kTempfail;
};

// What to do with a message at the end of its data.
struct MessageOutcome {
  MailReply reply;
  std::vector<std::string> remove;                           // recipients, as given at RCPT
  std::vector<std::pair<std::string, std::string>> headers;  // to add
  // Set when tact holds the message: quarantine it (Postfix's hold queue)
  // with this reason.
  std::string quarantine;
};

class MailGate {
 public:
  // `senders` and `client` must outlive the gate.
  MailGate(const SenderMap& senders, CheckClient& client, MailGateOptions options);

  // The fields mail from this sender is asked about with; nullopt: it
  // passes unasked.
  std::optional<MailSender> AtMailFrom(absl::string_view sasl_user, absl::string_view from) const;

  // The answer to RCPT TO:<recipient> (angle brackets optional).
  MailReply AtRecipient(const MailSender& sender, absl::string_view recipient);

  // The outcome for a message accepted for `recipients` (as given at RCPT)
  // whose header and body are `message` (at most its first bytes);
  // `queue_id` is Postfix's ("" when unknown: the message is not held).
  MessageOutcome AtEndOfMessage(const MailSender& sender,
                                const std::vector<std::string>& recipients,
                                absl::string_view message, absl::string_view queue_id = "");

 private:
  MailReply OnError(const absl::Status& error) const;

  const SenderMap& senders_;
  CheckClient& client_;
  const MailGateOptions options_;
};

// `text` as one ASCII line for an SMTP reply: line breaks become spaces,
// other control and non-ASCII characters '?', at most `max_bytes` long.
std::string ReplyLine(absl::string_view text, size_t max_bytes = 400);

}  // namespace tact
