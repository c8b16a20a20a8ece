"""Every route of the real server, over HTTP."""
import json
import signal
import subprocess
import threading
import time

from conftest import (ADMIN_TOKEN, BINARY, DECIDE_TOKEN, EVENTS_TOKEN, REPORTS_TOKEN, TEST_POLICY,
                      assert_error, slow_sync_env, touch)


def put_person(server, person_id, **fields):
    status, _, data = server.request("PUT", f"/v1/people/{person_id}", fields)
    assert status in (200, 201), data
    return data


def test_decide_sends_until_the_budget_then_defers(server):
    answers = []
    for hour in range(4):
        status, response, data = server.request(
            "POST", "/v1/decide", touch(at=f"2030-03-05T1{hour}:00:00Z"), token=DECIDE_TOKEN)
        assert status == 200, data
        answers.append(data)
    assert [a["decision"] for a in answers] == ["send", "send", "send", "defer"]
    assert all(a["recorded"] for a in answers[:3])
    assert answers[0]["touch_id"].startswith("t_")
    assert len({a["touch_id"] for a in answers}) == 4
    deferred = answers[3]
    assert deferred["not_before"] == "2030-03-06T10:00:00Z"
    assert deferred["reasons"][0]["rule"] == "budget.all.1d"
    assert deferred["reasons"][0]["count"] == 3 and deferred["reasons"][0]["limit"] == 3
    assert "3 touches" in deferred["reasons"][0]["message"]
    # Asked again at not_before, the touch goes.
    status, _, data = server.request("POST", "/v1/decide", touch(at=deferred["not_before"]),
                                     token=DECIDE_TOKEN)
    assert data["decision"] == "send"


def test_dry_runs_record_nothing(server):
    for _ in range(5):
        _, _, data = server.request("POST", "/v1/decide", touch(dry_run=True), token=DECIDE_TOKEN)
        assert data["decision"] == "send" and data["recorded"] is False
    _, _, why = server.request("GET", "/v1/people/p-1/why?at=2030-03-05T16:00:00Z",
                               token=DECIDE_TOKEN)
    assert why["history"] == []


def test_consent_from_the_profile_and_from_events(server):
    # SMS needs opt-in under the test policy; the unknown person has none.
    _, _, data = server.request("POST", "/v1/decide", touch(person="p-2", channel="sms"))
    assert data["decision"] == "suppress" and data["reasons"][0]["rule"] == "consent.sms"
    created = put_person(server, "p-2", consent={"sms": "opted_in"}, time_zone="Europe/Berlin")
    assert created["consent"]["sms"] == "opted_in"
    _, _, data = server.request("POST", "/v1/decide", touch(person="p-2", channel="sms"))
    assert data["decision"] == "send"

    # An unsubscribe event opts the person out of email; a repeat changes nothing.
    events = [{"id": "evt-1", "type": "unsubscribed", "person_id": "p-2", "channel": "email"},
              {"id": "evt-1", "type": "unsubscribed", "person_id": "p-2", "channel": "email"}]
    status, _, data = server.request("POST", "/v1/events", events, token=EVENTS_TOKEN)
    assert status == 200 and data == {"accepted": 1, "duplicates": 1}
    _, _, data = server.request("POST", "/v1/decide", touch(person="p-2", at="2030-03-07T10:00:00Z"))
    assert data["decision"] == "suppress"
    assert data["reasons"][0]["rule"] == "consent.email"
    _, _, person = server.request("GET", "/v1/people/p-2")
    assert person["consent"]["email"] == "opted_out"
    assert person["time_zone"] == "Europe/Berlin"


def metric(server, name):
    _, _, text = server.request("GET", "/metrics", token=None)
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    return None


def events(server, *items):
    status, _, data = server.request("POST", "/v1/events", list(items), token=EVENTS_TOKEN)
    assert status == 200, data
    return data


