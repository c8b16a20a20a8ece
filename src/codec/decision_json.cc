#include "codec/decision_json.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/minutes.h"

namespace tact {
namespace {

void Time(JsonWriter& writer, absl::Time time) {
  char text[kUtcTextSize];
  if (FormatUtcTo(time, text)) {
    writer.PlainString(absl::string_view(text, kUtcTextSize));
  } else {
    WriteString(writer, FormatUtc(time));
  }
}

void WriteNote(JsonWriter& writer, const Note& note, const ExplainContext& context, bool explain) {
  writer.StartObject();
  writer.Key("note");
  WriteString(writer, note.id);
  if (explain) {
    writer.Key("message");
    WriteString(writer, ExplainNote(note, context));
  }
  switch (note.code) {
    case NoteCode::kLanguageMismatch:
      writer.Key("declared");
      WriteString(writer, context.touch.language);
      writer.Key("detected");
      WriteString(writer, note.detail);
      writer.Key("percent");
      writer.Int(note.count.value_or(0));
      writer.Key("judged_as");
      WriteString(writer, note.detection_decided ? "detected" : "declared");
      break;
    case NoteCode::kSelfFocus:
      writer.Key("score");
      writer.Double(std::round(note.score.value_or(0) * 1000) / 1000);
      writer.Key("self");
      writer.Int(note.count.value_or(0));
      writer.Key("reader");
      writer.Int(note.limit.value_or(0));
      break;
  }
  writer.EndObject();
}

void WriteContent(JsonWriter& writer, const ContentSummary& content) {
  writer.Key("content");
  writer.StartObject();
  writer.Key("fingerprint");
  WriteString(writer, absl::StrFormat("%016x", content.fingerprint));
  writer.Key("language");
  if (content.language.empty()) {
    writer.Null();
  } else {
    WriteString(writer, content.language);
  }
  writer.Key("detected");
  if (content.detected.empty()) {
    writer.Null();
  } else {
    WriteString(writer, content.detected);
  }
  writer.Key("words");
  writer.Int(content.words);
  writer.EndObject();
}

}  // namespace

void WriteBudgetFields(JsonWriter& writer, const Budget& budget) {
  writer.Key("rule");
  WriteString(writer, budget.rule_id);
  writer.Key("scope");
  WriteString(writer, budget.scope.Name());
  writer.Key("window");
  WriteString(writer, FormatSpan(budget.window));
}

BudgetsJson::BudgetsJson(const Policy& policy) {
  for (const Budget& budget : policy.budgets) {
    rapidjson::StringBuffer buffer;
    JsonWriter head(buffer);
    head.StartObject();
    WriteBudgetFields(head, budget);
    head.Key("used");
    head.Int(0);  // a placeholder, cut off below: the writer then knows a key was written
    std::string text = JsonText(buffer);
    text.pop_back();  // the placeholder's "0"
    heads_.push_back(std::move(text));
  }
}

void BudgetsJson::Write(JsonWriter& writer, int index, int used, int max) const {
  const std::string& head = heads_[static_cast<size_t>(index)];
  // The head, then two ints (at most 11 characters each), `,"max":` and `}`.
  constexpr size_t kTail = 2 * 11 + 8;
  char text[256];
  std::string long_text;  // for a rule id too long for `text`
  char* out = text;
  if (head.size() + kTail > sizeof(text)) {
    long_text.resize(head.size() + kTail);
    out = long_text.data();
  }
  char* const limit = out + head.size() + kTail;
  char* end = std::copy(head.begin(), head.end(), out);
  end = std::to_chars(end, limit, used).ptr;
  constexpr absl::string_view kMax = ",\"max\":";
  end = std::copy(kMax.begin(), kMax.end(), end);
  end = std::to_chars(end, limit, max).ptr;
  *end++ = '}';
  writer.RawValue(out, static_cast<size_t>(end - out), rapidjson::kObjectType);
}

void WriteBudgetUse(JsonWriter& writer, const Budget& budget, int used, int max) {
  WriteBudgetFields(writer, budget);
  writer.Key("used");
  writer.Int(used);
  writer.Key("max");
  writer.Int(max);
}

void WritePolicyJson(JsonWriter& writer, const Policy& policy) {
  writer.StartObject();
  WriteStringField(writer, "source", policy.source);
  if (policy.version > 0) {
    writer.Key("version");
    writer.Int64(policy.version);
  }
  WriteStringField(writer, "text", policy.text);
  writer.Key("budgets");
  writer.StartArray();
  for (const Budget& budget : policy.budgets) {
    writer.StartObject();
    WriteBudgetFields(writer, budget);
    writer.Key("max");
    writer.Int(budget.max);
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
}

std::string DecisionToJson(const Decision& decision, const ExplainContext& context,
                           absl::string_view touch_id) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  WriteDecisionJson(writer, decision, context, touch_id);
  return JsonText(buffer);
}

void WriteDecisionJson(JsonWriter& writer, const Decision& decision, const ExplainContext& context,
                       absl::string_view touch_id, absl::string_view unsubscribe_url,
                       absl::string_view preferences_url, absl::string_view held_id,
                       absl::Span<const std::string> questions,
                       const DecisionJsonOptions& options) {
  const Policy& policy = context.policy;
  writer.StartObject();
  if (!touch_id.empty()) {
    writer.Key("touch_id");
    WriteString(writer, touch_id);
  }
  writer.Key("decision");
  WriteString(writer, OutcomeName(decision.outcome));
  writer.Key("at");
  Time(writer, decision.at);
  if (decision.outcome == Outcome::kDefer) {
    writer.Key("not_before");
    Time(writer, decision.not_before);
    if (!held_id.empty()) {
      // tact keeps it and calls the tool back (docs/integrations.md).
      writer.Key("held");
      writer.StartObject();
      writer.Key("id");
      WriteString(writer, held_id);
      writer.Key("until");
      Time(writer, decision.not_before);
      writer.EndObject();
    }
  }
  if (decision.best_at) {
    writer.Key("best_at");
    Time(writer, *decision.best_at);
  }
  writer.Key("reasons");
  writer.StartArray();
  for (const Reason& reason : decision.reasons) {
    writer.StartObject();
    writer.Key("rule");
    WriteString(writer, reason.rule);
    if (options.explain) {
      writer.Key("message");
      WriteString(writer, Explain(reason, context));
    }
    if (reason.window) {
      writer.Key("window");
      WriteString(writer, FormatSpan(*reason.window));
    }
    if (reason.count) {
      writer.Key("count");
      writer.Int(*reason.count);
    }
    if (reason.limit) {
      writer.Key("limit");
      writer.Int(*reason.limit);
    }
    if (reason.score) {
      writer.Key("score");
      writer.Double(*reason.score);
    }
    if (reason.threshold) {
      writer.Key("threshold");
      writer.Double(*reason.threshold);
    }
    if (reason.not_before) {
      writer.Key("not_before");
      Time(writer, *reason.not_before);
    }
    writer.EndObject();
  }
  writer.EndArray();
  writer.Key("budgets");
  writer.StartArray();
  for (const BudgetUsage& usage : decision.budgets) {
    if (options.budgets != nullptr) {
      options.budgets->Write(writer, usage.budget_index, usage.used, usage.max);
      continue;
    }
    writer.StartObject();
    WriteBudgetUse(writer, policy.budgets[usage.budget_index], usage.used, usage.max);
    writer.EndObject();
  }
  writer.EndArray();
  writer.Key("recorded");
  writer.Bool(decision.record.has_value());
  if (policy.version > 0) {
    writer.Key("policy_version");
    writer.Int64(policy.version);
  }
  if (!decision.notes.empty()) {
    writer.Key("notes");
    writer.StartArray();
    for (const Note& note : decision.notes) WriteNote(writer, note, context, options.explain);
    writer.EndArray();
  }
  if (decision.content) WriteContent(writer, *decision.content);
  if (!questions.empty()) WriteStringsField(writer, "questions", questions);
  if (!unsubscribe_url.empty() && decision.outcome == Outcome::kSend) {
    writer.Key("unsubscribe");
    writer.StartObject();
    writer.Key("url");
    WriteString(writer, unsubscribe_url);
    writer.Key("headers");
    writer.StartObject();
    writer.Key("List-Unsubscribe");
    WriteString(writer, absl::StrCat("<", unsubscribe_url, ">"));
    writer.Key("List-Unsubscribe-Post");
    writer.String("List-Unsubscribe=One-Click");
    writer.EndObject();
    writer.EndObject();
  }
  if (!preferences_url.empty() && decision.outcome == Outcome::kSend) {
    WriteStringField(writer, "preferences_url", preferences_url);
  }
  writer.EndObject();
}

}  // namespace tact
