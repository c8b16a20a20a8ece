// Sellers' hypotheses: POST and GET /v1/accounts/{id}/hypotheses.
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "codec/field_reader.h"
#include "codec/json_record.h"
#include "encode/hypothesis_json.h"
#include "server/request_body.h"
#include "server/routes.h"
#include "server/service.h"

namespace tact {
namespace {

// Limits of what a hypothesis may hold (docs/api.md).
constexpr size_t kMaxTextBytes = 8192;
constexpr size_t kMaxEvidenceBytes = 4096;
constexpr size_t kMaxSignals = 20;
constexpr size_t kDefaultListed = 50;
constexpr size_t kMaxListed = 500;

// Long: one read per field, each naming it in its problem.
absl::StatusOr<HypothesisDraft> DecodeDraft(const Record& record, const std::string& account_id) {
  FieldReader fields(record);
  fields.RejectUnknown({"seller", "team", "text", "signals", "evidence", "at"});
  HypothesisDraft draft{.account_id = account_id};
  draft.seller = fields.Required("seller");
  if (auto team = fields.Text("team")) draft.team = *team;
  if (const Field* text = fields.Get("text"); text == nullptr) {
    fields.Problem("text", "is required: the hypothesis, in the seller's own words");
  } else if (auto read = fields.Text("text", kMaxTextBytes)) {
    draft.text = *read;
    if (draft.text.find_first_not_of(" \t\r\n") == std::string::npos) {
      fields.Problem("text", "is empty");
    }
  }
  draft.signals = fields.List("signals");
  if (draft.signals.size() > kMaxSignals) {
    fields.Problem("signals",
                   absl::StrCat("cites ", draft.signals.size(), " signals; at most ", kMaxSignals));
  }
  if (auto evidence = fields.Text("evidence", kMaxEvidenceBytes)) draft.evidence = *evidence;
  if (auto at = fields.Time("at")) draft.at = *at;
  if (draft.signals.empty() && draft.evidence.empty() && fields.Result().ok()) {
    fields.Problem("signals", "cite the brief's signals the hypothesis rests on, or give evidence");
  }
  if (absl::Status problems = fields.Result(); !problems.ok()) return problems;
  return draft;
}

// ?limit= into `limit`; the 400 for anything else.
std::optional<ApiError> ReadListQuery(absl::string_view target, size_t& limit) {
  auto query = ParseQuery(target);
  if (!query.ok()) return InvalidFields(query.status());
  for (const auto& [name, value] : *query) {
    if (name != "limit") {
      return ApiError{400, "invalid", absl::StrCat(name, ": unknown query parameter; use limit"),
                      name};
    }
    if (!absl::SimpleAtoi(value, &limit) || limit < 1 || limit > kMaxListed) {
      return ApiError{400, "invalid",
                      absl::StrCat("limit: must be a number from 1 to ", kMaxListed), "limit"};
    }
  }
  return std::nullopt;
}

}  // namespace

HttpResponse Service::WriteHypothesis(const std::string& account_id, std::string_view body) {
  simdjson::dom::element root;
  if (auto error = ParseJson(body, &root)) return HttpResponse::Error(*error);
  absl::StatusOr<Record> record = RecordFromElement(root);
  if (!record.ok()) return HttpResponse::Error(InvalidFields(record.status()));
  absl::StatusOr<HypothesisDraft> draft = DecodeDraft(*record, account_id);
  if (!draft.ok()) return HttpResponse::Error(InvalidFields(draft.status()));
  const absl::StatusOr<Hypothesis> written = governor_.WriteHypothesis(*draft);
  if (!written.ok()) {
    const absl::Status& status = written.status();
    if (absl::IsNotFound(status)) {
      return HttpResponse::Error({404, "not_found", std::string(status.message()), "id"});
    }
    if (absl::IsInvalidArgument(status)) return HttpResponse::Error(InvalidFields(status));
    return HttpResponse::Error(StateUnavailable(status));
  }
  HttpResponse response{201, HypothesisJson(*written, *governor_.policy(), governor_.Now())};
  AwaitDisk(response, Urgency::kByMode);
  return response;
}

HttpResponse Service::ListHypotheses(const std::string& account_id, absl::string_view target) {
  size_t limit = kDefaultListed;
  if (std::optional<ApiError> error = ReadListQuery(target, limit)) {
    return HttpResponse::Error(*error);
  }
  const absl::StatusOr<std::vector<Hypothesis>> list =
      governor_.AccountHypotheses(account_id, limit);
  if (!list.ok()) return HttpResponse::Error(StateUnavailable(list.status()));
  return HttpResponse{200, HypothesesJson(account_id, *list, *governor_.policy(), governor_.Now())};
}

}  // namespace tact