def test_consent_obeys_when_changes_happened_not_when_they_arrive(make_server):
    server = make_server()
    # An unsubscribe of 2030, then a resubscribe of 2020 arriving late (a
    # provider's retry): the older, opposite change is ignored and counted.
    events(server, {"id": "u-1", "type": "unsubscribed", "person_id": "ana", "channel": "email",
                    "at": "2030-02-13T10:00:00Z"},
           {"id": "r-1", "type": "resubscribed", "person_id": "ana", "channel": "email",
            "at": "2020-01-01T00:00:00Z"})
    _, _, person = server.request("GET", "/v1/people/ana")
    assert person["consent"]["email"] == "opted_out", person
    assert person["consent_changed"] == {"email": "2030-02-13T10:00:00Z"}
    assert metric(server, "tact_consent_changes_ignored_total") == 1
    # A newer resubscribe applies.
    events(server, {"id": "r-2", "type": "resubscribed", "person_id": "ana", "channel": "email",
                    "at": "2030-03-01T00:00:00Z"})
    _, _, person = server.request("GET", "/v1/people/ana")
    assert person["consent"]["email"] == "opted_in"
    # A tie: the opt-out wins, in either order of arrival.
    for first, second in (("unsubscribed", "resubscribed"), ("resubscribed", "unsubscribed")):
        who = f"tie-{first}"
        events(server, *[{"id": f"{who}-{kind}", "type": kind, "person_id": who,
                          "channel": "email", "at": "2030-05-01T08:00:00Z"}
                         for kind in (first, second)])
        _, _, person = server.request("GET", f"/v1/people/{who}")
        assert person["consent"]["email"] == "opted_out", (who, person)
    # Lists keep their own times.
    events(server, {"id": "l-1", "type": "unsubscribed", "person_id": "bea", "list": "news",
                    "at": "2030-02-13T10:00:00Z"},
           {"id": "l-2", "type": "resubscribed", "person_id": "bea", "list": "news",
            "at": "2020-01-01T00:00:00Z"})
    _, _, person = server.request("GET", "/v1/people/bea")
    assert person["unsubscribed_lists"] == ["news"], person
    assert person["list_changed"] == {"news": "2030-02-13T10:00:00Z"}
    # A profile PUT that repeats the consent it has does not move its date,
    # so a late opt-out dated before the PUT still applies.
    put_person(server, "cy", consent={"email": "opted_in"}, consent_changed={
        "email": "2030-01-01T00:00:00Z"})
    put_person(server, "cy", consent={"email": "opted_in"})
    events(server, {"id": "u-cy", "type": "unsubscribed", "person_id": "cy", "channel": "email",
                    "at": "2030-01-02T00:00:00Z"})
    _, _, person = server.request("GET", "/v1/people/cy")
    assert person["consent"]["email"] == "opted_out", person
    # The dates survive a restart.
    assert server.stop() == 0
    again = make_server(data=server.directory / "data")
    _, _, person = again.request("GET", "/v1/people/ana")
    assert person["consent"]["email"] == "opted_in"
    assert person["consent_changed"] == {"email": "2030-03-01T00:00:00Z"}
    events(again, {"id": "u-late", "type": "unsubscribed", "person_id": "ana", "channel": "email",
                   "at": "2030-02-20T00:00:00Z"})
    _, _, person = again.request("GET", "/v1/people/ana")
    assert person["consent"]["email"] == "opted_in", person


def test_replies_end_unanswered_followups(make_server):
    server = make_server(policy="[followups]\nmax_unanswered = 1\n")
    step = lambda n, at: touch(person="p-3", thread="t-9", step=n, at=at)
    _, _, first = server.request("POST", "/v1/decide", step(1, "2030-03-04T10:00:00Z"))
    _, _, second = server.request("POST", "/v1/decide", step(2, "2030-03-06T10:00:00Z"))
    assert first["decision"] == "send"
    assert second["decision"] == "suppress"
    assert second["reasons"][0]["rule"] == "followup.unanswered"
    server.request("POST", "/v1/events", [{"id": "r-1", "type": "replied", "person_id": "p-3",
                                           "at": "2030-03-05T09:00:00Z"}])
    _, _, third = server.request("POST", "/v1/decide", step(2, "2030-03-06T10:00:00Z"))
    assert third["decision"] == "send", third


def test_batch_answers_in_order_and_shares_budgets(server):
    touches = [touch(person=f"p-{i % 2}", at=f"2030-03-05T1{i}:00:00Z") for i in range(8)]
    status, _, data = server.request("POST", "/v1/decide/batch", {"touches": touches},
                                     token=DECIDE_TOKEN)
    assert status == 200, data
    decisions = [d["decision"] for d in data["decisions"]]
    # Each person gets 3 of their 4 touches; the 4th is deferred.
    assert decisions == ["send"] * 6 + ["defer"] * 2
    assert [d["at"] for d in data["decisions"]] == [t["at"] for t in touches]
    _, _, text = server.request("GET", "/metrics", token=None)
    assert "tact_decide_groups_total 1\n" in text, text
    assert "tact_decide_group_touches_total 8\n" in text, text


