#include "mail/milter.h"

#include <dirent.h>
#include <libmilter/mfapi.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace tact {
namespace {

// libmilter's callbacks are plain functions: the gate and the limits they
// use are the process's one milter's.
MailGate* g_gate = nullptr;
size_t g_max_message_bytes = 0;

// One SMTP connection: the transaction under way.
struct Session {
  std::optional<MailSender> sender;  // nullopt: this message passes unasked
  std::vector<std::string> recipients;
  std::string message;  // header and body, up to g_max_message_bytes

  void Reset() {
    sender.reset();
    recipients.clear();
    message.clear();
  }
  void Append(absl::string_view bytes) {
    const size_t room = g_max_message_bytes - std::min(g_max_message_bytes, message.size());
    message.append(bytes.data(), std::min(room, bytes.size()));
  }
};

Session* SessionOf(SMFICTX* context) { return static_cast<Session*>(smfi_getpriv(context)); }

// Tells the MTA `reply`'s code and text; the answer to return.
sfsistat Answer(SMFICTX* context, const MailReply& reply) {
  if (reply.action == MailReply::Action::kContinue) return SMFIS_CONTINUE;
  // libmilter formats the text: a '%' must be doubled.
  std::string code = reply.code, status = reply.status;
  std::string text = absl::StrReplaceAll(reply.text, {{"%", "%%"}});
  smfi_setreply(context, code.data(), status.data(), text.data());
  return reply.action == MailReply::Action::kTempfail ? SMFIS_TEMPFAIL : SMFIS_REJECT;
}

sfsistat OnConnect(SMFICTX* context, char*, _SOCK_ADDR*) {
  smfi_setpriv(context, new Session);
  return SMFIS_CONTINUE;
}

sfsistat OnMailFrom(SMFICTX* context, char** argv) {
  Session* session = SessionOf(context);
  if (session == nullptr) return SMFIS_TEMPFAIL;
  session->Reset();
  const char* user = smfi_getsymval(context, const_cast<char*>("{auth_authen}"));
  session->sender = g_gate->AtMailFrom(user == nullptr ? "" : user, argv[0]);
  // Mail no entry of the senders file matches goes on without tact.
  return session->sender ? SMFIS_CONTINUE : SMFIS_ACCEPT;
}

sfsistat OnRecipient(SMFICTX* context, char** argv) {
  Session* session = SessionOf(context);
  if (session == nullptr || !session->sender) return SMFIS_CONTINUE;
  const MailReply reply = g_gate->AtRecipient(*session->sender, argv[0]);
  if (reply.action == MailReply::Action::kContinue) session->recipients.emplace_back(argv[0]);
  return Answer(context, reply);
}

// Asking for DATA makes Postfix wait for an answer to its DATA-stage
// macros; without one they sit unacknowledged and Postfix's next write (the
// first header) waits for the milter's delayed ACK, about 40 ms.
sfsistat OnData(SMFICTX*) { return SMFIS_CONTINUE; }

sfsistat OnHeader(SMFICTX* context, char* name, char* value) {
  Session* session = SessionOf(context);
  if (session != nullptr) session->Append(absl::StrCat(name, ": ", value, "\r\n"));
  return SMFIS_CONTINUE;
}

sfsistat OnEndOfHeaders(SMFICTX* context) {
  Session* session = SessionOf(context);
  if (session != nullptr) session->Append("\r\n");
  return SMFIS_CONTINUE;
}

sfsistat OnBody(SMFICTX* context, unsigned char* chunk, size_t size) {
  Session* session = SessionOf(context);
  if (session != nullptr) {
    session->Append(absl::string_view(reinterpret_cast<const char*>(chunk), size));
  }
  return SMFIS_CONTINUE;
}

sfsistat OnEndOfMessage(SMFICTX* context) {
  Session* session = SessionOf(context);
  if (session == nullptr || !session->sender || session->recipients.empty()) {
    return SMFIS_CONTINUE;
  }
  // Postfix sends its queue id ("i") with the end of data by default.
  const char* queue_id = smfi_getsymval(context, const_cast<char*>("i"));
  const MessageOutcome outcome = g_gate->AtEndOfMessage(
      *session->sender, session->recipients, session->message, queue_id == nullptr ? "" : queue_id);
  session->Reset();
  if (outcome.reply.action != MailReply::Action::kContinue) return Answer(context, outcome.reply);
  for (const std::string& recipient : outcome.remove) {
    std::string writable = recipient;
    smfi_delrcpt(context, writable.data());
  }
  for (const auto& [name, value] : outcome.headers) {
    std::string writable_name = name, writable_value = value;
    smfi_addheader(context, writable_name.data(), writable_value.data());
  }
  if (!outcome.quarantine.empty()) {
    std::string reason = outcome.quarantine;
    smfi_quarantine(context, reason.data());
  }
  return SMFIS_CONTINUE;
}

sfsistat OnAbort(SMFICTX* context) {
  if (Session* session = SessionOf(context)) session->Reset();
  return SMFIS_CONTINUE;
}

sfsistat OnClose(SMFICTX* context) {
  delete SessionOf(context);
  smfi_setpriv(context, nullptr);
  return SMFIS_CONTINUE;
}

// Turns Nagle's algorithm off on this process's listening TCP sockets (the
// milter's: `tact milter` has no other), and so on the connections accepted
// from them. libmilter writes each change at the end of a message (a header
// added, a recipient removed) as its own small packet: with Nagle, each
// after the first waits for Postfix's delayed ACK, about 40 ms a message.
// libmilter offers no hook to its sockets, hence the search.
void NoDelayOnListeningSockets() {
  DIR* fds = opendir("/proc/self/fd");
  if (fds == nullptr) return;
  while (const dirent* entry = readdir(fds)) {
    const int fd = atoi(entry->d_name);
    if (fd <= 2 || fd == dirfd(fds)) continue;
    int listening = 0;
    socklen_t size = sizeof(listening);
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) != 0 || !listening) continue;
    sockaddr_storage address{};
    socklen_t address_size = sizeof(address);
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &address_size) != 0) continue;
    if (address.ss_family != AF_INET && address.ss_family != AF_INET6) continue;
    const int on = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
  }
  closedir(fds);
}

}  // namespace

