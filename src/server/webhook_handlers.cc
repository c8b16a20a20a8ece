// The webhook and one-click unsubscribe routes.
#include <rapidjson/stringbuffer.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "codec/json_writer.h"
#include "events/providers/provider.h"
#include "events/providers/webhook_provider.h"
#include "events/unsubscribe_token.h"
#include "server/preference_page.h"
#include "server/routes.h"
#include "server/service.h"

namespace tact {
namespace {

HttpResponse Html(int status, std::string body) {
  HttpResponse response{status, std::move(body)};
  response.content_type = "text/html; charset=utf-8";
  return response;
}

// "all email" or "the list "weekly"", for the pages.
std::string WhatIsLeft(const UnsubscribeTarget& target) {
  return target.list.empty() ? absl::StrCat("all ", ChannelName(target.channel))
                             : absl::StrCat("the list \"", HtmlEscape(target.list), "\"");
}

HttpResponse UnknownToken() {
  return Html(404,
              "<!doctype html><meta charset=utf-8><title>Link not valid</title>"
              "<p>This unsubscribe link is not valid. It may have been cut short; please use the "
              "whole link from the message.</p>");
}

// The answer to a webhook: what was applied, ignored and refused (each
// refused item with its index), and an SNS subscription's URL.
std::string WebhookAnswerJson(const AppliedEvents& applied, int ignored,
                              const std::vector<std::pair<size_t, const ProviderItem*>>& problems,
                              const std::string& subscribe_url) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("accepted");
  writer.Int(applied.accepted);
  writer.Key("duplicates");
  writer.Int(applied.duplicates);
  writer.Key("ignored");
  writer.Int(ignored);
  writer.Key("unmatched");
  writer.Int(applied.unmatched);
  writer.Key("errors");
  writer.StartArray();
  for (const auto& [index, item] : problems) {
    writer.StartObject();
    writer.Key("index");
    writer.Int(static_cast<int>(index));
    writer.Key("field");
    WriteString(writer, item->field);
    writer.Key("message");
    WriteString(writer, absl::StrCat(item->field, ": ", item->problem));
    writer.EndObject();
  }
  writer.EndArray();
  if (!subscribe_url.empty()) {
    writer.Key("subscribe_url");
    WriteString(writer, subscribe_url);
  }
  writer.EndObject();
  return JsonText(buffer);
}

}  // namespace

HttpResponse Service::WebhookRefusal(absl::string_view provider, const absl::Status& status) {
  const absl::string_view message = status.message();
  switch (status.code()) {
    case absl::StatusCode::kUnauthenticated:
      metrics_.CountWebhookItems(provider, "unauthorized", 1);
      return HttpResponse::Error(
          {401, "bad_signature",
           absl::StrCat(provider, " webhook: ", message, "; nothing was recorded"), "signature"});
    case absl::StatusCode::kPermissionDenied:
      metrics_.CountWebhookItems(provider, "unauthorized", 1);
      return HttpResponse::Error(
          {403, "forbidden", std::string(message), InvalidFields(status).field});
    case absl::StatusCode::kInvalidArgument:
      metrics_.CountWebhookItems(provider, "invalid", 1);
      return HttpResponse::Error(InvalidFields(status));
    default:  // the state failed (a one-time token could not be checked)
      return HttpResponse::Error(StateUnavailable(status));
  }
}

