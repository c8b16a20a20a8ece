#include "cli/plan_inputs.h"

#include <atomic>
#include <functional>
#include <limits>
#include <sstream>
#include <string>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "cli/progress.h"
#include "codec/decode.h"
#include "codec/record_reader.h"
#include "engine/decide.h"

namespace tact {
namespace {

// Reads every row of `path`, decoding each with `decode(record, row)` (row:
// the row's place in the file, from 0); a bad row goes to
// `report(row, message)`, which says whether to go on. False if the file
// cannot be opened (said on `err`) or `report` stopped the reading.
// `expect_bytes`, if set, is told the file's size first, so that containers
// can be sized once; `stop`, if set, ends the reading early once it turns
// true.
template <typename Decode, typename Report>
bool ReadRows(const std::string& path, bool progress, std::ostream& err, Decode decode,
              Report report, const std::function<void(size_t)>& expect_bytes = nullptr,
              const std::atomic<bool>* stop = nullptr) {
  auto reader = OpenRecordFile(path);
  if (!reader.ok()) {
    err << reader.status().message() << "\n";
    return false;
  }
  if (expect_bytes) expect_bytes((*reader)->BytesTotal());
  ProgressBar bar(absl::StrCat("reading ", path), progress);
  ReadResult row;
  size_t rows = 0;
  for (; (*reader)->Next(&row); ++rows) {
    if ((rows & 0x3fff) == 0x3fff) {
      bar.Update((*reader)->BytesRead(), (*reader)->BytesTotal());
      if (stop != nullptr && stop->load(std::memory_order_relaxed)) return false;
    }
    if (!row.error.empty()) {
      if (!report(rows, row.error)) return false;
      continue;
    }
    absl::Status status = decode(row.record, rows);
    if (!status.ok() &&
        !report(rows, absl::StrCat(path, ":", row.record.line, ": ", status.message())))
      return false;
  }
  return true;
}

// Adds a decoded person or account to the plan's profiles; a repeated id is
// a bad row (with `replace`, a file's row replaces what a data directory
// had).
absl::Status AddPerson(absl::StatusOr<Person> decoded, MemoryProfiles& profiles, bool replace) {
  if (!decoded.ok()) return decoded.status();
  if (!replace && profiles.people.Contains(decoded->id)) {
    return absl::InvalidArgumentError(absl::StrCat("id: '", decoded->id, "' appears twice"));
  }
  return profiles.PutPerson(*std::move(decoded), [](const Person*, Person&) {}).status();
}

absl::Status AddAccount(absl::StatusOr<Account> decoded, MemoryProfiles& profiles, bool replace) {
  if (!decoded.ok()) return decoded.status();
  if (!replace && profiles.accounts.Contains(decoded->id)) {
    return absl::InvalidArgumentError(absl::StrCat("id: '", decoded->id, "' appears twice"));
  }
  return profiles.PutAccount(*std::move(decoded)).status();
}

// The touches file as its own thread decodes it, before anything is checked
// against the people.
struct DecodedTouches {
  std::vector<PlannedTouch> touches;
  std::vector<size_t> rows;                         // each touch's row in the file
  std::vector<std::pair<size_t, std::string>> bad;  // (row, message), in row order
  std::ostringstream unopened;                      // why the file could not be read
};

void DecodeTouches(const std::string& path, bool strict, const std::atomic<bool>& stop,
                   AnalysisMemo& texts, DecodedTouches& out) {
  ReadRows(
      path, /*progress=*/false, out.unopened,
      [&](const Record& record, size_t row) -> absl::Status {
        auto touch = DecodeTouch(record);
        if (!touch.ok()) return touch.status();
        if (!touch->at) return absl::InvalidArgumentError("at: is required for tact plan");
        const ContentFacts* content = texts.Take(*touch);
        out.touches.push_back(PlannedTouch{*std::move(touch), record.line, content});
        out.rows.push_back(row);
        return absl::OkStatus();
      },
      [&](size_t row, std::string message) {
        out.bad.emplace_back(row, std::move(message));
        return !strict;
      },
      // A touch row is rarely under 100 bytes.
      [&](size_t bytes) {
        out.touches.reserve(bytes / 100);
        out.rows.reserve(bytes / 100);
      },
      &stop);
}

// Checks each decoded touch against the people and the policy, in row order,
// reporting its problems and the decoder's in the order one reader meets
// them; keeps the good touches in `touches`. False when a bad row stops it.
bool CheckTouches(const PlanOptions& options, const Policy& policy, const MemoryState& state,
                  RowErrors& errors, DecodedTouches& decoded, std::vector<PlannedTouch>& touches) {
  size_t next_bad = 0;
  const auto report_bad_before = [&](size_t row) {
    for (; next_bad < decoded.bad.size() && decoded.bad[next_bad].first < row; ++next_bad) {
      if (!errors.Report(decoded.bad[next_bad].second)) return false;
    }
    return true;
  };
  touches = std::move(decoded.touches);
  size_t kept = 0;
  for (size_t index = 0; index < touches.size(); ++index) {
    if (!report_bad_before(decoded.rows[index])) return false;
    PlannedTouch& planned = touches[index];
    absl::Status status;
    if (!state.profiles.people.Contains(planned.touch.person_id)) {
      status = absl::InvalidArgumentError(
          absl::StrCat("person_id: '", planned.touch.person_id, "' is not in ",
                       options.people_path.empty() ? options.state_dir : options.people_path));
    } else {
      status = ValidateTouchAgainstPolicy(policy, planned.touch);
    }
    if (!status.ok()) {
      if (!errors.Report(
              absl::StrCat(options.touches_path, ":", planned.line, ": ", status.message())))
        return false;
      continue;
    }
    if (options.at_best) planned.touch.at_best = true;
    if (kept != index) touches[kept] = std::move(planned);
    ++kept;
  }
  touches.erase(touches.begin() + static_cast<std::ptrdiff_t>(kept), touches.end());
  return report_bad_before(std::numeric_limits<size_t>::max());
}

}  // namespace

bool ReadPlanInputs(const PlanOptions& options, const Policy& policy, RowErrors& errors,
                    std::ostream& err, MemoryState& state, AnalysisMemo& texts,
                    std::vector<PlannedTouch>& touches) {
  const bool replace = !options.state_dir.empty();
  std::atomic<bool> stop{false};
  DecodedTouches decoded;
  std::thread touch_reader(
      [&] { DecodeTouches(options.touches_path, errors.strict(), stop, texts, decoded); });
  const auto report = [&](size_t, absl::string_view message) { return errors.Report(message); };
  const bool profiles_read =
      (options.people_path.empty() ||
       ReadRows(
           options.people_path, options.progress, err,
           [&](const Record& record, size_t) {
             return AddPerson(DecodePerson(record), state.profiles, replace);
           },
           report,
           // A person row is rarely under 60 bytes.
           [&](size_t bytes) { state.profiles.Reserve(bytes / 60); })) &&
      (options.accounts_path.empty() || ReadRows(
                                            options.accounts_path, options.progress, err,
                                            [&](const Record& record, size_t) {
                                              return AddAccount(DecodeAccount(record),
                                                                state.profiles, replace);
                                            },
                                            report));
  if (!profiles_read) stop.store(true, std::memory_order_relaxed);
  touch_reader.join();
  if (!profiles_read) return false;
  if (const std::string unopened = decoded.unopened.str(); !unopened.empty()) {
    err << unopened;
    return false;
  }
  return CheckTouches(options, policy, state, errors, decoded, touches);
}

}  // namespace tact
