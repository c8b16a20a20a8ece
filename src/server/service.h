// What each route does, independent of HTTP: takes a request body (and path
// id or query), returns a status and a JSON body. The transport
// (http_server.h) and the dispatcher (api.h) sit around it.
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
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "codec/json_writer.h"
#include "content/template_counter.h"
#include "core/touch.h"
#include "policy/policy.h"
#include "report/held_back.h"
#include "report/mirror.h"
#include "server/api_error.h"
#include "server/metrics.h"
#include "server/seen_ids.h"
#include "server/webhook_config.h"
#include "store/journal.h"
#include "store/profiles.h"
#include "store/reputation.h"
#include "store/store.h"
#include "store/touch_ledger.h"

namespace tact {

struct ServiceLimits {
  size_t max_batch_touches = 10000;  // POST /v1/decide/batch; more: 413
  size_t max_batch_events = 10000;   // POST /v1/events; more: 413
  size_t remembered_event_ids = 1000000;
};

// Set on a response that acknowledges changes: it must not be sent before
// the journal has everything up to `mark` as durable as `urgency` requires.
struct DurableAfter {
  uint64_t mark = 0;
  Urgency urgency = Urgency::kByMode;
};

struct HttpResponse {
  int status = 200;
  std::string body;
  absl::string_view content_type = "application/json";
  std::string allow;            // for 405: the methods the path takes
  int retry_after_seconds = 0;  // > 0: sent as Retry-After (429, 503)
  std::optional<DurableAfter> durable_after;

  static HttpResponse Error(const ApiError& error);
};

// A provider's webhook request: the parts its signature scheme reads.
struct WebhookRequest {
  absl::string_view target;  // path and query, as sent
  std::string_view body;
  absl::string_view authorization;       // Postmark: HTTP basic auth
  absl::string_view sendgrid_signature;  // X-Twilio-Email-Event-Webhook-Signature
  absl::string_view sendgrid_timestamp;  // X-Twilio-Email-Event-Webhook-Timestamp
  absl::string_view twilio_signature;    // X-Twilio-Signature
};

class Service {
 public:
  // `journal` null: state lives in memory only (and nothing waits for disk).
  // `webhooks` holds the providers' secrets and the unsubscribe key.
  Service(std::shared_ptr<const Policy> policy, Store& store, Profiles& profiles, Metrics& metrics,
          ServiceLimits limits, std::function<absl::Time()> clock, Journal* journal = nullptr,
          WebhookConfig webhooks = {});

  // Loads the touch ledger and the mirror's stored days from the journal and
  // counts the ledger into the reputation tracker; call once before serving.
  absl::Status LoadLedger();
  // Writes the mirror's days that changed since the last call to the
  // journal (nothing without one). The server calls it every few seconds
  // and when it stops: a crash loses at most that much of the mirror's
  // counts, never a decision or an event.
  void SaveMirror();
  // Where providers and recipients reach this server, when the webhooks
  // file does not say; call before serving.
  void SetDefaultPublicUrl(std::string url) {
    if (webhooks_.public_url.empty()) webhooks_.public_url = std::move(url);
  }

  HttpResponse Decide(std::string_view body);
  HttpResponse DecideBatch(std::string_view body);
  HttpResponse Events(std::string_view body);
  HttpResponse GetPerson(const std::string& id);
  HttpResponse PutPerson(const std::string& id, std::string_view body);
  HttpResponse PutAccount(const std::string& id, std::string_view body);
  // Query: kind (default promotional), at (default now).
  HttpResponse Why(const std::string& id, absl::string_view target);
  // Body: the policy's TOML text.
  HttpResponse PutPolicy(std::string_view body);
  // POST /v1/webhooks/{provider}: checks the provider's signature (401 and
  // nothing recorded when it fails), maps its payload to events, links each
  // to its touch (touch_id) or person (address) and applies them.
  HttpResponse Webhook(const std::string& provider, const WebhookRequest& request);
  // POST /v1/unsubscribe/{token} with body "List-Unsubscribe=One-Click" (RFC
  // 8058); GET shows a page with a button that posts it and changes nothing.
  HttpResponse Unsubscribe(const std::string& token, std::string_view body);
  HttpResponse UnsubscribePage(const std::string& token);
  // GET /v1/reports/reputation: complaint rates per campaign and domain.
  HttpResponse ReputationReport();
  // GET /v1/reports/overview, /v1/reports/league, /v1/reports/held-back: the
  // mirror (report/report_json.h); query as in report/report_query.h.
  HttpResponse OverviewReport(absl::string_view target) { return MirrorReport(target, false); }
  HttpResponse LeagueReport(absl::string_view target) { return MirrorReport(target, true); }
  HttpResponse HeldBackReport(absl::string_view target);
  // GET /v1/policy: the active policy's text, source and budgets.
  HttpResponse GetPolicy();

