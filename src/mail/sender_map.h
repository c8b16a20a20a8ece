// Who sends through the mail server, and what their mail is to tact: the
// senders file of `tact milter`. Each entry matches mail by the SASL user
// that submitted it, the envelope sender's address, or its domain, and says
// which sender, team, tool and kind of touch it is and what a defer does.
//
//   [[sender]]
//   sasl_user = "ana"            # or address = "ana@acme.example",
//                                # or domain = "acme.example" (one of them)
//   sender = "ana"               # default: the SASL user, else the address
//   team = "sales-emea"
//   tool = "mailbox"             # default "mail"
//   kind = "cold"                # default "relationship"
//   campaign = "q3-outbound"     # optional
//   on_defer = "tempfail"        # what a defer does: "tempfail" (450, the
//                                # sending machine retries) or "hold" (the
//                                # message waits in Postfix's hold queue
//                                # until tact releases it)
//
//   [unlisted]                   # mail no entry matches
//   action = "pass"              # "pass": relayed without asking (default);
//                                # "ask": asked about with the fields below
//   team = "…", tool = "…", kind = "…", on_defer = "…"
//
// A SASL user's entry wins over an address's, an address's over a domain's.
//
// Thread safety: immutable once loaded.
#pragma once

#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tact {

// What tact answers the mail server when a touch is deferred.
enum class OnDefer : uint8_t {
  kTempfail,  // 450: the sending machine retries later
  kHold,      // accepted into Postfix's hold queue; tact releases or removes it
};

// The touch fields mail from one sender is asked about with.
struct MailSender {
  std::string sender;  // "" when the entry names none: the SASL user, else the address
  std::string team;
  std::string tool = "mail";
  std::string kind = "relationship";
  std::string campaign;
  OnDefer on_defer = OnDefer::kTempfail;
};

class SenderMap {
 public:
  // Errors: InvalidArgument "FILE:LINE: KEY: problem" (TOML syntax, an
  // unknown key, a bad kind or on_defer, an entry matching nothing or by
  // two things, two entries for the same user, address or domain).
  static absl::StatusOr<SenderMap> LoadFile(const std::string& path);
  static absl::StatusOr<SenderMap> Parse(absl::string_view text, absl::string_view origin);

  // The fields to ask with for mail submitted by `sasl_user` ("" when not
  // authenticated) from envelope sender `from`, with `sender` filled in;
  // nullopt when the mail passes unasked.
  std::optional<MailSender> Match(absl::string_view sasl_user, absl::string_view from) const;

  size_t size() const { return by_user_.size() + by_address_.size() + by_domain_.size(); }

 private:
  absl::flat_hash_map<std::string, MailSender> by_user_, by_address_, by_domain_;
  std::optional<MailSender> unlisted_;  // set when unlisted mail is asked about
};

}  // namespace tact
