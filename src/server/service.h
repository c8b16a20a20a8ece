// What each route does: decodes the request body (and path id or query),
// calls the Governor (governor/governor.h), encodes its answer as a status
// and a JSON body. One file per area holds the handlers: decide_handlers.cc,
// event_handlers.cc, people_handlers.cc, webhook_handlers.cc,
// report_handlers.cc, admin_handlers.cc. The transport (http_server.h) and
// the dispatcher (api.h) sit around it; every state and rule of tact is
// behind the Governor.
//
// Bodies are validated whole before anything changes: a batch with one bad
// touch or event is refused with a 400 naming it, and nothing of it is
// decided, recorded or applied.
//
// Thread safety: every method may be called from any thread. Decisions for
// one person are linearizable (the store serialises them); the policy is
// swapped atomically and each request uses the one it started with.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "codec/decision_json.h"
#include "codec/json_writer.h"
#include "core/touch.h"
#include "events/preference_link.h"
#include "governor/decide_queue.h"
#include "governor/governor.h"
#include "policy/policy.h"
#include "policy/policy_loader.h"
#include "server/api_error.h"
#include "server/callback_config.h"
#include "server/metrics.h"
#include "server/preference_page.h"
#include "server/rate_limiter.h"
#include "server/webhook_config.h"

namespace tact {

struct ServiceLimits {
  size_t max_batch_touches = 10000;  // POST /v1/decide/batch; more: 413
  size_t max_batch_events = 10000;   // POST /v1/events; more: 413
};

struct HttpResponse {
  int status = 200;
  std::string body;
  absl::string_view content_type = "application/json";
  std::string allow;            // for 405: the methods the path takes
  int retry_after_seconds = 0;  // > 0: sent as Retry-After (429, 503)
  std::optional<DurableAfter> durable_after;
  bool no_store = false;  // sent with Cache-Control: no-store (an answer never to reuse)
  // More headers to send (a page's Content-Security-Policy, a redirect's
  // Location).
  std::vector<std::pair<std::string, std::string>> headers;

  static HttpResponse Error(const ApiError& error);
};

inline absl::string_view NoHeader(absl::string_view) { return {}; }

// A provider's webhook request: the target, the body and the headers (its
// signature scheme reads those it needs).
struct WebhookRequest {
  absl::string_view target;  // path and query, as sent
  std::string_view body;
  // A header's value by name (case-insensitive); "" when absent.
  absl::FunctionRef<absl::string_view(absl::string_view name)> header = NoHeader;
};

// A request for one of the person's pages: the target, the form's body,
// the headers and the caller's address.
struct PageRequest {
  absl::string_view target;
  std::string_view body;
  absl::FunctionRef<absl::string_view(absl::string_view name)> header = NoHeader;
  absl::string_view remote;
};

// GET or POST /v1/check as it came (server/check_request.h).
struct CheckHttpRequest {
  absl::string_view target;  // path and query, as sent
  std::string_view body;
  absl::string_view content_type;
};

class Service {
 public:
  // `governor` must outlive it. `webhooks` holds the providers' secrets;
  // the public URL and the unsubscribe key are the Governor's (links()).
  // `policy_files` reads the files a policy sent to PUT /v1/policy names
  // (content.lexicon); by default it may name none.
  Service(Governor& governor, Metrics& metrics, ServiceLimits limits, WebhookConfig webhooks = {},
          PolicyFileReader policy_files = NoPolicyFiles());

  // Where providers and recipients reach this server, when the webhooks
  // file does not say; call before serving.
  void SetDefaultPublicUrl(const std::string& url) { governor_.SetDefaultPublicUrl(url); }

  // Single asks that arrive together are decided together (DecideQueue),
  // at most `max_together` at once: for state on the network, where that
  // shares round trips. Call before serving.
  void DecideTogether(size_t max_together) {
    queue_ = std::make_unique<DecideQueue>(governor_, max_together);
  }