def test_explain_false_leaves_the_sentences_out(server):
    asks = [touch(person="p-explain", at=f"2030-03-05T1{hour}:00:00Z", dry_run=True)
            for hour in range(4)]
    for hour in range(3):  # the daily budget of 3 used up
        server.request("POST", "/v1/decide",
                       touch(person="p-explain", at=f"2030-03-05T0{hour + 6}:00:00Z"),
                       token=DECIDE_TOKEN)
    _, _, told = server.request("POST", "/v1/decide/batch", {"touches": asks}, token=DECIDE_TOKEN)
    status, _, terse = server.request("POST", "/v1/decide/batch?explain=false", {"touches": asks},
                                      token=DECIDE_TOKEN)
    assert status == 200, terse
    assert [d["decision"] for d in terse["decisions"]] == ["defer"] * 4
    for full, short in zip(told["decisions"], terse["decisions"]):
        assert all("message" in reason for reason in full["reasons"])
        assert full["reasons"], full
        # The same answer, less the sentences.
        for reason in full["reasons"]:
            del reason["message"]
        full.pop("touch_id", None)
        short.pop("touch_id", None)
        assert short == full
    status, _, one = server.request("POST", "/v1/decide?explain=false", asks[0], token=DECIDE_TOKEN)
    assert status == 200 and one["reasons"] and not any("message" in r for r in one["reasons"]), one
    status, _, one = server.request("POST", "/v1/decide?explain=true", asks[0], token=DECIDE_TOKEN)
    assert status == 200 and all("message" in r for r in one["reasons"]), one
    status, _, data = server.request("POST", "/v1/decide?explain=no", asks[0], token=DECIDE_TOKEN)
    assert_error(status, data, 400, field="explain", contains="must be true")
    status, _, data = server.request("POST", "/v1/decide/batch?verbose=1", {"touches": asks},
                                     token=DECIDE_TOKEN)
    assert_error(status, data, 400, field="verbose", contains="unknown query parameter")


def test_batch_is_refused_whole_when_one_touch_is_bad(server):
    touches = [touch(at="2030-03-05T10:00:00Z"), touch(channel="fax")]
    status, _, data = server.request("POST", "/v1/decide/batch", {"touches": touches})
    assert_error(status, data, 400, field="touches[1].channel", contains="'fax' is not a channel")
    _, _, why = server.request("GET", "/v1/people/p-1/why?at=2030-03-05T12:00:00Z")
    assert why["history"] == [], "nothing of a refused batch is recorded"


def test_people_are_found_by_email_or_phone(server):
    put_person(server, "p-mail", email="Ana.Lima@Example.COM", phone="+49 151 1234 5678")
    for query in ("email=ana.lima%40example.com", "email=ANA.LIMA%40example.com",
                  "phone=%2B4915112345678"):
        status, _, data = server.request("GET", f"/v1/people?{query}", token=REPORTS_TOKEN)
        assert status == 200 and data == {"people": [{"id": "p-mail"}]}, (query, data)
    status, _, data = server.request("GET", "/v1/people?email=nobody%40example.com",
                                     token=DECIDE_TOKEN)
    assert status == 200 and data == {"people": []}
    status, _, data = server.request("GET", "/v1/people?email=not-an-address", token=REPORTS_TOKEN)
    assert_error(status, data, 400, field="email")
    status, _, data = server.request("GET", "/v1/people?name=ana", token=REPORTS_TOKEN)
    assert_error(status, data, 400, field="name")
    status, _, data = server.request("GET", "/v1/people", token=REPORTS_TOKEN)
    assert_error(status, data, 400, field="email")


def test_people_and_accounts_round_trip(server):
    status, _, _ = server.request("GET", "/v1/people/nobody")
    assert status == 404
    body = {"account_id": "a-1", "time_zone": "America/New_York", "languages": ["en", "es"],
            "country": "US", "role": "cfo", "consent": {"email": "opted_in"}}
    status, _, created = server.request("PUT", "/v1/people/ana%40acme.example", body)
    assert status == 201 and created["id"] == "ana@acme.example"
    status, _, again = server.request("PUT", "/v1/people/ana%40acme.example", body)
    assert status == 200
    status, _, read = server.request("GET", "/v1/people/ana%40acme.example")
    assert status == 200 and read == created and read["languages"] == ["en", "es"]
    status, _, data = server.request("PUT", "/v1/people/x", {"id": "y"})
    assert_error(status, data, 400, field="id")
    status, _, account = server.request("PUT", "/v1/accounts/a-1",
                                        {"industry": "software", "employees": 250,
                                         "open_escalations": 1})
    assert status == 201 and account["open_escalations"] == 1
    # The account's escalation now holds promotional touches to its people.
    _, _, data = server.request("POST", "/v1/decide", touch(person="ana@acme.example"))
    assert data["decision"] == "suppress" and data["reasons"][0]["rule"] == "health.escalation"


