#include "cli/envelope.h"

#include <simdjson.h>

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "codec/decode.h"
#include "codec/record_reader.h"
#include "core/minutes.h"
#include "engine/decide.h"

namespace tact {
namespace {

constexpr size_t kMaxEnvelopeBytes = 4 << 20;

absl::StatusOr<Record> SubRecord(simdjson::dom::element element, absl::string_view name) {
  if (element.type() != simdjson::dom::element_type::OBJECT) {
    return absl::InvalidArgumentError(absl::StrCat(name, ": must be an object"));
  }
  return RecordFromJson(std::string(simdjson::minify(element)));
}

// Names each problem's field within the envelope: "touch.channel: …".
absl::Status Within(absl::string_view name, const absl::Status& status) {
  std::vector<std::string> problems;
  for (absl::string_view problem : absl::StrSplit(status.message(), "; ")) {
    problems.push_back(absl::StrCat(name, ".", problem));
  }
  return absl::InvalidArgumentError(absl::StrJoin(problems, "; "));
}

// The envelope's top-level object, parsed by `parser` (which owns it), with
// no field the envelope does not have.
absl::StatusOr<simdjson::dom::object> EnvelopeObject(absl::string_view text,
                                                     absl::string_view source,
                                                     simdjson::dom::parser& parser) {
  if (text.size() > kMaxEnvelopeBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": larger than ", kMaxEnvelopeBytes, " bytes"));
  }
  simdjson::dom::element root;
  if (auto error = parser.parse(text.data(), text.size()).get(root); error != simdjson::SUCCESS) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": not valid JSON (", simdjson::error_message(error), ")"));
  }
  if (root.type() != simdjson::dom::element_type::OBJECT) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": must be a JSON object"));
  }
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError(absl::StrCat(source, ": must be a JSON object"));
  }
  for (auto [key, value] : object) {
    if (key != "person" && key != "account" && key != "history" && key != "last_reply" &&
        key != "touch") {
      return absl::InvalidArgumentError(absl::StrCat(
          absl::string_view(key.data(), key.size()),
          ": unknown field; the envelope has person, account, history, last_reply and touch"));
    }
  }
  return object;
}

// The envelope's "history" (past touches) and "last_reply", into `history`.
absl::Status ReadHistory(simdjson::dom::object object, const Policy& policy, History& history) {
  simdjson::dom::element element;
  if (object["history"].get(element) == simdjson::SUCCESS) {
    if (element.type() != simdjson::dom::element_type::ARRAY) {
      return absl::InvalidArgumentError("history: must be a list of past touches");
    }
    int index = 0;
    simdjson::dom::array items;
    if (element.get_array().get(items) != simdjson::SUCCESS) {
      return absl::InvalidArgumentError("history: must be a list of past touches");
    }
    for (simdjson::dom::element item : items) {
      const std::string name = absl::StrCat("history[", index++, "]");
      auto record = SubRecord(item, name);
      if (!record.ok()) return record.status();
      auto past = DecodeTouchRecord(*record);
      if (!past.ok()) return Within(name, past.status());
      past->counts_for_budgets = policy.RulesFor(past->kind).budgets;
      history.Record(*past);
    }
  }
  if (object["last_reply"].get(element) == simdjson::SUCCESS) {
    std::string_view text_value;
    if (element.get_string().get(text_value) != simdjson::SUCCESS) {
      return absl::InvalidArgumentError("last_reply: must be an RFC 3339 time string");
    }
    auto time = ParseUtc(absl::string_view(text_value.data(), text_value.size()));
    if (!time.ok())
      return absl::InvalidArgumentError(absl::StrCat("last_reply: ", time.status().message()));
    history.RecordReply(ToMinute(*time));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Envelope> ParseEnvelope(absl::string_view text, const Policy& policy,
                                       absl::string_view source) {
  simdjson::dom::parser parser;
  auto parsed = EnvelopeObject(text, source, parser);
  if (!parsed.ok()) return parsed.status();
  const simdjson::dom::object object = *parsed;
  Envelope envelope;
  simdjson::dom::element element;
  if (object["touch"].get(element) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError(
        "touch: is required; send {\"person\": {…}, \"account\": {…}, \"touch\": {…}}");
  }
  auto touch_record = SubRecord(element, "touch");
  if (!touch_record.ok()) return touch_record.status();
  auto touch = DecodeTouch(*touch_record);
  if (!touch.ok()) return Within("touch", touch.status());
  if (absl::Status valid = ValidateTouchAgainstPolicy(policy, *touch); !valid.ok())
    return Within("touch", valid);
  envelope.touch = *std::move(touch);

  if (object["person"].get(element) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("person: is required (at least {\"id\": …})");
  }
  auto person_record = SubRecord(element, "person");
  if (!person_record.ok()) return person_record.status();
  auto person = DecodePerson(*person_record);
  if (!person.ok()) return Within("person", person.status());
  envelope.person = *std::move(person);
  if (envelope.person.id != envelope.touch.person_id) {
    return absl::InvalidArgumentError(absl::StrCat("touch.person_id: '", envelope.touch.person_id,
                                                   "' does not match person.id '",
                                                   envelope.person.id, "'"));
  }
  if (object["account"].get(element) == simdjson::SUCCESS) {
    auto account_record = SubRecord(element, "account");
    if (!account_record.ok()) return account_record.status();
    auto account = DecodeAccount(*account_record);
    if (!account.ok()) return Within("account", account.status());
    envelope.account = *std::move(account);
  }
  if (absl::Status read = ReadHistory(object, policy, envelope.history); !read.ok()) {
    return read;
  }
  return envelope;
}

}  // namespace tact