  // POST /v1/decide and /v1/decide/batch; `target`'s query may say
  // explain=false (reasons without their sentences).
  HttpResponse Decide(absl::string_view target, std::string_view body);
  HttpResponse DecideBatch(absl::string_view target, std::string_view body);
  // GET and POST /v1/check: one touch from a tool that calls out at send
  // time (server/check_request.h), answered with flat fields; the first
  // answer again for a send asked about again (ports/check_answers.h).
  HttpResponse Check(const CheckHttpRequest& request);
  // Whether /v1/check takes HubSpot's signature (X-HubSpot-Signature-v3)
  // for a token: the webhooks file has [hubspot] client_secret.
  bool TakesHubSpotSignatures() const { return !webhooks_.hubspot_client_secret.empty(); }
  // OK when the request is signed by the HubSpot app (v3, its timestamp at
  // most 5 minutes from now, over the public URL and the target);
  // Unauthenticated saying why otherwise.
  absl::Status VerifyHubSpot(absl::string_view method, absl::string_view target,
                             std::string_view body,
                             absl::FunctionRef<absl::string_view(absl::string_view)> header) const;
  HttpResponse Events(std::string_view body);
  // Touches held for tools (on_limit = "hold"; server/held_handlers.cc):
  // GET /v1/held?state=&tool=&person_id=&limit= (the latest held first, with
  // the counts by state), GET and DELETE (cancel) /v1/held/{id}, POST
  // /v1/held/{id}/retry (a dead callback, from its first attempt).
  HttpResponse ListHeld(absl::string_view target);
  HttpResponse GetHeld(const std::string& id);
  HttpResponse CancelHeld(const std::string& id);
  HttpResponse RetryHeld(const std::string& id);
  // The tools' callbacks (tact serve --callbacks): which tools' touches may
  // be held, and which are held by default. Call before serving.
  void SetCallbacks(CallbackConfig callbacks) { callbacks_ = std::move(callbacks); }
  const CallbackConfig& callbacks() const { return callbacks_; }
  // A decoded touch's on_limit resolved (server/callback_config.h).
  absl::Status ResolveOnLimit(Touch& touch) const {
    return tact::ResolveOnLimit(callbacks_, governor_.holds_touches(), touch);
  }
  HttpResponse GetPerson(const std::string& id);
  // GET /v1/people?email= (or ?phone=): the person with that address.
  HttpResponse FindPeople(absl::string_view target);
  HttpResponse PutPerson(const std::string& id, std::string_view body);
  HttpResponse PutAccount(const std::string& id, std::string_view body);
  // GET and PUT /v1/people/{id}/preferences (preference_handlers.cc): the
  // person's own say; a PUT changes the parts it gives, as made at its `at`.
  HttpResponse GetPreferences(const std::string& id);
  HttpResponse PutPreferences(const std::string& id, std::string_view body);
  // Query: kind (default promotional), at (default now).
  HttpResponse Why(const std::string& id, absl::string_view target);
  // GET /v1/accounts/{id}/brief?role=&person_id=&as_of= (brief_handlers.cc).
  HttpResponse AccountBrief(const std::string& id, absl::string_view target);
  // POST /v1/accounts/{id}/hypotheses (body: seller, team, text, signals,
  // evidence, at) and GET ?limit= (hypothesis_handlers.cc).
  HttpResponse WriteHypothesis(const std::string& account_id, std::string_view body);
  HttpResponse ListHypotheses(const std::string& account_id, absl::string_view target);
  // Body: the policy's TOML text.
  // `token`: the caller's token name, kept with the version.
  HttpResponse PutPolicy(std::string_view body, absl::string_view token);
  // POST /v1/webhooks/{provider}: checks the provider's signature (401 and
  // nothing recorded when it fails), maps its payload to events, links each
  // to its touch (touch_id) or person (address) and applies them.
  HttpResponse Webhook(const std::string& provider, const WebhookRequest& request);
  // POST /v1/unsubscribe/{token} with body "List-Unsubscribe=One-Click" (RFC
  // 8058); GET shows a page with a button that posts it and changes nothing.
  HttpResponse Unsubscribe(const std::string& token, std::string_view body);
  HttpResponse UnsubscribePage(const std::string& token);
  // The person's preference page (preference_page_handlers.cc), behind the
  // signed link alone: GET shows it (?lang= picks the language), POST saves
  // its form, or unsubscribes from everything; at most 60 requests a minute
  // from one address and 30 in 10 minutes for one link (429 past that).
  HttpResponse PreferencePage(const std::string& token, const PageRequest& request);
  HttpResponse PreferenceForm(const std::string& token, const PageRequest& request);
  // GET /v1/reports/reputation: complaint rates per campaign and domain.
  HttpResponse ReputationReport();
  // GET /v1/reports/overview, /league, /distribution, /collisions,
  // /control and /names: the mirror's views (report/report_json.h,
  // report/crowding.h, report/control_groups.h); query as in
  // report/report_query.h. The distribution takes the team filter alone,
  // the control groups none.
  enum class MirrorView { kOverview, kLeague, kDistribution, kCollisions, kControl, kNames };
  HttpResponse MirrorReport(absl::string_view target, MirrorView view);
  // GET /v1/reports/held-back: the held-back sample, explained.
  HttpResponse HeldBackReport(absl::string_view target);
  // GET /v1/policy: the active policy's text, source and budgets.
  HttpResponse GetPolicy();
  // GET /v1/policy/versions: ?limit (1-100, default 20), ?before (a version).
  HttpResponse PolicyVersions(absl::string_view target);

