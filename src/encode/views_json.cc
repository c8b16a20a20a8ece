#include "encode/views_json.h"

#include "codec/decision_json.h"
#include "codec/json_writer.h"
#include "rules/explain.h"

namespace tact {
namespace {

void WriteHistory(JsonWriter& writer, const History& history,
                  const std::vector<WhyView::TouchSource>& sources) {
  writer.Key("history");
  writer.StartArray();
  const auto touches = history.touches();
  for (size_t i = 0; i < touches.size(); ++i) {
    const TouchRecord& record = touches[i];
    writer.StartObject();
    writer.Key("at");
    WriteString(writer, FormatUtc(FromMinute(record.minute)));
    writer.Key("channel");
    WriteString(writer, ChannelName(record.channel));
    writer.Key("kind");
    WriteString(writer, KindName(record.kind));
    if (record.step > 0) {
      writer.Key("step");
      writer.Int(record.step);
    }
    writer.Key("counts_for_budgets");
    writer.Bool(record.counts_for_budgets);
    if (i < sources.size()) {
      WriteStringField(writer, "team", sources[i].team);
      WriteStringField(writer, "sender", sources[i].sender);
      WriteStringsField(writer, "campaigns", sources[i].campaigns);
    }
    writer.EndObject();
  }
  writer.EndArray();
  writer.Key("last_reply");
  if (history.last_reply() == History::kNoReply) {
    writer.Null();
  } else {
    WriteString(writer, FormatUtc(FromMinute(history.last_reply())));
  }
}

void WriteBudgets(JsonWriter& writer, const std::vector<WhyView::BudgetUse>& budgets) {
  writer.Key("budgets");
  writer.StartArray();
  for (const WhyView::BudgetUse& use : budgets) {
    writer.StartObject();
    WriteBudgetUse(writer, *use.budget, use.used, use.budget->max);
    writer.Key("left");
    writer.Int(std::max(0, use.budget->max - use.used));
    writer.EndObject();
  }
  writer.EndArray();
}

void WriteChannels(JsonWriter& writer, const WhyView& view) {
  writer.Key("channels");
  writer.StartArray();
  for (const WhyView::Outlook& outlook : view.channels) {
    const Decision& decision = outlook.decision;
    writer.StartObject();
    writer.Key("channel");
    WriteString(writer, ChannelName(outlook.touch.channel));
    writer.Key("next");
    if (decision.outcome == Outcome::kSend) {
      WriteString(writer, FormatUtc(decision.at));
    } else if (decision.outcome == Outcome::kDefer) {
      WriteString(writer, FormatUtc(decision.not_before));
    } else {
      writer.Null();
    }
    writer.Key("decision");
    WriteDecisionJson(writer, decision,
                      ExplainContext{*view.policy, view.subject.person(),
                                     view.subject.account.get(), outlook.touch});
    writer.EndObject();
  }
  writer.EndArray();
}

}  // namespace

std::string WhyJson(const WhyView& view) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("person_id");
  WriteString(writer, view.person_id);
  writer.Key("profile");
  writer.Bool(view.subject.known != nullptr);
  writer.Key("at");
  WriteString(writer, FormatUtc(view.at));
  writer.Key("kind");
  WriteString(writer, KindName(view.kind));
  WriteHistory(writer, view.history, view.sources);
  WriteBudgets(writer, view.budgets);
  WriteChannels(writer, view);
  writer.EndObject();
  return JsonText(buffer);
}

std::string ReputationJson(const ReputationView& view) {
  const ComplaintGuard& guard = view.policy->complaints;
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("complaint_rate_max");
  writer.Double(guard.rate_max);
  writer.Key("window");
  WriteString(writer, FormatSpan(guard.window));
  writer.Key("min_sent");
  writer.Int64(guard.min_sent);
  writer.Key("senders");
  writer.StartArray();
  for (const ReputationRow& row : view.rows) {
    writer.StartObject();
    writer.Key("scope");
    WriteString(writer, row.scope);
    writer.Key("name");
    WriteString(writer, row.name);
    writer.Key("sent");
    writer.Int64(row.rate.sent);
    writer.Key("complaints");
    writer.Int64(row.rate.complaints);
    writer.Key("rate");
    writer.Double(row.rate.sent > 0 ? double(row.rate.complaints) / double(row.rate.sent) : 0);
    writer.Key("throttled");
    writer.Bool(row.throttled);
    if (row.throttled) {
      writer.Key("until");
      WriteString(writer, FormatUtc(FromMinute(row.rate.clears_at)));
    }
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  return JsonText(buffer);
}

std::string PolicyJson(const Policy& policy) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  WritePolicyJson(writer, policy);
  return JsonText(buffer);
}

}  // namespace tact
