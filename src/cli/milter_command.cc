#include <cstdlib>
#include <ostream>

#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "mail/check_client.h"
#include "mail/mail_gate.h"
#include "mail/milter.h"
#include "mail/sender_map.h"

namespace tact {

int RunMilterCommand(const MilterCommandOptions& options, std::ostream& out, std::ostream& err) {
  absl::StatusOr<SenderMap> senders = SenderMap::LoadFile(options.senders_path);
  if (!senders.ok()) {
    err << "--senders: " << senders.status().message() << "\n";
    return kExitBadInput;
  }
  std::string token = options.token;
  if (token.empty() && std::getenv("TACT_TOKEN") != nullptr) token = std::getenv("TACT_TOKEN");
  absl::StatusOr<std::unique_ptr<CheckClient>> client =
      CheckClient::Create({options.tact_url, token, absl::Milliseconds(options.timeout_ms)});
  if (!client.ok()) {
    err << client.status().message() << "\n";
    return kExitUsage;
  }
  MailGate gate(*senders, **client,
                {options.on_error == "accept" ? MailOnError::kAccept : MailOnError::kTempfail});
  out << "tact milter: listening on " << options.listen << ", asking " << options.tact_url
      << " (senders: " << senders->size() << " entries; on error: " << options.on_error << ")\n"
      << std::flush;
  const absl::Status served =
      RunMilter({options.listen, static_cast<size_t>(options.max_message_kib) * 1024}, gate);
  if (!served.ok()) {
    err << served.message() << "\n";
    return kExitUsage;
  }
  out << "tact milter: stopped\n";
  return kExitOk;
}

}  // namespace tact
