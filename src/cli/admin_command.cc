#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <filesystem>
#include <ostream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cli/commands.h"
#include "codec/json_writer.h"
#include "store/data_dir.h"
#include "store/journal.h"

namespace tact {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;

void PrintContents(std::ostream& out, const JournalContents& contents) {
  out << absl::StrFormat(
      "  people %d, accounts %d, histories %d (touches %d), event ids remembered %d, sent "
      "touches in the ledger %d\n",
      contents.people, contents.accounts, contents.histories, contents.touches, contents.events,
      contents.sent_touches);
}

// Verifies `dir` read-only; prints what it holds.
absl::Status VerifyDir(const std::string& dir, std::ostream& out) {
  if (absl::Status format = CheckFormat(dir, /*create=*/false); !format.ok()) return format;
  auto journal = Journal::OpenReadOnly(dir);
  if (!journal.ok()) return journal.status();
  auto contents = (*journal)->Verify();
  if (!contents.ok()) return contents.status();
  out << dir << ": sound (format " << kDataFormat << ")\n";
  PrintContents(out, *contents);
  return absl::OkStatus();
}

// "pid 12, serving 127.0.0.1:8080" -> "127.0.0.1:8080".
std::string ServingAddress(absl::string_view holder) {
  const size_t at = holder.find("serving ");
  return at == absl::string_view::npos ? "" : std::string(holder.substr(at + 8));
}

// Asks the server at `address` to back itself up into `to`.
absl::Status BackupThroughServer(const std::string& address, const std::string& token,
                                 const std::string& to, std::ostream& out) {
  const size_t colon = address.rfind(':');
  std::string host = address.substr(0, colon);
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  try {
    boost::asio::io_context io;
    boost::asio::ip::tcp::resolver resolver(io);
    beast::tcp_stream stream(io);
    stream.expires_after(std::chrono::minutes(30));
    stream.connect(resolver.resolve(host, address.substr(colon + 1)));
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    writer.Key("to");
    WriteString(writer, to);
    writer.EndObject();
    http::request<http::string_body> request(http::verb::post, "/v1/admin/backup", 11);
    request.set(http::field::host, address);
    request.set(http::field::content_type, "application/json");
    if (!token.empty()) request.set(http::field::authorization, absl::StrCat("Bearer ", token));
    request.body() = JsonText(buffer);
    request.prepare_payload();
    http::write(stream, request);
    beast::flat_buffer received;
    http::response<http::string_body> response;
    http::read(stream, received, response);
    if (response.result_int() != 201) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the server at ", address, " refused the backup (HTTP ", response.result_int(),
          "): ", response.body(),
          response.result_int() == 401 ? " — give an admin token with --token or TACT_TOKEN" : ""));
    }
    out << "backup made by the server at " << address << ": " << response.body() << "\n";
    return absl::OkStatus();
  } catch (const std::exception& error) {
    return absl::UnavailableError(
        absl::StrCat("cannot reach the server at ", address, " (", error.what(), ")"));
  }
}

int Fail(std::ostream& err, const absl::Status& status) {
  err << status.message() << "\n";
  return absl::IsDataLoss(status) ? kExitFailed : kExitBadInput;
}

}  // namespace

int RunAdminVerify(const AdminOptions& options, std::ostream& out, std::ostream& err) {
  if (absl::Status verified = VerifyDir(options.data_dir, out); !verified.ok())
    return Fail(err, verified);
  return kExitOk;
}

int RunAdminBackup(const AdminOptions& options, std::ostream& out, std::ostream& err) {
  std::error_code error;
  const std::string to = std::filesystem::absolute(options.backup_dir, error).string();
  const std::string holder = DataDirHolder(options.data_dir);
  if (!holder.empty()) {
    const std::string address = ServingAddress(holder);
    if (address.empty()) {
      err << "data directory " << options.data_dir << " is in use (" << holder
          << ") by a process that serves no HTTP; stop it, then back up\n";
      return kExitBadInput;
    }
    std::string token = options.token;
    if (token.empty() && std::getenv("TACT_TOKEN") != nullptr) token = std::getenv("TACT_TOKEN");
    if (absl::Status made = BackupThroughServer(address, token, to, out); !made.ok())
      return Fail(err, made);
  } else {
    // Checked before locking, which would create a mistyped directory.
    if (absl::Status format = CheckFormat(options.data_dir, /*create=*/false); !format.ok())
      return Fail(err, format);
    auto lock = LockDataDir(options.data_dir);
    if (!lock.ok()) return Fail(err, lock.status());
    auto journal = Journal::Open(options.data_dir, JournalOptions{});
    if (!journal.ok()) return Fail(err, journal.status());
    if (absl::Status made = (*journal)->Backup(to); !made.ok()) return Fail(err, made);
    out << "backup written to " << to << "\n";
  }
  if (absl::Status verified = VerifyDir(to, out); !verified.ok()) return Fail(err, verified);
  return kExitOk;
}

