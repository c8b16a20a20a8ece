#include "server/callback_sender.h"

#include <curl/curl.h>

#include <kainjow/mustache.hpp>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "codec/json_writer.h"
#include "core/channel.h"
#include "core/kind.h"
#include "core/minutes.h"
#include "events/callback_signature.h"
#include "ports/touch_ledger.h"

namespace tact {
namespace {

// Escapes a value for the inside of a JSON string: the JSON writer's string
// without its quotes.
std::string JsonEscape(const std::string& text) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  WriteString(writer, text);
  return std::string(buffer.GetString() + 1, buffer.GetSize() - 2);
}

// Escapes a value for a URL's path or query (RFC 3986: all but unreserved).
std::string PercentEncode(const std::string& text) {
  // libcurl ignores the handle since 7.82.
  char* escaped = curl_easy_escape(nullptr, text.data(), static_cast<int>(text.size()));
  if (escaped == nullptr) return std::string();
  std::string out(escaped);
  curl_free(escaped);
  return out;
}

size_t KeepStart(char* data, size_t size, size_t count, void* into) {
  std::string& kept = *static_cast<std::string*>(into);
  const size_t bytes = size * count;
  if (kept.size() < 300) kept.append(data, std::min(bytes, 300 - kept.size()));
  return bytes;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> CallbackFields(const HeldTouch& held,
                                                                const Person* person) {
  const Touch& touch = held.touch;
  const bool sent = held.outcome == Outcome::kSend;
  return {
      {"hold_id", HeldIdText(held.id)},
      {"decision", std::string(OutcomeName(held.outcome))},
      {"send", sent ? "true" : "false"},
      {"touch_id", sent ? FormatTouchId(held.id) : ""},
      {"reason_code", held.rule},
      {"person_id", touch.person_id},
      {"email", person != nullptr ? person->email : ""},
      {"phone", person != nullptr ? person->phone : ""},
      {"channel", std::string(ChannelName(touch.channel))},
      {"kind", std::string(KindName(touch.kind))},
      {"sender", touch.sender},
      {"team", touch.team},
      {"tool", touch.tool},
      {"campaign", touch.campaign},
      {"list", touch.list},
      {"thread", touch.thread},
      {"step", absl::StrCat(touch.step)},
      {"subject", touch.subject},
      {"key", touch.key},
      {"hold_ref", touch.hold_ref},
      {"held_at", FormatUtc(held.held_at)},
      {"decided_at", FormatUtc(held.decided_at)},
      {"expires", held.expires == absl::InfiniteFuture() ? "" : FormatUtc(held.expires)},
      {"attempt", absl::StrCat(held.attempts + 1)},
  };
}

// `text` rendered over the fields, each value escaped by `escape`.
std::string Render(const std::string& text, const HeldTouch& held, const Person* person,
                   std::string (*escape)(const std::string&)) {
  kainjow::mustache::mustache compiled(text);
  compiled.set_custom_escape(escape);
  kainjow::mustache::data data;
  for (const auto& [name, value] : CallbackFields(held, person)) data.set(name, value);
  // For sections: {{#sent}}…{{/sent}}, {{#suppressed}}…{{/suppressed}}.
  const bool sent = held.outcome == Outcome::kSend;
  data.set("sent", kainjow::mustache::data(sent));
  data.set("suppressed", kainjow::mustache::data(!sent));
  return compiled.render(data);
}

std::string RenderCallbackUrl(const ToolCallback& tool, const HeldTouch& held,
                              const Person* person) {
  return Render(tool.url, held, person, PercentEncode);
}

std::string RenderCallbackBody(const ToolCallback& tool, const HeldTouch& held,
                               const Person* person) {
  const auto fields = CallbackFields(held, person);
  if (tool.body.empty()) {
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    for (const auto& [name, value] : fields) {
      writer.Key(name.c_str());
      if (name == "send") {
        writer.Bool(value == "true");
      } else if (name == "step" || name == "attempt") {
        writer.Int(std::stoi(value));
      } else if (value.empty() && (name == "touch_id" || name == "expires")) {
        writer.Null();
      } else {
        WriteString(writer, value);
      }
    }
    writer.EndObject();
    return JsonText(buffer);
  }
  return Render(tool.body, held, person, JsonEscape);
}

CallbackSender::CallbackSender() {
  static std::once_flag initialised;
  std::call_once(initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  curl_ = curl_easy_init();
}

CallbackSender::~CallbackSender() {
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

absl::Status CallbackSender::Send(const ToolCallback& tool, const HeldTouch& held,
                                  const Person* person, absl::Time now) {
  CURL* curl = static_cast<CURL*>(curl_);
  if (curl == nullptr) return absl::UnavailableError("libcurl could not start");
  const std::string body = RenderCallbackBody(tool, held, person);
  const std::string url = RenderCallbackUrl(tool, held, person);
  curl_slist* headers = nullptr;
  const auto add = [&headers](const std::string& line) {
    headers = curl_slist_append(headers, line.c_str());
  };
  add(absl::StrCat("Content-Type: ", tool.content_type));
  add(absl::StrCat("X-Tact-Signature: ", CallbackSignature(tool.secret, now, body)));
  add(absl::StrCat("X-Tact-Hold-Id: ", HeldIdText(held.id)));
  add(absl::StrCat("X-Tact-Attempt: ", held.attempts + 1));
  add("Expect:");  // no 100-continue round trip
  for (const auto& [name, value] : tool.headers) add(absl::StrCat(name, ": ", value));
  std::string answer;
  curl_easy_reset(curl);
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "tact");
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(absl::ToInt64Milliseconds(tool.timeout)));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, KeepStart);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
  const CURLcode done = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  if (done != CURLE_OK) {
    return absl::UnavailableError(absl::StrCat(url, ": ", curl_easy_strerror(done)));
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status > 299) {
    return absl::UnavailableError(
        absl::StrCat(url, " answered ", status, answer.empty() ? "" : ": ", answer));
  }
  return absl::OkStatus();
}

}  // namespace tact
