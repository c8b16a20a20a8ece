#include "store/data_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"

namespace tact {
namespace {

std::string ErrnoText() { return std::strerror(errno); }

std::string ReadSmallFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str().substr(0, 4096);
}

}  // namespace

DataDirLock& DataDirLock::operator=(DataDirLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

DataDirLock::~DataDirLock() {
  if (fd_ >= 0) close(fd_);
}

void DataDirLock::Describe(const std::string& address) const {
  if (fd_ < 0) return;
  std::string text = absl::StrCat("pid ", getpid());
  if (!address.empty()) absl::StrAppend(&text, ", serving ", address);
  text += "\n";
  if (ftruncate(fd_, 0) == 0) {
    [[maybe_unused]] const ssize_t written = pwrite(fd_, text.data(), text.size(), 0);
  }
}

namespace {
constexpr absl::string_view kAckedPrefix = "tact-acked ";
constexpr size_t kAckedBytes = 32;  // prefix, 20 digits, newline
}  // namespace

absl::StatusOr<uint64_t> ReadAckedMark(const std::string& dir) {
  const std::string path = absl::StrCat(dir, "/ACKED");
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return 0;
  const std::string text = ReadSmallFile(path);
  absl::string_view rest = absl::StripAsciiWhitespace(text);
  // Made empty when the journal opens and written after the first sync: a
  // process that ended before it (killed at start) acknowledged nothing.
  if (rest.empty()) return 0;
  uint64_t mark = 0;
  if (!absl::ConsumePrefix(&rest, kAckedPrefix) || !absl::SimpleAtoi(rest, &mark)) {
    return absl::DataLossError(absl::StrCat(
        "data directory ", dir, " is damaged: ", path,
        " does not say \"tact-acked <sequence>\"; restore a backup with `tact admin restore`, "
        "or keep what can be read with `tact admin salvage`"));
  }
  return mark;
}

int OpenAckedMark(const std::string& dir) {
  return open(absl::StrCat(dir, "/ACKED").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
}

bool WriteAckedMark(int fd, uint64_t mark) {
  const std::string text = absl::StrFormat("%s%020u\n", kAckedPrefix, mark);
  return text.size() == kAckedBytes &&
         pwrite(fd, text.data(), text.size(), 0) == static_cast<ssize_t>(text.size());
}

absl::Status CheckFreeSpace(const std::string& dir, uint64_t min_free_bytes) {
  if (min_free_bytes == 0) return absl::OkStatus();
  struct statvfs fs;
  if (statvfs(dir.c_str(), &fs) != 0) {
    return absl::UnavailableError(
        absl::StrCat("data directory ", dir, ": cannot read its free space: ", ErrnoText()));
  }
  const uint64_t free_bytes = uint64_t{fs.f_bavail} * fs.f_frsize;
  if (free_bytes >= min_free_bytes) return absl::OkStatus();
  constexpr double kMiB = 1 << 20;
  return absl::ResourceExhaustedError(absl::StrFormat(
      "data directory %s: its filesystem has %.1f MiB free, below the reserve of %.1f MiB "
      "(--min-free-disk-mib)",
      dir, free_bytes / kMiB, min_free_bytes / kMiB));
}

std::string DatabasePath(const std::string& dir) { return absl::StrCat(dir, "/db"); }

absl::StatusOr<DataDirLock> LockDataDir(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return absl::PermissionDeniedError(
        absl::StrCat("data directory ", dir, " cannot be created: ", error.message()));
  }
  if (!std::filesystem::is_directory(dir, error)) {
    return absl::InvalidArgumentError(absl::StrCat("data directory ", dir, " is not a directory"));
  }
  // access() answers for the real user; creating a file answers for sure.
  const std::string probe = absl::StrCat(dir, "/.write-test");
  const int probe_fd = open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (probe_fd < 0) {
    return absl::PermissionDeniedError(absl::StrCat(
        "data directory ", dir, " is not writable (", ErrnoText(),
        "); give tact's user write access to it, or choose another directory with --data"));
  }
  close(probe_fd);
  unlink(probe.c_str());

  const std::string lock_path = absl::StrCat(dir, "/LOCK");
  DataDirLock lock;
  lock.fd_ = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock.fd_ < 0) {
    return absl::PermissionDeniedError(
        absl::StrCat("data directory ", dir, ": cannot open ", lock_path, ": ", ErrnoText()));
  }
  if (flock(lock.fd_, LOCK_EX | LOCK_NB) != 0) {
    std::string holder = std::string(absl::StripAsciiWhitespace(ReadSmallFile(lock_path)));
    return absl::FailedPreconditionError(
        absl::StrCat("data directory ", dir, " is in use by another tact",
                     holder.empty() ? "" : absl::StrCat(" (", holder, ")"),
                     "; stop it first, or give this one its own --data directory"));
  }
  lock.Describe("");
  return lock;
}

std::string DataDirHolder(const std::string& dir) {
  const std::string lock_path = absl::StrCat(dir, "/LOCK");
  const int fd = open(lock_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "";
  std::string holder;
  if (flock(fd, LOCK_SH | LOCK_NB) != 0) {
    holder = std::string(absl::StripAsciiWhitespace(ReadSmallFile(lock_path)));
    if (holder.empty()) holder = "another process";
  } else {
    flock(fd, LOCK_UN);
  }
  close(fd);
  return holder;
}

absl::Status WriteFormat(const std::string& dir) {
  const std::string format_path = absl::StrCat(dir, "/FORMAT");
  std::ofstream out(format_path, std::ios::trunc);
  out << "tact-data " << kDataFormat << "\n";
  out.close();
  if (!out) {
    return absl::PermissionDeniedError(
        absl::StrCat("data directory ", dir, ": cannot write ", format_path));
  }
  return absl::OkStatus();
}

absl::StatusOr<int> ReadFormat(const std::string& dir, bool create) {
  const std::string format_path = absl::StrCat(dir, "/FORMAT");
  std::error_code error;
  if (!std::filesystem::exists(format_path, error)) {
    if (std::filesystem::exists(DatabasePath(dir) + "/CURRENT", error)) {
      return absl::DataLossError(
          absl::StrCat("data directory ", dir,
                       " is corrupt: it has a database but no FORMAT file; restore "
                       "a backup with `tact admin restore`"));
    }
    if (!create) {
      return absl::NotFoundError(absl::StrCat("data directory ", dir, " holds no tact state"));
    }
    if (absl::Status written = WriteFormat(dir); !written.ok()) return written;
    return kDataFormat;
  }
  const std::string text = ReadSmallFile(format_path);
  absl::string_view rest = absl::StripAsciiWhitespace(text);
  int version = 0;
  if (!absl::ConsumePrefix(&rest, "tact-data ") || !absl::SimpleAtoi(rest, &version) ||
      version <= 0) {
    return absl::DataLossError(absl::StrCat("data directory ", dir, " is corrupt: ", format_path,
                                            " does not say \"tact-data <version>\""));
  }
  if (version > kDataFormat) {
    return absl::FailedPreconditionError(absl::StrCat(
        "data directory ", dir, " has format version ", version, ", newer than this tact reads (",
        kDataFormat, "); run the tact that wrote it, or restore a backup made for version ",
        kDataFormat));
  }
  return version;
}

absl::Status CheckFormat(const std::string& dir, bool create) {
  return ReadFormat(dir, create).status();
}

}  // namespace tact