  const Mirror& mirror() const { return mirror_; }

  // For replays (`tact serve --demo`): decides `touch` at `now` as
  // POST /v1/decide would, and applies events as POST /v1/events would.
  // `touch_id` is set when a send was recorded.
  Decision DecideAt(const Touch& touch, absl::Time now, std::string* touch_id);
  void ApplyEventsAt(std::vector<Event>& events, absl::Time now) { ApplyEvents(events, now); }

  // Body {"to": "/absolute/dir"}: a consistent copy of the embedded store,
  // taken while serving, as a data directory of its own.
  HttpResponse Backup(std::string_view body);

  // Swaps in `policy` if it loaded; otherwise keeps the current one and
  // returns the loader's error. Counted in tact_policy_reloads_total.
  absl::Status ReplacePolicy(absl::StatusOr<Policy> policy);
  std::shared_ptr<const Policy> policy() const { return policy_.load(); }

  const ServiceLimits& limits() const { return limits_; }

  // Calls `send` when `response` may be sent: at once, or once the journal
  // made its changes durable; with an error (503) if the journal failed.
  void WhenDurable(const HttpResponse& response, std::function<void(absl::Status)> send);
  // OK unless the journal failed (then nothing more is acknowledged).
  absl::Status StorageHealth() const { return journal_ ? journal_->health() : absl::OkStatus(); }

 private:
  // Whom a touch is for: their profile, or an empty one with just the id
  // (unknown consent, the policy's default zone), and their account if known.
  struct Subject {
    std::shared_ptr<const Person> known;
    Person unknown;
    std::shared_ptr<const Account> account;
    const Person& person() const { return known ? *known : unknown; }
  };
  Subject Find(const std::string& person_id) const;

  // Marks `response` as acknowledging every change written so far: it is
  // sent once they are as durable as `urgency` requires (nothing without a
  // journal).
  void AwaitDisk(HttpResponse& response, Urgency urgency) const;

  // Decides one validated touch: records a send (history, ledger, complaint
  // guard), counts it in the mirror and metrics; returns it with its touch id.
  std::pair<Decision, uint64_t> DecideAndCount(const Policy& policy, const Subject& subject,
                                               const Touch& touch, absl::Time now);
  // Decides and records one validated touch and writes its answer; true
  // when a send was recorded.
  bool DecideInto(const Policy& policy, const Touch& touch, absl::Time now, JsonWriter& writer);
  uint64_t NewTouchId();
  std::string UnsubscribeUrl(const Touch& touch) const;
  // The mirror's share of a decision and of an applied event (`before`: its
  // touch's ledger entry as it was, when the event is linked to one).
  void CountInMirror(const Touch& touch, absl::Time now, const Decision& decision,
                     bool became_dormant);
  void CountInMirror(const Event& event, const std::optional<LedgerEntry>& before, absl::Time now,
                     bool count_machine_opens);

  // Applies events once each; counts what happened. Events name their person
  // (person_id), or are linked here by touch_id or address first.
  struct Applied {
    int accepted = 0;
    int duplicates = 0;
    int unmatched = 0;
    Urgency urgency = Urgency::kByMode;
  };
  Applied ApplyEvents(std::vector<Event>& events, absl::Time now);
  // Fills a webhook event's person_id (and channel) from the ledger or the
  // address index; false when neither knows it.
  bool Link(Event& event) const;
  // True the first time `key` is seen (within the event window on disk, or
  // the last remembered_event_ids in memory): Mailgun's one-time tokens.
  bool FirstUse(const std::string& key, absl::Time now);
  absl::Status LoadMirror();
  HttpResponse MirrorReport(absl::string_view target, bool league);

  std::atomic<std::shared_ptr<const Policy>> policy_;
  Store& store_;
  Profiles& profiles_;
  Metrics& metrics_;
  const ServiceLimits limits_;
  const std::function<absl::Time()> clock_;
  Journal* const journal_;
  SeenIds seen_events_;     // without a journal
  WebhookConfig webhooks_;  // set before serving
  TouchLedger ledger_;
  ReputationTracker reputation_;
  TemplateCounter templates_;
  Mirror mirror_;
  HeldBackSample held_back_;
  const uint32_t touch_id_prefix_;
  std::atomic<uint64_t> touch_counter_{0};
};

}  // namespace tact