  // Body {"to": "/absolute/dir"}: a consistent copy of the embedded store,
  // taken while serving, as a data directory of its own.
  HttpResponse Backup(std::string_view body);

  const ServiceLimits& limits() const { return limits_; }

  // Calls `send` when `response` may be sent: at once, or once the journal
  // made its changes durable; with an error (503) if the journal failed.
  void WhenDurable(const HttpResponse& response, std::function<void(absl::Status)> send) {
    governor_.WhenDurable(response.durable_after, std::move(send));
  }
  // OK unless the journal failed (then nothing more is acknowledged).
  absl::Status StorageHealth() const { return governor_.StorageHealth(); }
  // For /readyz: StorageHealth, and whether state on the network answers.
  absl::Status Probe() { return governor_.Probe(); }

 private:
  // Marks `response` as acknowledging every change written so far: it is
  // sent once they are as durable as `urgency` requires.
  void AwaitDisk(HttpResponse& response, Urgency urgency) const {
    response.durable_after = governor_.Acknowledgement(urgency);
  }
  // One touch through the Governor: with the queue when asks are decided
  // together (DecideTogether), else on its own now.
  absl::StatusOr<DecideResult> DecideOne(const Policy& policy, const Touch& touch) {
    return queue_ != nullptr ? queue_->Decide(policy, touch)
                             : governor_.Decide(policy, touch, governor_.Now());
  }
  // How /v1/decide writes decisions under `policy`: the query's explain
  // (nullopt with the error for a bad query), and the policy's budgets made
  // once (cached for the policy in force).
  struct DecisionWriting {
    DecisionJsonOptions options;
    std::shared_ptr<const BudgetsJson> budgets;  // keeps options.budgets alive
  };
  absl::StatusOr<DecisionWriting> DecisionWritingFor(
      absl::string_view target, const std::shared_ptr<const Policy>& policy) const;
  // Cancel or retry: the held touch `id` changed by `change`, answered.
  HttpResponse ChangeHeld(const std::string& id,
                          absl::FunctionRef<absl::StatusOr<HeldTouch>(uint64_t)> change);
  // The answer to a webhook `provider` refused (Verify or Parse), counted.
  HttpResponse WebhookRefusal(absl::string_view provider, const absl::Status& status);

  Governor& governor_;
  std::unique_ptr<DecideQueue> queue_;  // null: each ask decided on its own
  Metrics& metrics_;
  const ServiceLimits limits_;
  const WebhookConfig webhooks_;  // the providers' secrets and the replay window
  const PolicyFileReader policy_files_;
  CallbackConfig callbacks_;
  // The budgets' JSON for the policy last decided under (DecisionWritingFor).
  mutable std::mutex budgets_json_mutex_;
  mutable std::shared_ptr<const Policy> budgets_json_policy_ ABSL_GUARDED_BY(budgets_json_mutex_);
  mutable std::shared_ptr<const BudgetsJson> budgets_json_ ABSL_GUARDED_BY(budgets_json_mutex_);
  // What one request for the preference page found (preference_page_handlers.cc).
  struct PreferencePageState {
    std::shared_ptr<const Policy> policy;  // keeps view.policy alive
    std::optional<PreferenceLink> link;
    bool expired = false;
    PreferencePageView view;
  };
  // Reads the link, the person and the language into `state`; the answer
  // when it is already known (too many requests, a link that does not work
  // or has expired, the state unavailable), else nullopt.
  std::optional<HttpResponse> PreferenceContext(const std::string& token,
                                                const PageRequest& request,
                                                PreferencePageState& state);
  // Unsubscribes the person from every channel; 303 to the page.
  HttpResponse LeaveEverything(const std::string& person_id, const std::string& action,
                               absl::Time now);

  // The preference page's limits, per caller's address and per link.
  RateLimiter page_callers_{60, absl::Minutes(1), 100'000};
  RateLimiter page_links_{30, absl::Minutes(10), 100'000};
};

}  // namespace tact