def test_why_shows_history_budgets_and_next_instants(server):
    for hour in (10, 11, 12):
        server.request("POST", "/v1/decide", touch(at=f"2030-03-05T{hour}:00:00Z"))
    status, _, why = server.request("GET", "/v1/people/p-1/why?at=2030-03-05T13:00:00Z",
                                    token=DECIDE_TOKEN)
    assert status == 200, why
    assert [h["at"] for h in why["history"]] == [
        "2030-03-05T10:00:00Z", "2030-03-05T11:00:00Z", "2030-03-05T12:00:00Z"]
    day = next(b for b in why["budgets"] if b["rule"] == "budget.all.1d")
    assert (day["used"], day["max"], day["left"]) == (3, 3, 0)
    channels = {c["channel"]: c for c in why["channels"]}
    assert channels["email"]["next"] == "2030-03-06T10:00:00Z"
    assert channels["sms"]["next"] is None  # no SMS consent: suppressed
    assert channels["sms"]["decision"]["reasons"][0]["rule"] == "consent.sms"
    status, _, data = server.request("GET", "/v1/people/p-1/why?kind=loud")
    assert_error(status, data, 400, field="kind")


def test_policy_swap_and_refusal(server):
    status, _, data = server.request("PUT", "/v1/policy",
                                     "[[budget]]\nscope = \"all\"\nwindow = \"1d\"\nmaxx = 1\n",
                                     headers={"Content-Type": "application/toml"})
    assert_error(status, data, 400, field="budget[1].maxx", contains="did you mean 'max'")
    # The old policy (3 a day) stays.
    for hour in range(3):
        _, _, data = server.request("POST", "/v1/decide", touch(at=f"2030-03-05T1{hour}:00:00Z"))
        assert data["decision"] == "send"
    status, _, data = server.request("PUT", "/v1/policy",
                                     "[[budget]]\nscope = \"all\"\nwindow = \"1d\"\nmax = 10\n")
    assert status == 200 and data["policy"]["budgets"] == 1
    _, _, data = server.request("POST", "/v1/decide", touch(at="2030-03-05T14:00:00Z"))
    assert data["decision"] == "send"


def reload_and_wait(server, outcome):
    """Sends SIGHUP and waits for the log to report `outcome`."""
    server.process.send_signal(signal.SIGHUP)
    deadline = time.time() + 10
    while outcome not in server.log() and time.time() < deadline:
        time.sleep(0.05)
    assert outcome in server.log()


def test_sighup_reloads_the_policy_file(server):
    policy_path = server.directory / "policy.toml"
    policy_path.write_text("[[budget]]\nscope = \"all\"\nwindow = \"1d\"\nmax = 1\n")
    reload_and_wait(server, "policy reloaded")
    _, _, first = server.request("POST", "/v1/decide", touch(at="2030-03-05T10:00:00Z"))
    _, _, second = server.request("POST", "/v1/decide", touch(at="2030-03-05T11:00:00Z"))
    assert (first["decision"], second["decision"]) == ("send", "defer")
    # A broken file is refused; the policy in force stays.
    policy_path.write_text("[[budget]]\nscope = 7\n")
    reload_and_wait(server, "policy refused")
    _, _, third = server.request("POST", "/v1/decide", touch(at="2030-03-05T12:00:00Z"))
    assert third["decision"] == "defer"


def test_tokens_and_scopes(server):
    status, response, data = server.request("POST", "/v1/decide", touch(), token=None)
    assert_error(status, data, 401, field="Authorization")
    assert response.getheader("WWW-Authenticate") == "Bearer"
    status, _, data = server.request("POST", "/v1/decide", touch(), token="wrong-token-0123456789")
    assert_error(status, data, 401)
    status, _, data = server.request("POST", "/v1/events", [], token=DECIDE_TOKEN)
    assert_error(status, data, 403, contains="'events' scope")
    status, _, data = server.request("PUT", "/v1/policy", "", token=EVENTS_TOKEN)
    assert_error(status, data, 403, contains="'admin' scope")
    # Health, readiness and metrics need no token.
    for path in ("/healthz", "/readyz", "/metrics"):
        status, _, _ = server.request("GET", path, token=None)
        assert status == 200, path


