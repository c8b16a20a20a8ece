#include "mail/postfix_queue.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"

extern char** environ;

namespace tact {
namespace {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs `argv` (no shell) and waits for it.
absl::StatusOr<CommandResult> Run(const std::vector<std::string>& argv) {
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) return absl::InternalError("cannot create a pipe");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (spawned != 0) {
    close(pipe_fds[0]);
    return absl::InternalError(absl::StrCat("cannot run ", argv[0], ": ", strerror(spawned)));
  }
  CommandResult result;
  char buffer[4096];
  ssize_t got = 0;
  while ((got = read(pipe_fds[0], buffer, sizeof(buffer))) > 0 || (got < 0 && errno == EINTR)) {
    if (got > 0 && result.output.size() < 64 * 1024) result.output.append(buffer, got);
  }
  close(pipe_fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// The count postsuper reports ("postsuper: Released from hold: 1 message").
absl::StatusOr<int> Reported(const CommandResult& result, absl::string_view what,
                             const std::string& command) {
  const size_t at = absl::string_view(result.output).find(what);
  int count = 0;
  if (result.exit_code == 0 && at != std::string::npos) {
    absl::string_view rest = absl::string_view(result.output).substr(at + what.size());
    rest = rest.substr(0, rest.find(' '));
    if (absl::SimpleAtoi(rest, &count)) return count;
  }
  return absl::InternalError(absl::StrCat(command, " (exit ", result.exit_code,
                                          "): ", absl::StripAsciiWhitespace(result.output)));
}

// `program` with Postfix's configuration directory, if one is set, and `args`.
std::vector<std::string> PostfixCommand(const std::string& program,
                                        const std::string& config_directory,
                                        std::initializer_list<std::string> args) {
  std::vector<std::string> command = {program};
  if (!config_directory.empty()) command.insert(command.end(), {"-c", config_directory});
  command.insert(command.end(), args);
  return command;
}

}  // namespace

bool IsPostfixQueueId(absl::string_view text) {
  // Postfix's ids are 10 or more characters; shorter words are not ids but
  // may mean something to its commands ("ALL" would be every message).
  if (text.size() < 6 || text.size() > 32) return false;
  for (const char c : text) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

absl::StatusOr<int> PostfixQueue::OnHeld(absl::string_view option, absl::string_view queue_id,
                                         absl::string_view reported) const {
  if (!IsPostfixQueueId(queue_id)) {
    return absl::InvalidArgumentError(absl::StrCat("'", queue_id, "' is not a Postfix queue id"));
  }
  const std::vector<std::string> command =
      PostfixCommand(options_.postsuper, options_.config_directory,
                     {std::string(option), std::string(queue_id), "hold"});
  absl::StatusOr<CommandResult> ran = Run(command);
  if (!ran.ok()) return ran.status();
  return Reported(*ran, reported, absl::StrJoin(command, " "));
}

absl::StatusOr<int> PostfixQueue::Release(absl::string_view queue_id) const {
  // Requeued rather than released (-H): a requeued message starts its queue
  // life again, where a released one keeps its arrival time and bounces if
  // it waited longer than maximal_queue_lifetime (a week's budget does).
  absl::StatusOr<int> requeued = OnHeld("-r", queue_id, "Requeued: ");
  if (!requeued.ok() || *requeued == 0) return requeued;
  // Requeued mail waits in the maildrop for pickup's next wake-up (up to a
  // minute): wake it now. Should this fail, that wake-up still takes it.
  (void)Run(
      PostfixCommand(options_.postkick, options_.config_directory, {"public", "pickup", "W"}));
  return requeued;
}

absl::StatusOr<int> PostfixQueue::Remove(absl::string_view queue_id) const {
  return OnHeld("-d", queue_id, "Deleted: ");
}

}  // namespace tact