absl::Status RunMilter(const MilterOptions& options, MailGate& gate) {
  g_gate = &gate;
  g_max_message_bytes = options.max_message_bytes;
  static char name[] = "tact";
  smfiDesc description{};
  description.xxfi_name = name;
  description.xxfi_version = SMFI_VERSION;
  description.xxfi_flags = SMFIF_ADDHDRS | SMFIF_DELRCPT | SMFIF_QUARANTINE;
  description.xxfi_connect = OnConnect;
  description.xxfi_envfrom = OnMailFrom;
  description.xxfi_envrcpt = OnRecipient;
  description.xxfi_data = OnData;
  description.xxfi_header = OnHeader;
  description.xxfi_eoh = OnEndOfHeaders;
  description.xxfi_body = OnBody;
  description.xxfi_eom = OnEndOfMessage;
  description.xxfi_abort = OnAbort;
  description.xxfi_close = OnClose;
  std::string socket = options.socket;
  if (smfi_setconn(socket.data()) != MI_SUCCESS) {
    return absl::FailedPreconditionError(absl::StrCat("--listen: '", options.socket,
                                                      "' is not a milter socket (inet:PORT@HOST, "
                                                      "inet6:PORT@HOST or unix:/path)"));
  }
  if (smfi_register(description) != MI_SUCCESS) {
    return absl::FailedPreconditionError("libmilter refused to register the milter");
  }
  if (smfi_opensocket(true) != MI_SUCCESS) {
    return absl::FailedPreconditionError(
        absl::StrCat("--listen: cannot listen on ", options.socket, " (in use, or not allowed?)"));
  }
  NoDelayOnListeningSockets();
  if (smfi_main() != MI_SUCCESS) {
    return absl::FailedPreconditionError("the milter stopped on an error (see syslog)");
  }
  return absl::OkStatus();
}

}  // namespace tact
