#include <cstdlib>
#include <ostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "cli/commands.h"
#include "cli/serve_settings.h"
#include "files/read_file.h"
#include "mail/check_client.h"
#include "mail/mail_gate.h"
#include "mail/milter.h"
#include "mail/release_listener.h"
#include "mail/sender_map.h"

namespace tact {
namespace {

// The listener's options from --release-listen HOST:PORT and the secret's
// file (or TACT_RELEASE_SECRET); errors name the option.
absl::StatusOr<ReleaseListenerOptions> ReleaseOptions(const MilterCommandOptions& options) {
  const std::optional<ListenAddress> address = ParseListen(options.release_listen);
  if (!address) {
    return absl::InvalidArgumentError("--release-listen: expected HOST:PORT, e.g. 127.0.0.1:8026");
  }
  ReleaseListenerOptions release{.host = address->host, .port = address->port};
  if (!options.release_secret_file.empty()) {
    std::optional<std::string> secret = ReadWholeFile(options.release_secret_file);
    if (!secret) {
      return absl::InvalidArgumentError(
          absl::StrCat("--release-secret-file: cannot read ", options.release_secret_file));
    }
    release.secret = std::string(absl::StripAsciiWhitespace(*secret));
  } else if (const char* secret = std::getenv("TACT_RELEASE_SECRET")) {
    release.secret = secret;
  }
  if (release.secret.size() < 16) {
    return absl::InvalidArgumentError(
        "--release-secret-file: the mail tool's callback secret (at least 16 characters; or "
        "TACT_RELEASE_SECRET) is required with --release-listen");
  }
  return release;
}

}  // namespace

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
  const PostfixQueue queue({options.postfix_config});
  std::unique_ptr<ReleaseListener> listener;
  if (!options.release_listen.empty()) {
    absl::StatusOr<ReleaseListenerOptions> release = ReleaseOptions(options);
    absl::StatusOr<std::unique_ptr<ReleaseListener>> started =
        release.ok() ? ReleaseListener::Start(*std::move(release), queue) : release.status();
    if (!started.ok()) {
      err << started.status().message() << "\n";
      return kExitUsage;
    }
    listener = *std::move(started);
    out << "tact milter: held mail released on port " << listener->port() << "\n";
  }
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