def test_the_reports_token_sees_everything_and_changes_nothing(server):
    put_person(server, "p-lead", time_zone="Europe/Berlin")
    printed = subprocess.run([BINARY, "serve", "--print-routes"], capture_output=True, text=True,
                             check=True).stdout.split("\n")
    opened = refused = 0
    for line in filter(None, printed):
        method, pattern, scopes = line.split()
        if scopes == "-":
            continue
        path = pattern.replace("{id}", "p-lead")
        body = None if method in ("GET", "DELETE") else {}
        status, _, data = server.request(method, path, body, token=REPORTS_TOKEN)
        if "reports" in scopes.split(","):
            assert method == "GET" and status not in (401, 403), (line, status, data)
            opened += 1
        else:
            assert_error(status, data, 403, contains="scope this route needs")
            refused += 1
    assert opened >= 12 and refused >= 10
    _, _, person = server.request("GET", "/v1/people/p-lead", token=REPORTS_TOKEN)
    assert person["time_zone"] == "Europe/Berlin"
    _, _, policy = server.request("GET", "/v1/policy", token=REPORTS_TOKEN)
    assert "[[budget]]" in policy["text"]


def test_unknown_routes_and_methods(server):
    status, _, data = server.request("GET", "/v1/nothing")
    assert_error(status, data, 404, field="path")
    status, response, data = server.request("DELETE", "/v1/people/p-1")
    assert_error(status, data, 405, field="method")
    assert response.getheader("Allow") == "GET, PUT"


def test_metrics_count_decisions_rules_events_and_latency(server):
    for hour in range(4):
        server.request("POST", "/v1/decide", touch(at=f"2030-03-05T1{hour}:00:00Z"))
    server.request("POST", "/v1/events", [{"id": "e-9", "type": "opened", "person_id": "p-1"}])
    server.request("GET", "/v1/nowhere")
    _, response, text = server.request("GET", "/metrics", token=None)
    assert response.getheader("Content-Type").startswith("text/plain; version=0.0.4")
    lines = set(text.splitlines())
    assert 'tact_decisions_total{outcome="send"} 3' in lines
    assert 'tact_decisions_total{outcome="defer"} 1' in lines
    assert 'tact_decision_reasons_total{rule="budget.all.1d"} 1' in lines
    assert 'tact_events_total{type="opened"} 1' in lines
    assert 'tact_http_requests_total{route="/v1/decide",status="200"} 4' in lines
    assert 'tact_http_requests_total{route="unmatched",status="404"} 1' in lines
    assert 'tact_http_request_duration_seconds_count{route="/v1/decide"} 4' in lines


def test_access_log_has_one_json_line_per_request(server):
    server.request("POST", "/v1/decide", touch(), headers={"X-Request-Id": "req-42"})
    server.request("GET", "/v1/nowhere")
    assert server.stop() == 0
    entries = [json.loads(line) for line in server.access_path.read_text().splitlines()]
    first = next(e for e in entries if e["request_id"] == "req-42")
    assert first["route"] == "/v1/decide" and first["status"] == 200
    assert first["latency_ms"] >= 0 and first["token"] == "ops"
    missing = next(e for e in entries if e["path"] == "/v1/nowhere")
    assert missing["route"] is None and missing["status"] == 404


def test_request_ids_are_echoed(server):
    _, response, _ = server.request("GET", "/healthz", headers={"X-Request-Id": "abc-1"})
    assert response.getheader("X-Request-Id") == "abc-1"
    _, response, _ = server.request("GET", "/healthz")
    assert response.getheader("X-Request-Id")


def start_request(server, path, body):
    """Sends a POST's header, announcing `body`, and returns the connection
    for the caller to send the body (or part of it) when it wants."""
    conn = server.connect()
    conn.putrequest("POST", path)
    conn.putheader("Authorization", f"Bearer {ADMIN_TOKEN}")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(len(body)))
    conn.endheaders()
    return conn


