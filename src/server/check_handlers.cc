// GET and POST /v1/check: a decision for tools that call out at send time,
// always answered 200 with flat fields a template language can branch on.
#include <string>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "codec/decode.h"
#include "codec/json_writer.h"
#include "core/address.h"
#include "core/channel.h"
#include "engine/decide.h"
#include "events/providers/signatures.h"
#include "rules/explain.h"
#include "server/check_request.h"
#include "server/service.h"

namespace tact {
namespace {

// The person's id: the one given, or the one an address belongs to. Someone
// tact does not know by that address is taken to be a new person whose id
// is the address itself, so that the tool's later asks about them count.
struct Identified {
  std::string id;
  bool unknown = false;  // nobody has the address given
};

absl::StatusOr<Identified> Identify(const Governor& governor, const CheckRequest& request) {
  if (!request.person_id.empty()) return Identified{request.person_id};
  // The tool's own id first; then the address, when the tool gave one too.
  if (!request.contact_id.empty()) {
    std::string contact = ToolIdKey(request.contact_tool, request.contact_id);
    absl::StatusOr<std::string> known = governor.PersonWithAddress(contact);
    if (!known.ok()) return known.status();
    if (!known->empty()) return Identified{*std::move(known)};
    if (request.email.empty() && request.phone.empty()) return Identified{std::move(contact), true};
  }
  std::optional<std::string> address =
      request.email.empty() ? NormalizePhone(request.phone) : NormalizeEmail(request.email);
  if (!address) {
    return absl::InvalidArgumentError(
        request.email.empty()
            ? absl::StrCat("phone: '", request.phone, "' is not a phone number in E.164 (+4930…)")
            : absl::StrCat("email: '", request.email, "' is not an email address"));
  }
  absl::StatusOr<std::string> known = governor.PersonWithAddress(*address);
  if (!known.ok()) return known.status();
  if (known->empty()) return Identified{*address, /*unknown=*/true};
  return Identified{*std::move(known)};
}

// [check] unknown_person = "suppress": the answer about someone unknown.
CheckAnswer UnknownPerson(const CheckRequest& request, const std::string& address) {
  CheckAnswer answer;
  answer.decision = "suppress";
  answer.reason_code = "check.unknown_person";
  const absl::string_view what = !request.email.empty()   ? "email address "
                                 : !request.phone.empty() ? "phone number "
                                                          : "tool's id ";
  answer.reason = absl::StrCat("tact knows nobody with the ", what, address,
                               ", and the policy suppresses checks about unknown people "
                               "([check] unknown_person).");
  answer.person_id = address;
  return answer;
}

CheckAnswer AnswerOf(const Policy& policy, const Touch& touch, const DecideResult& result) {
  CheckAnswer answer;
  answer.decision = std::string(OutcomeName(result.decision.outcome));
  if (result.decision.outcome == Outcome::kDefer) {
    answer.defer_until = FormatUtc(result.decision.not_before);
  }
  if (!result.decision.reasons.empty()) {
    const Reason& first = result.decision.reasons.front();
    answer.reason = Explain(first, ExplainContext{policy, result.subject.person(),
                                                  result.subject.account.get(), touch});
    answer.reason_code = std::string(first.rule);
  }
  if (result.decision.record) answer.touch_id = FormatTouchId(result.touch_id);
  answer.person_id = touch.person_id;
  answer.unsubscribe_url = result.unsubscribe_url;
  if (result.held_id != 0) answer.held_id = HeldIdText(result.held_id);
  if (result.decision.best_at) answer.best_at = FormatUtc(*result.decision.best_at);
  return answer;
}

// The preference page of an answer given again (a send with an unsubscribe
// link), minted afresh.
std::string PreferencesUrl(const Governor& governor, const CheckAnswer& answer) {
  return answer.unsubscribe_url.empty() ? "" : governor.PreferencesUrl(answer.person_id);
}

// `preferences_url`: the person's preference page, for a send with an
// unsubscribe link (minted afresh, also for an answer given again).
HttpResponse Render(const CheckAnswer& answer, bool repeated, bool text,
                    absl::string_view preferences_url = "") {
  HttpResponse response;
  response.no_store = true;
  if (text) {
    response.content_type = "text/plain; charset=utf-8";
    response.body = answer.decision;
    if (!answer.defer_until.empty()) absl::StrAppend(&response.body, " until ", answer.defer_until);
    if (!answer.held_id.empty()) absl::StrAppend(&response.body, ", held as ", answer.held_id);
    if (!answer.reason.empty()) absl::StrAppend(&response.body, ": ", answer.reason);
    response.body += "\n";
    return response;
  }
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("send");
  writer.Bool(answer.decision == "send");
  WriteTextOrNull(writer, "decision", answer.decision);
  WriteTextOrNull(writer, "defer_until", answer.defer_until);
  WriteTextOrNull(writer, "best_at", answer.best_at);
  writer.Key("reason");
  WriteString(writer, answer.reason);
  WriteTextOrNull(writer, "reason_code", answer.reason_code);
  WriteTextOrNull(writer, "touch_id", answer.touch_id);
  WriteTextOrNull(writer, "person_id", answer.person_id);
  WriteTextOrNull(writer, "unsubscribe_url", answer.unsubscribe_url);
  WriteTextOrNull(writer, "preferences_url", preferences_url);
  writer.Key("held");
  writer.Bool(!answer.held_id.empty());
  WriteTextOrNull(writer, "hold_id", answer.held_id);
  writer.Key("repeated");
  writer.Bool(repeated);
  writer.EndObject();
  response.body = JsonText(buffer);
  return response;
}

// A request the check cannot decide: a 4xx naming the field, or, when the
// caller asked for answers only, a 200 whose decision is "error".
HttpResponse Refuse(const ApiError& error, const CheckRequest& options) {
  if (!options.errors_as_answers) return HttpResponse::Error(error);
  CheckAnswer answer;
  answer.decision = "error";
  answer.reason = error.message;
  answer.reason_code = error.code;
  return Render(answer, false, options.text);
}

}  // namespace

absl::Status Service::VerifyHubSpot(
    absl::string_view method, absl::string_view target, std::string_view body,
    absl::FunctionRef<absl::string_view(absl::string_view)> header) const {
  const absl::string_view stamp = header("X-HubSpot-Request-Timestamp");
  int64_t stamp_ms = 0;
  if (!absl::SimpleAtoi(stamp, &stamp_ms)) {
    return absl::UnauthenticatedError(
        "X-HubSpot-Request-Timestamp: is required with X-HubSpot-Signature-v3 (milliseconds)");
  }
  // HubSpot's own rule: a signature more than five minutes old is refused.
  const absl::Duration age = governor_.Now() - absl::FromUnixMillis(stamp_ms);
  if (absl::AbsDuration(age) > absl::Minutes(5)) {
    return absl::UnauthenticatedError(absl::StrCat(
        "X-HubSpot-Request-Timestamp: ", stamp, " is more than 5 minutes from now; not accepted"));
  }
  const std::string uri = absl::StrCat(governor_.links().public_url, target);
  if (!VerifyHubSpotV3(webhooks_.hubspot_client_secret, method, uri,
                       absl::string_view(body.data(), body.size()), stamp,
                       header(kHubSpotSignatureHeader))) {
    return absl::UnauthenticatedError(absl::StrCat(
        "X-HubSpot-Signature-v3: does not match this request signed for ", uri,
        " with the client secret of [hubspot] (is public_url the URL HubSpot calls?)"));
  }
  return absl::OkStatus();
}

HttpResponse Service::Check(const CheckHttpRequest& http) {
  absl::StatusOr<CheckRequest> request =
      ReadCheckRequest(http.target, http.body, http.content_type);
  if (!request.ok()) return Refuse(InvalidFields(request.status()), CheckOptions(http.target));
  absl::StatusOr<Identified> person = Identify(governor_, *request);
  if (!person.ok()) {
    if (absl::IsInvalidArgument(person.status())) {
      return Refuse(InvalidFields(person.status()), *request);
    }
    return Refuse(StateUnavailable(person.status()), *request);
  }
  request->touch.fields.push_back({"person_id", person->id, FieldType::kText});
  const std::shared_ptr<const Policy> policy = governor_.policy();
  absl::StatusOr<Touch> touch = DecodeTouch(request->touch);
  if (touch.ok()) {
    if (absl::Status valid = ValidateTouchAgainstPolicy(*policy, *touch); !valid.ok()) {
      touch = valid;
    } else if (absl::Status resolved = ResolveOnLimit(*touch); !resolved.ok()) {
      touch = resolved;
    }
  }
  if (!touch.ok()) return Refuse(InvalidFields(touch.status()), *request);
  if (person->unknown && policy->check_suppresses_unknown) {
    return Render(UnknownPerson(*request, person->id), /*repeated=*/false, request->text);
  }

  if (touch->dry_run) {
    // A dry run records nothing, so there is nothing for a repeat to share:
    // each is answered as things stand when it asks.
    absl::StatusOr<DecideResult> result = DecideOne(*policy, *touch);
    if (!result.ok()) return Refuse(StateUnavailable(result.status()), *request);
    return Render(AnswerOf(*policy, *touch, *result), /*repeated=*/false, request->text,
                  result->preferences_url);
  }
  // One message of a campaign to a person: asked about again (rendered
  // again), it is the same send.
  const std::string send =
      absl::StrCat(touch->tool, "\n", touch->campaign, "\n", ChannelName(touch->channel), "\n",
                   touch->thread, "\n", touch->step, "\n", touch->person_id, "\n", touch->key);
  const absl::Time now = governor_.Now();
  CheckAnswers& answers = governor_.check_answers();
  absl::StatusOr<std::optional<CheckAnswer>> first = answers.Claim(touch->person_id, send, now);
  if (!first.ok()) return Refuse(StateUnavailable(first.status()), *request);
  if (*first) {
    return Render(**first, /*repeated=*/true, request->text, PreferencesUrl(governor_, **first));
  }
  const absl::StatusOr<DecideResult> result = DecideOne(*policy, *touch);
  if (!result.ok()) {
    answers.Drop(touch->person_id, send);
    return Refuse(StateUnavailable(result.status()), *request);
  }
  CheckAnswer answer = AnswerOf(*policy, *touch, *result);
  HttpResponse response =
      Render(answer, /*repeated=*/false, request->text, result->preferences_url);
  // An answer not kept (the state failed) only lets a repeat decide again.
  answers.Give(touch->person_id, send, answer, now).IgnoreError();
  if (result->decision.record || result->held_id != 0) AwaitDisk(response, Urgency::kByMode);
  return response;
}

}  // namespace tact
