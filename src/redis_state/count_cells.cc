#include "redis_state/count_cells.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/channel.h"
#include "core/kind.h"

namespace tact::count_cells {
namespace {

constexpr int64_t kMsPerHour = 3600 * 1000;
constexpr int64_t kMsPerDay = 24 * kMsPerHour;

void AppendPart(std::string& out, absl::string_view part) {
  absl::StrAppend(&out, part.size(), ":", part);
}

// Reads "<length>:<bytes>" off the front of `in`.
std::optional<std::string> TakePart(absl::string_view& in) {
  const size_t colon = in.find(':');
  size_t length = 0;
  if (colon == absl::string_view::npos || !absl::SimpleAtoi(in.substr(0, colon), &length) ||
      length > in.size() - colon - 1) {
    return std::nullopt;
  }
  std::string part(in.substr(colon + 1, length));
  in.remove_prefix(colon + 1 + length);
  return part;
}

// "r:123" → 'r', 123.
std::optional<std::pair<char, int64_t>> SplitKey(absl::string_view key) {
  int64_t number = 0;
  if (key.size() < 3 || key[1] != ':' || !absl::SimpleAtoi(key.substr(2), &number)) {
    return std::nullopt;
  }
  return std::pair<char, int64_t>{key[0], number};
}

bool DecodeMirror(Day day, absl::string_view field, int64_t count, Sink& sink) {
  MirrorCell cell;
  cell.day = day;
  if (field == kDormantField) {
    sink.AddMirror(day, cell, count);
    return true;
  }
  std::optional<std::string> team = TakePart(field), campaign = TakePart(field),
                             sender = TakePart(field), tool = TakePart(field);
  const size_t colon = field.find(':');
  if (!tool || colon == absl::string_view::npos || colon + 1 >= field.size()) return false;
  // "<channel>:" or "<channel>/<kind>:".
  const absl::string_view numbers = field.substr(0, colon);
  const size_t slash = numbers.find('/');
  int channel = 0, kind = -1;
  if (!absl::SimpleAtoi(numbers.substr(0, slash), &channel) || channel < 0 ||
      channel >= kChannelCount ||
      (slash != absl::string_view::npos &&
       (!absl::SimpleAtoi(numbers.substr(slash + 1), &kind) || kind < 0 || kind >= kKindCount))) {
    return false;
  }
  if (kind >= 0) cell.kind = static_cast<Kind>(kind);
  cell.team = *std::move(team);
  cell.campaign = *std::move(campaign);
  cell.sender = *std::move(sender);
  cell.tool = *std::move(tool);
  cell.channel = static_cast<Channel>(channel);
  const char what = field[colon + 1];
  const absl::string_view rest = field.substr(colon + 2);
  if (what == 'm') {
    int measure = 0;
    if (!absl::SimpleAtoi(rest, &measure) || measure < 0 || measure >= kMeasureCount) return false;
    cell.counts[static_cast<Measure>(measure)] = count;
  } else if (what == 's') {
    cell.counts.suppressed_by_rule[std::string(rest)] = count;
  } else if (what == 'd') {
    cell.counts.deferred_by_rule[std::string(rest)] = count;
  } else if (what == 'c') {
    cell.counts.crowded_by[std::string(rest)] = count;
  } else {
    return false;
  }
  sink.AddMirror(day, cell, 0);
  return true;
}

}  // namespace

std::string ReputationKey(int32_t hour) { return absl::StrCat("r:", hour); }

std::string ReputationField(Scope scope, bool complaint, absl::string_view name) {
  return absl::StrCat(std::string(1, static_cast<char>(scope)), complaint ? "c" : "s", name);
}

std::string TemplateKey(Day day) { return absl::StrCat("t:", day); }

std::string TemplateField(uint64_t fingerprint) { return absl::StrFormat("%016x", fingerprint); }

std::string MirrorKey(Day day) { return absl::StrCat("m:", day); }

void AppendMirrorCells(const MirrorCell& cell, std::vector<Cell>& out) {
  std::string prefix;
  for (absl::string_view part : {absl::string_view(cell.team), absl::string_view(cell.campaign),
                                 absl::string_view(cell.sender), absl::string_view(cell.tool)}) {
    AppendPart(prefix, part);
  }
  absl::StrAppend(&prefix, static_cast<int>(cell.channel));
  if (cell.kind) absl::StrAppend(&prefix, "/", static_cast<int>(*cell.kind));
  absl::StrAppend(&prefix, ":");
  const std::string key = MirrorKey(cell.day);
  for (int measure = 0; measure < kMeasureCount; ++measure) {
    const int64_t count = cell.counts.measures[measure];
    if (count != 0) out.push_back({key, absl::StrCat(prefix, "m", measure), count});
  }
  for (const auto& [rule, count] : cell.counts.suppressed_by_rule) {
    if (count != 0) out.push_back({key, absl::StrCat(prefix, "s", rule), count});
  }
  for (const auto& [rule, count] : cell.counts.deferred_by_rule) {
    if (count != 0) out.push_back({key, absl::StrCat(prefix, "d", rule), count});
  }
  for (const auto& [team, count] : cell.counts.crowded_by) {
    if (count != 0) out.push_back({key, absl::StrCat(prefix, "c", team), count});
  }
}

std::optional<int64_t> ExpiresAtMs(absl::string_view key) {
  const auto split = SplitKey(key);
  if (!split) return std::nullopt;
  const auto [kind, number] = *split;
  switch (kind) {
    case 'r':
      return (number + 1) * kMsPerHour + absl::ToInt64Milliseconds(kReputationKept);
    case 't':
      return (number + 1) * kMsPerDay + absl::ToInt64Milliseconds(kTemplateKept);
    case 'm':
      return (number + 1) * kMsPerDay + absl::ToInt64Milliseconds(kMirrorKept);
  }
  return std::nullopt;
}

bool Decode(absl::string_view key, absl::string_view field, int64_t count, Sink& sink) {
  const auto split = SplitKey(key);
  if (!split) return false;
  const auto [kind, number] = *split;
  switch (kind) {
    case 'r': {
      if (field.size() < 3 || (field[0] != 'c' && field[0] != 'd') ||
          (field[1] != 's' && field[1] != 'c')) {
        return false;
      }
      const bool complaint = field[1] == 'c';
      sink.AddReputation(static_cast<int32_t>(number), static_cast<Scope>(field[0]),
                         field.substr(2), complaint ? 0 : count, complaint ? count : 0);
      return true;
    }
    case 't': {
      uint64_t fingerprint = 0;
      if (field.size() != 16 || !absl::SimpleHexAtoi(field, &fingerprint) || fingerprint == 0) {
        return false;
      }
      sink.AddTemplate(fingerprint, static_cast<Day>(number), count);
      return true;
    }
    case 'm':
      return DecodeMirror(static_cast<Day>(number), field, count, sink);
  }
  return false;
}

}  // namespace tact::count_cells
