#include "mail/mail_gate.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "core/stable_key.h"
#include "core/utf8_prefix.h"
#include "mail/mail_message.h"

namespace tact {
namespace {

// Ids tact keeps are at most 256 bytes; longer Message-IDs are hashed.
constexpr size_t kMaxIdBytes = 200;
// Text sent to tact: the check reads at most 64 KiB of each.
constexpr size_t kMaxTextBytes = 60 * 1024;

std::string Bare(absl::string_view address) {
  absl::string_view bare = absl::StripAsciiWhitespace(address);
  absl::ConsumePrefix(&bare, "<");
  absl::ConsumeSuffix(&bare, ">");
  return std::string(bare);
}

std::string ShortId(const std::string& id) {
  if (id.size() <= kMaxIdBytes) return id;
  return absl::StrFormat("mid-%08x-%zu", StableKeyOf(id), id.size());
}

CheckFields EnvelopeFields(const MailSender& sender, const std::string& recipient) {
  CheckFields fields = {{"email", recipient},
                        {"channel", "email"},
                        {"kind", sender.kind},
                        {"sender", sender.sender},
                        {"tool", sender.tool}};
  if (!sender.team.empty()) fields.emplace_back("team", sender.team);
  if (!sender.campaign.empty()) fields.emplace_back("campaign", sender.campaign);
  return fields;
}

// What every recipient's check shares: the send's key (the Message-ID, or
// without one the sender and text, so that the same message sent again is
// still the same send), the thread, and the text.
CheckFields MessageFields(const MailSender& sender, const MailMessage& message) {
  CheckFields fields;
  fields.emplace_back(
      "key", message.message_id.empty()
                 ? absl::StrFormat("text-%08x",
                                   StableKeyOf(absl::StrCat(sender.sender, "\n", message.subject,
                                                            "\n", message.text)))
                 : ShortId(message.message_id));
  if (!message.thread.empty()) {
    fields.emplace_back("thread", ShortId(message.thread));
    fields.emplace_back("step", absl::StrCat(std::min(message.step, 255)));
  }
  fields.emplace_back("subject", std::string(Utf8Prefix(message.subject, kMaxTextBytes)));
  fields.emplace_back("body", std::string(Utf8Prefix(message.text, kMaxTextBytes)));
  return fields;
}

MailReply Refusal(const CheckReply& reply) {
  const bool defer = reply.decision == "defer";
  std::string why = reply.reason.empty() ? reply.decision : reply.reason;
  if (defer && !reply.defer_until.empty() && reply.reason.empty()) {
    why = absl::StrCat("not before ", reply.defer_until);
  }
  return MailReply{defer ? MailReply::Action::kTempfail : MailReply::Action::kReject,
                   defer ? "450" : "550", defer ? "4.7.1" : "5.7.1",
                   ReplyLine(absl::StrCat("tact: ", why, " [", reply.reason_code, "]"))};
}

// The touch ids, and for a message to one person (`unsubscribe_url` given)
// the one-click link: the person's own, and never over the sending tool's.
void AddHeaders(const std::vector<std::string>& touch_ids, const std::string& unsubscribe_url,
                bool has_list_unsubscribe, std::vector<std::pair<std::string, std::string>>& to) {
  if (!touch_ids.empty()) to.emplace_back("X-Tact-Touch-Id", absl::StrJoin(touch_ids, " "));
  if (unsubscribe_url.empty() || has_list_unsubscribe) return;
  to.emplace_back("List-Unsubscribe", absl::StrCat("<", unsubscribe_url, ">"));
  to.emplace_back("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
}

// A message tact holds: it waits in Postfix's hold queue with the touch id
// its send will be recorded under (the hold id's digits) and the person's
// one-click link, until tact releases or removes it.
MessageOutcome Held(const CheckReply& reply, bool has_list_unsubscribe) {
  MessageOutcome outcome;
  std::string why = reply.reason.empty() ? "" : absl::StrCat(": ", reply.reason);
  outcome.quarantine = ReplyLine(
      absl::StrCat("tact: held as ", reply.hold_id, " until ", reply.defer_until, why), 200);
  absl::string_view digits = reply.hold_id;
  absl::ConsumePrefix(&digits, "h_");
  AddHeaders({absl::StrCat("t_", digits)}, reply.unsubscribe_url, has_list_unsubscribe,
             outcome.headers);
  return outcome;
}

}  // namespace

std::string ReplyLine(absl::string_view text, size_t max_bytes) {
  std::string line;
  line.reserve(std::min(text.size(), max_bytes));
  for (size_t i = 0; i < text.size() && line.size() < max_bytes; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\r' || c == '\n' || c == '\t') {
      line.push_back(' ');
    } else if (c < 0x20 || c == 0x7F) {
      line.push_back('?');
    } else if (c >= 0x80) {
      // One '?' per character: skip the continuation bytes.
      line.push_back('?');
      while (i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) ++i;
    } else {
      line.push_back(static_cast<char>(c));
    }
  }
  return line;
}

MailGate::MailGate(const SenderMap& senders, CheckClient& client, MailGateOptions options)
    : senders_(senders), client_(client), options_(options) {}

std::optional<MailSender> MailGate::AtMailFrom(absl::string_view sasl_user,
                                               absl::string_view from) const {
  return senders_.Match(sasl_user, Bare(from));
}

MailReply MailGate::OnError(const absl::Status& error) const {
  if (options_.on_error == MailOnError::kAccept) return MailReply{};
  return MailReply{
      MailReply::Action::kTempfail, "451", "4.3.0",
      ReplyLine(absl::StrCat("tact: cannot decide now (", error.message(), "); try again later"))};
}

MailReply MailGate::AtRecipient(const MailSender& sender, absl::string_view recipient) {
  CheckFields fields = EnvelopeFields(sender, Bare(recipient));
  fields.emplace_back("dry_run", "true");
  absl::StatusOr<CheckReply> reply = client_.Check(fields);
  if (!reply.ok()) return OnError(reply.status());
  if (reply->decision == "send") return MailReply{};
  // A sender whose defers are held: the recipient is taken, and the message
  // decided (and held) at its end, on its text.
  if (reply->decision == "defer" && sender.on_defer == OnDefer::kHold) return MailReply{};
  return Refusal(*reply);
}

MessageOutcome MailGate::AtEndOfMessage(const MailSender& sender,
                                        const std::vector<std::string>& recipients,
                                        absl::string_view message, absl::string_view queue_id) {
  MessageOutcome outcome;
  absl::StatusOr<MailMessage> read = ReadMailMessage(message);
  if (!read.ok()) {
    outcome.reply = MailReply{MailReply::Action::kReject, "550", "5.6.0",
                              ReplyLine(absl::StrCat("tact: ", read.status().message()))};
    return outcome;
  }
  CheckFields shared = MessageFields(sender, *read);
  // Postfix holds a message, not a recipient: only a message to one person
  // is held; a defer in a message to several is a 450 for all of them.
  if (sender.on_defer == OnDefer::kHold && recipients.size() == 1 && !queue_id.empty()) {
    shared.emplace_back("on_limit", "hold");
    shared.emplace_back("hold_ref", std::string(queue_id));
  }
  std::vector<std::string> touch_ids;
  std::string unsubscribe_url;
  std::optional<MailReply> first_refusal;
  for (const std::string& recipient : recipients) {
    CheckFields fields = EnvelopeFields(sender, Bare(recipient));
    fields.insert(fields.end(), shared.begin(), shared.end());
    absl::StatusOr<CheckReply> reply = client_.Check(fields);
    if (!reply.ok()) {
      outcome.reply = OnError(reply.status());
      if (outcome.reply.action != MailReply::Action::kContinue) return outcome;
      continue;  // accepted unasked
    }
    if (reply->decision == "send") {
      if (!reply->touch_id.empty()) touch_ids.push_back(reply->touch_id);
      unsubscribe_url = reply->unsubscribe_url;
      continue;
    }
    if (reply->decision == "defer" && !reply->hold_id.empty()) {
      return Held(*reply, read->has_list_unsubscribe);
    }
    const MailReply refusal = Refusal(*reply);
    if (refusal.action == MailReply::Action::kTempfail) {
      // A 450 is for the whole message: every recipient is asked again when
      // it comes back, and the sends recorded now are the same sends then.
      return MessageOutcome{refusal};
    }
    if (!first_refusal) first_refusal = refusal;
    outcome.remove.push_back(recipient);
  }
  if (first_refusal && outcome.remove.size() == recipients.size()) {
    return MessageOutcome{*first_refusal};
  }
  AddHeaders(touch_ids, recipients.size() - outcome.remove.size() == 1 ? unsubscribe_url : "",
             read->has_list_unsubscribe, outcome.headers);
  return outcome;
}

}  // namespace tact
