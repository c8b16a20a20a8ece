#include "codec/preferences_json.h"

#include <algorithm>
#include <span>

#include "codec/field_reader.h"
#include "codec/json_writer.h"
#include "policy/suggest.h"

namespace tact {
namespace {

// The most names a list field may hold (more than any policy offers).
constexpr size_t kMaxListed = 50;

// `name`'s list, without repeats; nullopt when absent.
std::optional<std::vector<std::string>> DistinctList(FieldReader& fields, absl::string_view name) {
  if (fields.Get(name) == nullptr) return std::nullopt;
  std::vector<std::string> listed;
  for (std::string& item : fields.List(name)) {
    if (std::find(listed.begin(), listed.end(), item) == listed.end()) {
      listed.push_back(std::move(item));
    }
  }
  if (listed.size() > kMaxListed) {
    fields.Problem(name, absl::StrCat("names ", listed.size(), "; at most ", kMaxListed));
  }
  return listed;
}

std::optional<ChannelSet> ReadChannels(FieldReader& fields) {
  const std::optional<std::vector<std::string>> names = DistinctList(fields, "channels");
  if (!names) return std::nullopt;
  std::vector<absl::string_view> known;
  for (Channel channel : kAllChannels) known.push_back(ChannelName(channel));
  ChannelSet channels;
  for (const std::string& name : *names) {
    if (const std::optional<Channel> channel = ParseChannel(name)) {
      channels.Add(*channel);
      continue;
    }
    const std::string nearest = NearestWord(name, std::span<const absl::string_view>(known));
    fields.Problem(
        "channels",
        absl::StrCat("'", name, "' is not a channel",
                     nearest.empty() ? "" : absl::StrCat(" (did you mean '", nearest, "'?)"),
                     "; use ", ChannelNamesList()));
  }
  return channels;
}

void WritePart(JsonWriter& writer, PreferencePart part) {
  WriteString(writer, PreferencePartName(part));
}

void WriteParts(JsonWriter& writer, absl::string_view key,
                const std::vector<PreferencePart>& parts) {
  writer.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  writer.StartArray();
  for (PreferencePart part : parts) WritePart(writer, part);
  writer.EndArray();
}

void WriteMinuteOrNull(JsonWriter& writer, absl::string_view key, Minute minute, Minute none) {
  WriteTextOrNull(writer, key, minute == none ? "" : FormatUtc(FromMinute(minute)));
}

}  // namespace

absl::StatusOr<PreferenceChangeRequest> DecodePreferenceChange(const Record& record) {
  FieldReader fields(record);
  fields.RejectUnknown(
      {"frequency", "channels", "topics", "languages", "paused_until", "at", "tool"});
  PreferenceChangeRequest request;
  PreferenceChange& change = request.change;
  if (auto frequency = fields.Text("frequency")) change.frequency = *frequency;
  change.channels = ReadChannels(fields);
  change.topics = DistinctList(fields, "topics");
  change.languages = DistinctList(fields, "languages");
  if (auto until = fields.Text("paused_until")) {
    if (until->empty()) {
      change.paused_until = Preferences::kNotPaused;
    } else if (auto time = fields.Time("paused_until")) {
      change.paused_until = ToMinute(*time);
    }
  }
  if (auto at = fields.Time("at")) request.at = *at;
  if (auto tool = fields.Text("tool")) request.tool = *tool;
  if (absl::Status problems = fields.Result(); !problems.ok()) return problems;
  if (!change.frequency && !change.channels && !change.topics && !change.languages &&
      !change.paused_until) {
    return absl::InvalidArgumentError(
        "the body changes nothing; give frequency, channels, topics, languages or paused_until");
  }
  return request;
}

std::string PreferencesToJson(absl::string_view person_id, const Preferences& preferences,
                              absl::Time now, const std::vector<PreferencePart>* replaced,
                              const std::vector<PreferencePart>* outranked) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  WriteStringField(writer, "person_id", person_id);
  WriteTextOrNull(writer, "frequency", preferences.frequency);
  writer.Key("channels");
  writer.StartArray();
  for (Channel channel : kAllChannels) {
    if (preferences.channels.Contains(channel)) WriteString(writer, ChannelName(channel));
  }
  writer.EndArray();
  WriteStringsField(writer, "topics", preferences.topics);
  WriteStringsField(writer, "languages", preferences.languages);
  WriteMinuteOrNull(writer, "paused_until", preferences.paused_until, Preferences::kNotPaused);
  writer.Key("paused");
  writer.Bool(preferences.Paused(ToMinute(now)));
  writer.Key("changed");
  writer.StartObject();
  for (int index = 0; index < kPreferencePartCount; ++index) {
    const auto part = static_cast<PreferencePart>(index);
    WriteMinuteOrNull(writer, PreferencePartName(part), preferences.Changed(part),
                      Preferences::kNeverChanged);
  }
  writer.EndObject();
  if (replaced != nullptr) WriteParts(writer, "replaced", *replaced);
  if (outranked != nullptr) WriteParts(writer, "outranked", *outranked);
  writer.EndObject();
  return JsonText(buffer);
}

}  // namespace tact