int RunAdminRestore(const AdminOptions& options, std::ostream& out, std::ostream& err) {
  const std::string& dir = options.data_dir;
  if (absl::Status verified = VerifyDir(options.backup_dir, out); !verified.ok()) {
    err << "the backup cannot be restored: ";
    return Fail(err, verified);
  }
  auto lock = LockDataDir(dir);
  if (!lock.ok()) return Fail(err, lock.status());
  std::error_code error;
  const bool has_state = std::filesystem::exists(DatabasePath(dir), error);
  if (has_state) {
    if (!options.replace) {
      err << "data directory " << dir
          << " already holds state; pass --replace to restore over it (the current state is "
             "kept aside in "
          << dir << "/replaced-<time>/)\n";
      return kExitUsage;
    }
    const std::string aside = absl::StrCat(
        dir, "/replaced-", absl::FormatTime("%Y%m%dT%H%M%SZ", absl::Now(), absl::UTCTimeZone()));
    std::filesystem::create_directories(aside, error);
    std::filesystem::rename(DatabasePath(dir), DatabasePath(aside), error);
    if (!error) std::filesystem::rename(dir + "/FORMAT", aside + "/FORMAT", error);
    if (error) {
      err << "data directory " << dir
          << ": cannot move the current state aside: " << error.message() << "\n";
      return kExitBadInput;
    }
    out << "the previous state is kept in " << aside << "\n";
  }
  // The restored database starts its own acknowledged history.
  std::filesystem::remove(dir + "/ACKED", error);
  std::filesystem::copy(DatabasePath(options.backup_dir), DatabasePath(dir),
                        std::filesystem::copy_options::recursive, error);
  if (!error) {
    std::filesystem::copy_file(options.backup_dir + "/FORMAT", dir + "/FORMAT",
                               std::filesystem::copy_options::overwrite_existing, error);
  }
  if (error) {
    err << "data directory " << dir << ": cannot copy the backup in: " << error.message() << "\n";
    return kExitBadInput;
  }
  out << "restored " << options.backup_dir << " into " << dir << "\n";
  return kExitOk;
}

int RunAdminSalvage(const AdminOptions& options, std::ostream& out, std::ostream& err) {
  const std::string& dir = options.data_dir;
  if (absl::Status format = CheckFormat(dir, /*create=*/false);
      !format.ok() && !absl::IsDataLoss(format)) {
    return Fail(err, format);
  }
  {
    auto lock = LockDataDir(dir);
    if (!lock.ok()) return Fail(err, lock.status());
    auto salvaged = Journal::Salvage(dir);
    if (!salvaged.ok()) return Fail(err, salvaged.status());
    if (!salvaged->aside.empty()) {
      out << "the damaged database is kept in " << salvaged->aside << "\n";
    }
    if (salvaged->recovered < salvaged->acknowledged) {
      out << "LOST: changes up to #" << salvaged->acknowledged
          << " were acknowledged; what could be read ends at #" << salvaged->recovered << " ("
          << salvaged->acknowledged - salvaged->recovered
          << " changes missing: recorded touches, events and profile changes made after that)\n";
    } else {
      out << "every acknowledged change up to #" << salvaged->acknowledged << " could be read (to #"
          << salvaged->recovered
          << "); records damaged in the middle of the log are dropped and cannot be counted\n";
    }
  }
  if (absl::Status verified = VerifyDir(dir, out); !verified.ok()) return Fail(err, verified);
  return kExitOk;
}

}  // namespace tact