HttpResponse Service::Webhook(const std::string& name, const WebhookRequest& request) {
  const WebhookProvider* provider = FindWebhookProvider(name);
  if (provider == nullptr) {
    return HttpResponse::Error(
        {404, "not_found",
         absl::StrCat("no webhook for '", name, "'; tact takes ", WebhookProviderNames()), "path"});
  }
  const ProviderSettings* settings = webhooks_.Find(name);
  if (settings == nullptr) {
    return HttpResponse::Error({404, "not_configured",
                                absl::StrCat("webhooks from ", name, " are not configured; add [",
                                             name, "] to the --webhooks file (docs/providers.md)"),
                                "path"});
  }
  const absl::Time now = governor_.Now();
  const std::string url = absl::StrCat(governor_.links().public_url, request.target);
  const auto first_use = [&](const std::string& key) { return governor_.FirstUse(key, now); };
  const WebhookCall call{.target = request.target,
                         .url = url,
                         .header = request.header,
                         .body = request.body,
                         .now = now,
                         .replay_window = webhooks_.replay_window,
                         .first_use = first_use};
  if (absl::Status verified = provider->Verify(call, *settings); !verified.ok()) {
    return WebhookRefusal(name, verified);
  }
  absl::StatusOr<WebhookPayload> payload = provider->Parse(call);
  if (!payload.ok()) return WebhookRefusal(name, payload.status());

  std::vector<Event> events;
  int ignored = 0;
  std::vector<std::pair<size_t, const ProviderItem*>> problems;
  for (size_t index = 0; index < payload->items.size(); ++index) {
    ProviderItem& item = payload->items[index];
    if (item.event) {
      events.push_back(*std::move(item.event));
    } else if (!item.ignored.empty()) {
      ++ignored;
    } else {
      problems.emplace_back(index, &item);
    }
  }
  const absl::StatusOr<AppliedEvents> result = governor_.ApplyEvents(events, now);
  if (!result.ok()) return HttpResponse::Error(StateUnavailable(result.status()));
  const AppliedEvents& applied = *result;
  metrics_.CountWebhookItems(name, "accepted", applied.accepted);
  metrics_.CountWebhookItems(name, "duplicate", applied.duplicates);
  metrics_.CountWebhookItems(name, "unmatched", applied.unmatched);
  metrics_.CountWebhookItems(name, "ignored", ignored);
  metrics_.CountWebhookItems(name, "invalid", static_cast<int>(problems.size()));
  HttpResponse response{200, WebhookAnswerJson(applied, ignored, problems, payload->subscribe_url)};
  if (applied.accepted > 0) AwaitDisk(response, applied.urgency);
  return response;
}

namespace {

// The way to hear less instead of nothing, on the unsubscribe pages: the
// person's preference page, when the policy offers one.
std::string RatherHearLess(const Governor& governor, const std::string& person_id) {
  if (!governor.policy()->preferences.enabled) return "";
  const std::string url = governor.PreferencesUrl(person_id);
  if (url.empty()) return "";
  return absl::StrCat("<p>Rather hear less, or take a break? <a href=\"", HtmlEscape(url),
                      "\">Choose how often, where and about what</a>.</p>");
}

}  // namespace

HttpResponse Service::Unsubscribe(const std::string& token, std::string_view body) {
  const auto target = ReadUnsubscribeToken(governor_.links().key, token);
  if (!target) return UnknownToken();
  // RFC 8058: the POST body is exactly this (a browser's form sends the same).
  if (absl::StripAsciiWhitespace(absl::string_view(body.data(), body.size())) !=
      "List-Unsubscribe=One-Click") {
    return HttpResponse::Error(
        {400, "invalid", "body: must be List-Unsubscribe=One-Click (RFC 8058)", "body"});
  }
  Event event;
  // One id per token: a repeated POST is a duplicate and changes nothing.
  event.id = absl::StrCat("one-click:", token.substr(token.find('.') + 1));
  event.type = EventType::kUnsubscribed;
  event.person_id = target->person_id;
  event.channel = target->channel;
  event.list = target->list;
  std::vector<Event> events{std::move(event)};
  const absl::StatusOr<AppliedEvents> result = governor_.ApplyEvents(events, governor_.Now());
  if (!result.ok()) return HttpResponse::Error(StateUnavailable(result.status()));
  const AppliedEvents& applied = *result;
  HttpResponse response =
      Html(200, absl::StrCat("<!doctype html><meta charset=utf-8><title>Unsubscribed</title>"
                             "<p>You are unsubscribed from ",
                             WhatIsLeft(*target), ". ",
                             applied.accepted > 0 ? "" : "(You already were.) ",
                             "Nothing more will be sent there.</p>",
                             RatherHearLess(governor_, target->person_id)));
  if (applied.accepted > 0) AwaitDisk(response, Urgency::kAlways);
  return response;
}

HttpResponse Service::UnsubscribePage(const std::string& token) {
  const auto target = ReadUnsubscribeToken(governor_.links().key, token);
  if (!target) return UnknownToken();
  // Link scanners fetch with GET: the page changes nothing until the
  // person presses the button.
  return Html(200, absl::StrCat("<!doctype html><meta charset=utf-8><title>Unsubscribe</title>"
                                "<p>Unsubscribe from ",
                                WhatIsLeft(*target),
                                "?</p><form method=post><input type=hidden name=List-Unsubscribe "
                                "value=One-Click><button type=submit>Unsubscribe</button></form>",
                                RatherHearLess(governor_, target->person_id)));
}

}  // namespace tact
