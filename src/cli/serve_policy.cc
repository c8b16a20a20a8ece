#include "cli/serve_policy.h"

#include <string>

#include "files/policy_file.h"
#include "policy/policy_loader.h"

namespace tact {
namespace {

// A policy another node published, read as this node reads its own file
// (files it names are looked up beside --policy).
absl::StatusOr<Policy> ParsePublished(const ServeOptions& options, absl::string_view text) {
  return LoadPolicyFromString(text, "the shared policy", FilesBeside(options.policy_path));
}

void LogAdopted(Logs& logs, const SharedPolicy::Published& adopted) {
  logs.Info("policy adopted from the shared state",
            {{"version", adopted.version}, {"from", absl::string_view(adopted.origin)}});
}

}  // namespace

void ReloadPolicy(const ServeOptions& options, Governor& governor, Logs& logs) {
  if (options.policy_path.empty()) {
    logs.Warn("SIGHUP: no --policy file to reload; the built-in policy stays");
    return;
  }
  absl::StatusOr<std::string> text = ReadPolicyText(options.policy_path);
  absl::Status status =
      text.ok() ? governor.ChangePolicy(LoadPolicyFromString(*text, options.policy_path,
                                                             FilesBeside(options.policy_path)),
                                        *text, options.policy_path)
                : text.status();
  if (status.ok()) {
    logs.Info("policy reloaded", {{"policy", absl::string_view(options.policy_path)},
                                  {"shared", governor.shares_policy()}});
  } else {
    logs.Error("policy refused; the previous one stays",
               {{"policy", absl::string_view(options.policy_path)},
                {"problems", absl::string_view(status.message())}});
  }
}

absl::Status StartPolicy(const ServeOptions& options, Governor& governor, Logs& logs) {
  const auto parse = [&](absl::string_view text) { return ParsePublished(options, text); };
  if (governor.shares_policy() && options.policy_path.empty()) {
    auto adopted = governor.FollowPolicy(parse);
    if (!adopted.ok()) return adopted.status();
    if (adopted->has_value()) {
      LogAdopted(logs, **adopted);
      return absl::OkStatus();
    }
  }
  // Loaded before (LoadPolicyOrDefault): this keeps it as a version (and
  // publishes it, when shared) unless it is the latest already.
  absl::StatusOr<std::string> text = options.policy_path.empty()
                                         ? std::string(DefaultPolicyText())
                                         : ReadPolicyText(options.policy_path);
  if (!text.ok()) return text.status();
  return governor.KeepStartingPolicy(
      *text, options.policy_path.empty() ? "built-in default" : options.policy_path, parse);
}

PolicyFollower::PolicyFollower(const ServeOptions& options, Governor& governor, Logs& logs)
    : options_(options), governor_(governor), logs_(logs) {
  if (governor_.shares_policy()) thread_ = std::thread([this] { Follow(); });
}

PolicyFollower::~PolicyFollower() {
  {
    absl::MutexLock lock(&mutex_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void PolicyFollower::Follow() {
  std::string last_problem;  // logged once, not every half second
  absl::MutexLock lock(&mutex_);
  while (!mutex_.AwaitWithTimeout(absl::Condition(&stopping_), kInterval)) {
    mutex_.Unlock();
    auto adopted = governor_.FollowPolicy(
        [&](absl::string_view text) { return ParsePublished(options_, text); });
    if (!adopted.ok() && std::string(adopted.status().message()) != last_problem) {
      last_problem = std::string(adopted.status().message());
      logs_.Error("the shared policy could not be adopted; the current one stays",
                  {{"problems", absl::string_view(last_problem)}});
    } else if (adopted.ok()) {
      last_problem.clear();
      if (adopted->has_value()) LogAdopted(logs_, **adopted);
    }
    mutex_.Lock();
  }
}

}  // namespace tact
