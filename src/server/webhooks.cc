// The service's webhook, one-click unsubscribe and reputation routes.
#include <rapidjson/stringbuffer.h>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "codec/json_writer.h"
#include "encode/views_json.h"
#include "events/providers/json_fields.h"
#include "events/providers/provider.h"
#include "events/providers/signatures.h"
#include "events/unsubscribe_token.h"
#include "server/routes.h"
#include "server/service.h"

namespace tact {
namespace {

HttpResponse Unauthorized(absl::string_view provider, absl::string_view why) {
  return HttpResponse::Error({401, "bad_signature",
                              absl::StrCat(provider, " webhook: ", why, "; nothing was recorded"),
                              "signature"});
}

// "Basic base64(user:password)" against the configured login.
bool BasicAuthMatches(absl::string_view header, const std::pair<std::string, std::string>& login) {
  absl::string_view encoded = absl::StripAsciiWhitespace(header);
  if (!absl::ConsumePrefix(&encoded, "Basic ")) return false;
  std::string decoded;
  if (!absl::Base64Unescape(absl::StripAsciiWhitespace(encoded), &decoded)) return false;
  return ConstantTimeEquals(decoded, absl::StrCat(login.first, ":", login.second));
}

std::string HtmlEscape(absl::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

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

}  // namespace

HttpResponse Service::Webhook(const std::string& name, const WebhookRequest& request) {
  const std::optional<Provider> provider = ParseProvider(name);
  if (!provider) {
    return HttpResponse::Error({404, "not_found",
                                absl::StrCat("no webhook for '", name,
                                             "'; tact takes sendgrid, mailgun, postmark, ses "
                                             "and twilio"),
                                "path"});
  }
  const auto not_configured = [&] {
    return HttpResponse::Error({404, "not_configured",
                                absl::StrCat("webhooks from ", name, " are not configured; add [",
                                             name, "] to the --webhooks file (docs/providers.md)"),
                                "path"});
  };
  const auto invalid = [&](const absl::Status& status) {
    metrics_.CountWebhookItems(name, "invalid", 1);
    const absl::string_view message = status.message();
    const size_t colon = message.find(':');
    return HttpResponse::Error(
        {400, "invalid", std::string(message),
         colon == absl::string_view::npos ? "" : std::string(message.substr(0, colon))});
  };
  const auto unauthorized = [&](absl::string_view why) {
    metrics_.CountWebhookItems(name, "unauthorized", 1);
    return Unauthorized(name, why);
  };
  // Why a request signed at `signed_at` is refused as a replay; empty when
  // it is within the replay window (either way: clocks differ a little).
  const absl::Time now = governor_.Now();
  const auto stale = [&](absl::string_view what, std::optional<absl::Time> signed_at) {
    if (!signed_at) return absl::StrCat(what, " is not a time");
    const absl::Duration off = absl::AbsDuration(now - *signed_at);
    if (off <= webhooks_.replay_window) return std::string();
    return absl::StrCat(what, " (", FormatUtc(*signed_at), ") is ",
                        absl::FormatDuration(absl::Trunc(off, absl::Seconds(1))),
                        " from now, outside the replay window of ",
                        FormatSpan(webhooks_.replay_window),
                        " (replay_window in the --webhooks file): a replayed request");
  };
  const auto unix_seconds = [](absl::string_view text) -> std::optional<absl::Time> {
    int64_t seconds = 0;
    if (!absl::SimpleAtoi(text, &seconds)) return std::nullopt;
    return absl::FromUnixSeconds(seconds);
  };

  std::vector<ProviderItem> items;
  std::string note;  // an extra member of the answer, e.g. for SNS subscriptions
  switch (*provider) {
    case Provider::kSendGrid: {
      if (!webhooks_.sendgrid_key) return not_configured();
      if (request.sendgrid_signature.empty() || request.sendgrid_timestamp.empty())
        return unauthorized(
            "the X-Twilio-Email-Event-Webhook-Signature and -Timestamp headers "
            "are required");
      if (!VerifySendGrid(*webhooks_.sendgrid_key, request.sendgrid_signature,
                          request.sendgrid_timestamp,
                          absl::string_view(request.body.data(), request.body.size())))
        return unauthorized("the signature does not match the body");
      if (std::string why = stale("X-Twilio-Email-Event-Webhook-Timestamp",
                                  unix_seconds(request.sendgrid_timestamp));
          !why.empty())
        return unauthorized(why);
      auto parsed = ParseSendGrid(request.body);
      if (!parsed.ok()) return invalid(parsed.status());
      items = *std::move(parsed);
      break;
    }
    case Provider::kMailgun: {
      if (!webhooks_.mailgun_key) return not_configured();
      auto parsed = ParseMailgun(request.body);
      if (!parsed.ok()) return invalid(parsed.status());
      const MailgunSignature& signature = parsed->signature;
      if (signature.signature.empty() || !VerifyMailgun(*webhooks_.mailgun_key, signature.timestamp,
                                                        signature.token, signature.signature))
        return unauthorized("signature.signature does not match timestamp and token");
      if (std::string why = stale("signature.timestamp", unix_seconds(signature.timestamp));
          !why.empty())
        return unauthorized(why);
      // Mailgun signs only timestamp and token: a token seen before is a
      // captured signature sent with another body.
      if (!governor_.FirstUse(absl::StrCat("mailgun-token:", signature.token), now))
        return unauthorized("signature.token was used before: a replayed request");
      items = std::move(parsed->items);
      break;
    }
    case Provider::kPostmark: {
      if (!webhooks_.postmark_login) return not_configured();
      if (!BasicAuthMatches(request.authorization, *webhooks_.postmark_login))
        return unauthorized("HTTP basic auth is missing or wrong");
      auto parsed = ParsePostmark(request.body);
      if (!parsed.ok()) return invalid(parsed.status());
      items = *std::move(parsed);
      break;
    }
    case Provider::kSes: {
      if (!webhooks_.ses_certificate_pem) return not_configured();
      auto sns = ParseSnsMessage(request.body);
      if (!sns.ok()) return invalid(sns.status());
      if (!VerifySns(*webhooks_.ses_certificate_pem, sns->StringToSign(), sns->signature,
                     sns->signature_version))
        return unauthorized("the SNS signature does not verify with the configured certificate");
      if (std::string why = stale("Timestamp", providers::Rfc3339(sns->timestamp)); !why.empty())
        return unauthorized(why);
      if (!webhooks_.ses_topic_arns.empty() &&
          std::find(webhooks_.ses_topic_arns.begin(), webhooks_.ses_topic_arns.end(),
                    sns->topic_arn) == webhooks_.ses_topic_arns.end()) {
        metrics_.CountWebhookItems(name, "unauthorized", 1);
        return HttpResponse::Error(
            {403, "forbidden",
             absl::StrCat("TopicArn: ", sns->topic_arn, " is not in ses.topic_arns"), "TopicArn"});
      }
      if (sns->type == "SubscriptionConfirmation") {
        // tact makes no outbound calls: the operator confirms by visiting it.
        note = sns->subscribe_url;
        items.push_back(Ignored("SubscriptionConfirmation"));
      } else if (sns->type == "Notification") {
        items = ParseSesMessage(sns->message);
      } else {
        items.push_back(Ignored(sns->type));
      }
      break;
    }
    case Provider::kTwilio: {
      if (!webhooks_.twilio_token) return not_configured();
      auto params = ParseForm(absl::string_view(request.body.data(), request.body.size()), "body");
      if (!params.ok()) return invalid(params.status());
      const std::string url = absl::StrCat(governor_.links().public_url, request.target);
      if (request.twilio_signature.empty() ||
          !VerifyTwilio(*webhooks_.twilio_token, url, *params, request.twilio_signature))
        return unauthorized(absl::StrCat("X-Twilio-Signature does not match ", url));
      std::string touch_id;
      if (auto query = ParseQuery(request.target); query.ok()) {
        if (auto found = query->find(kTouchIdArgument); found != query->end())
          touch_id = found->second;
      }
      auto parsed = ParseTwilio(*params, std::move(touch_id));
      if (!parsed.ok()) return invalid(parsed.status());
      items = *std::move(parsed);
      break;
    }
  }

  std::vector<Event> events;
  int ignored = 0;
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  std::vector<std::pair<size_t, const ProviderItem*>> problems;
  for (size_t index = 0; index < items.size(); ++index) {
    ProviderItem& item = items[index];
    if (item.event) {
      events.push_back(*std::move(item.event));
    } else if (!item.ignored.empty()) {
      ++ignored;
    } else {
      problems.emplace_back(index, &item);
    }
  }
  const AppliedEvents applied = governor_.ApplyEvents(events, governor_.Now());
  metrics_.CountWebhookItems(name, "accepted", applied.accepted);
  metrics_.CountWebhookItems(name, "duplicate", applied.duplicates);
  metrics_.CountWebhookItems(name, "unmatched", applied.unmatched);
  metrics_.CountWebhookItems(name, "ignored", ignored);
  metrics_.CountWebhookItems(name, "invalid", static_cast<int>(problems.size()));
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
  if (!note.empty()) {
    writer.Key("subscribe_url");
    WriteString(writer, note);
  }
  writer.EndObject();
  HttpResponse response{200, JsonText(buffer)};
  if (applied.accepted > 0) AwaitDisk(response, applied.urgency);
  return response;
}

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
  const AppliedEvents applied = governor_.ApplyEvents(events, governor_.Now());
  HttpResponse response =
      Html(200, absl::StrCat("<!doctype html><meta charset=utf-8><title>Unsubscribed</title>"
                             "<p>You are unsubscribed from ",
                             WhatIsLeft(*target), ". ",
                             applied.accepted > 0 ? "" : "(You already were.) ",
                             "Nothing more will be sent there.</p>"));
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
                                "value=One-Click><button type=submit>Unsubscribe</button></form>"));
}

HttpResponse Service::ReputationReport() {
  return HttpResponse{200, ReputationJson(governor_.Reputation())};
}

}  // namespace tact