def test_sigterm_finishes_requests_in_flight(make_server):
    server = make_server()
    touches = [touch(person=f"p-{i}") for i in range(10000)]
    body = json.dumps({"touches": touches}).encode()
    conn = start_request(server, "/v1/decide/batch", body)
    conn.send(body[: len(body) // 2])
    # Half the body is in; the request is in flight when the signal comes.
    time.sleep(0.2)
    server.process.send_signal(signal.SIGTERM)
    time.sleep(0.2)
    assert server.process.poll() is None, "the server must wait for the request in flight"
    conn.send(body[len(body) // 2:])
    response = conn.getresponse()
    data = json.loads(response.read())
    assert response.status == 200 and len(data["decisions"]) == 10000
    assert response.getheader("Connection") == "close"
    assert server.process.wait(timeout=30) == 0
    assert "shutting down" in server.log() and '"msg":"stopped"' in server.log()


def test_sigterm_answers_a_request_waiting_for_its_sync(make_server, tmp_path):
    # Every fsync takes 600 ms: the answer to an opt-out waits for one, and
    # the signal comes while it waits, with no other work on the server.
    slow = tmp_path / "slow"
    server = make_server(env=slow_sync_env(600, slow))
    slow.touch()
    body = json.dumps([{"id": "e-sync", "type": "unsubscribed", "person_id": "p-sync",
                        "channel": "email", "at": "2030-03-05T15:00:00Z"}]).encode()
    conn = start_request(server, "/v1/events", body)
    conn.send(body)
    time.sleep(0.2)
    server.process.send_signal(signal.SIGTERM)
    response = conn.getresponse()
    data = json.loads(response.read())
    slow.unlink()
    assert response.status == 200 and data["accepted"] == 1, data
    assert server.process.wait(timeout=30) == 0, server.log()
    assert '"msg":"stopped"' in server.log()


def test_idle_connections_do_not_hold_shutdown(make_server):
    server = make_server("--drain-timeout", "20")
    conns = [server.connect() for _ in range(3)]
    for conn in conns:
        server.request("GET", "/healthz", conn=conn)  # kept alive, now idle
    started = time.time()
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=30) == 0
    # Closed at once, not at the drain timeout.
    assert time.time() - started < 3
    assert "connections still busy" not in server.log()


def test_insecure_mode_is_loopback_only_and_says_so(make_server, tmp_path):
    import subprocess
    from conftest import BINARY
    result = subprocess.run([BINARY, "serve", "--insecure-no-auth", "--listen", "0.0.0.0:0",
                             "--data", str(tmp_path / "d")], capture_output=True, text=True)
    assert result.returncode == 64 and "loopback" in result.stderr
    result = subprocess.run([BINARY, "serve", "--data", str(tmp_path / "d")],
                            capture_output=True, text=True)
    assert result.returncode == 64 and "--tokens" in result.stderr
    server = make_server("--insecure-no-auth", auth=False)
    assert "authentication is OFF" in server.log()
    status, _, data = server.request("POST", "/v1/decide", touch(), token=None)
    assert status == 200 and data["decision"] == "send"


def test_quiet_hours_across_a_repeated_hour(make_server):
    # America/St_Johns, 2026-11-01: 01:00-02:00 happens twice (03:30Z, 04:30Z).
    server = make_server(policy="""
[quiet_hours]
weekdays = "01:15-09:00"
weekends = "01:15-09:00"
channels = ["email"]
""")
    put_person(server, "nl", time_zone="America/St_Johns")
    for at in ("2026-11-01T04:30:00Z", "2026-11-01T04:44:00Z"):
        _, _, data = server.request("POST", "/v1/decide", touch(person="nl", at=at, dry_run=True))
        # Quiet hours began at 01:15 NDT (03:45Z) and last until 09:00 NST.
        assert data["decision"] == "defer", (at, data)
        assert data["not_before"] == "2026-11-01T12:30:00Z", data


def test_sigterm_the_moment_the_server_says_it_listens_stops_it_cleanly(tmp_path):
    # A supervisor may stop a server as soon as it says it listens: the
    # signal is handled from then on, and the state is closed as on any stop
    # (a server the signal killed outright left a data directory whose next
    # start refused it).
    for attempt in range(5):
        data = tmp_path / f"data{attempt}"
        process = subprocess.Popen([BINARY, "serve", "--insecure-no-auth", "--listen",
                                    "127.0.0.1:0", "--data", str(data)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        log = ""
        while '"msg":"listening"' not in log:
            line = process.stderr.readline()
            assert line, f"tact serve ended before it listened:\n{log}"
            log += line
        process.send_signal(signal.SIGTERM)
        log += process.stderr.read()
        assert process.wait(timeout=60) == 0, log
        assert '"msg":"stopped"' in log, log
        verify = subprocess.run([BINARY, "admin", "verify", "--data", str(data)],
                                capture_output=True, text=True, timeout=60)
        assert verify.returncode == 0, verify.stdout + verify.stderr
