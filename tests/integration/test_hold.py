"""Held touches: a touch that may not go now and says on_limit = "hold" is
kept by tact, decided again at its not_before and the tool called back
(a signed HTTP callback, retried, dead-lettered), listed and cancelled
through /v1/held, and never recorded twice across a kill -9. Time is the
server's test clock (--clock-file), moved by the tests."""
import hashlib
import hmac
import json
import signal
import threading
import time
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import DECIDE_TOKEN, ONE_A_DAY, SOURCE_DIR, start_server, wait_for


SECRET = "callback-secret-0123456789"
START = datetime(2030, 3, 5, 15, 0, tzinfo=timezone.utc)

BRAZE_BODY = ('{"campaign_id": "c-1", "trigger_properties": {"tact_hold": "{{hold_id}}"}, '
              '"recipients": [{"external_user_id": "{{person_id}}", "send": {{send}}}]}')


class Receiver:
    """A local HTTP receiver: records every callback; answers each path with
    the statuses queued for it (then 200)."""

    def __init__(self, delay=0.0):
        self.calls = []
        self.statuses = {}
        self.delay = delay
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver.lock:
                    receiver.calls.append({"path": self.path, "headers": dict(self.headers),
                                           "body": body})
                    queued = receiver.statuses.get(self.path, [])
                    status = queued.pop(0) if queued else 200
                time.sleep(receiver.delay)
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.http.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path):
        return f"http://127.0.0.1:{self.http.server_address[1]}{path}"

    def bodies(self, path=None):
        with self.lock:
            return [json.loads(call["body"]) for call in self.calls
                    if path is None or call["path"] == path]

    def close(self):
        self.http.shutdown()


@pytest.fixture
def receiver():
    instance = Receiver()
    yield instance
    instance.close()


class Clock:
    def __init__(self, path):
        self.path = path
        self.now = START
        self.write()

    def write(self):
        self.path.write_text(self.now.strftime("%Y-%m-%dT%H:%M:%SZ"))

    def set(self, when):
        self.now = when
        self.write()


def callbacks_file(directory, receiver, retries="", extra=""):
    path = directory / "callbacks.toml"
    directory.mkdir(parents=True, exist_ok=True)
    path.write_text(f"""
{retries}
[tool.braze]
url = "{receiver.url('/braze')}"
secret = "{SECRET}"
headers = {{ Authorization = "Bearer braze-key" }}
body = '''{BRAZE_BODY}'''

[tool.crm]
url = "{receiver.url('/crm')}"
secret = "{SECRET}"
hold = true
{extra}
""")
    return path


def start(tmp_path, receiver, name="server", retries="", data=None, clock=None):
    directory = tmp_path / name
    clock = clock or Clock(tmp_path / "now.txt")
    server = start_server(directory, "--callbacks", str(callbacks_file(directory, receiver, retries)),
                          "--clock-file", str(clock.path), "--release-every-ms", "20",
                          # On a cluster: a killed node's leases end soon.
                          "--held-lease-ms", "2000",
                          policy=ONE_A_DAY, data=data)
    return server, clock


def decide(server, person, tool="braze", **more):
    body = {"person_id": person, "channel": "email", "kind": "promotional", "tool": tool,
            "campaign": "spring", **more}
    status, _, data = server.request("POST", "/v1/decide", body, token=DECIDE_TOKEN)
    assert status == 200, data
    return data


def hold(server, person, **more):
    """A first send, then a touch held behind it."""
    assert decide(server, person)["decision"] == "send"
    held = decide(server, person, on_limit="hold", **more)
    assert held["decision"] == "defer", held
    return held


def held_state(server, hold_id):
    status, _, data = server.request("GET", f"/v1/held/{hold_id}", token=DECIDE_TOKEN)
    assert status == 200, data
    return data


def wait_for_held(server, hold_id, what, **fields):
    """The held touch once its fields have the given values (within wait_for's time)."""
    def reached():
        held = held_state(server, hold_id)
        return held if all(held[name] == value for name, value in fields.items()) else None
    return wait_for(reached, what)


def sends_since_release(server, person):
    """The person's recorded touches a minute after the release: the budget's
    day has let the first send go, so only released ones are left."""
    at = START + timedelta(days=1, minutes=1)
    status, _, why = server.request("GET", f"/v1/people/{person}/why?at={at:%Y-%m-%dT%H:%M:%SZ}")
    assert status == 200, why
    return len(why["history"])


def test_held_touch_is_called_back_at_its_not_before_signed_and_recorded_once(tmp_path, receiver):
    server, clock = start(tmp_path, receiver)
    try:
        held = hold(server, "p-1", subject="Spring offer")
        hold_id = held["held"]["id"]
        assert held["held"]["until"] == "2030-03-06T15:00:00Z"
        listed = server.request("GET", "/v1/held?state=held", token=DECIDE_TOKEN)[2]
        assert [item["id"] for item in listed["held"]] == [hold_id]
        assert listed["counts"]["held"] == 1
        assert listed["held"][0]["due"] == "2030-03-06T15:00:00Z"

        # Not before its time: a minute early, nothing.
        clock.set(START + timedelta(days=1) - timedelta(minutes=1))
        time.sleep(0.3)
        assert receiver.bodies() == []
        clock.set(START + timedelta(days=1))
        wait_for(lambda: receiver.bodies("/braze"), "the callback")
        state = wait_for_held(server, hold_id, "delivered", state="delivered")
        assert state["decision"] == "send" and state["touch_id"].startswith("t_")
        assert state["attempts"] == 1

        call = receiver.calls[0]
        body = call["body"]
        stamp, signature = call["headers"]["X-Tact-Signature"].split(",")
        expected = hmac.new(SECRET.encode(), stamp[2:].encode() + b"." + body,
                            hashlib.sha256).hexdigest()
        assert signature == f"v1={expected}"
        assert call["headers"]["X-Tact-Hold-Id"] == hold_id
        assert call["headers"]["Authorization"] == "Bearer braze-key"
        sent = json.loads(body)
        assert sent["recipients"] == [{"external_user_id": "p-1", "send": True}]
        assert sent["trigger_properties"]["tact_hold"] == hold_id

        # The release is recorded once.
        assert sends_since_release(server, "p-1") == 1
        time.sleep(0.3)
        assert len(receiver.bodies()) == 1
    finally:
        assert server.stop() == 0, server.log()


def test_callback_retried_on_500_then_dead_then_retried_by_hand(tmp_path, receiver):
    retries = "[retries]\nmax_attempts = 3\nfirst_retry_seconds = 60\nmax_retry_seconds = 120\n"
    server, clock = start(tmp_path, receiver, retries=retries)
    try:
        receiver.statuses["/braze"] = [500, 503, 500]
        hold_id = hold(server, "p-2")["held"]["id"]
        clock.set(START + timedelta(days=1))
        wait_for(lambda: len(receiver.bodies()) == 1, "the first attempt")
        state = wait_for_held(server, hold_id, "the first failure kept", attempts=1)
        assert state["state"] == "calling" and "500" in state["last_error"]
        assert state["due"] == "2030-03-06T15:01:00Z"  # first_retry_seconds later
        time.sleep(0.2)
        assert len(receiver.bodies()) == 1  # not before the back-off
        clock.set(START + timedelta(days=1, minutes=1))
        wait_for(lambda: len(receiver.bodies()) == 2, "the second attempt")
        # Its failure noted (the next attempt counts from the clock then) before the clock moves.
        state = wait_for_held(server, hold_id, "the second failure kept", attempts=2)
        assert state["due"] == "2030-03-06T15:03:00Z"  # 120 s later: doubled
        clock.set(START + timedelta(days=1, minutes=3))
        wait_for(lambda: len(receiver.bodies()) == 3, "the third attempt")
        state = wait_for_held(server, hold_id, "dead", state="dead")
        assert state["attempts"] == 3
        attempts = [call["headers"]["X-Tact-Attempt"] for call in receiver.calls]
        assert attempts == ["1", "2", "3"]
        metrics = server.request("GET", "/metrics", token=None)[2]
        assert 'tact_held_callbacks_total{tool="braze",result="dead"} 1' in metrics
        assert 'tact_held_callbacks_total{tool="braze",result="failed"} 2' in metrics
        assert 'tact_held_touches{state="dead"} 1' in metrics

        # By hand, once the tool is back: from the first attempt again.
        status, _, data = server.request("POST", f"/v1/held/{hold_id}/retry")
        assert status == 200 and data["state"] == "calling", data
        wait_for_held(server, hold_id, "delivered", state="delivered")
        assert len(receiver.bodies()) == 4
        # Recorded once however often the tool was called.
        assert sends_since_release(server, "p-2") == 1
    finally:
        assert server.stop() == 0, server.log()


def test_expired_hold_is_suppressed_with_a_callback_that_says_so(tmp_path, receiver):
    server, clock = start(tmp_path, receiver)
    try:
        expires = START + timedelta(days=1, hours=2)
        hold_id = hold(server, "p-3", expires=f"{expires:%Y-%m-%dT%H:%M:%SZ}")["held"]["id"]
        assert held_state(server, hold_id)["expires"] == "2030-03-06T17:00:00Z"
        clock.set(START + timedelta(days=2))  # tact was away past its expiry
        body = wait_for(lambda: receiver.bodies("/braze"), "the callback")[0]
        assert body["recipients"] == [{"external_user_id": "p-3", "send": False}]
        state = wait_for_held(server, hold_id, "delivered", state="delivered")
        assert state["decision"] == "suppress" and state["reason_code"] == "expires"
        assert state["touch_id"] is None
        assert sends_since_release(server, "p-3") == 0
    finally:
        assert server.stop() == 0, server.log()


def test_cancel_list_and_refusals(tmp_path, receiver):
    server, clock = start(tmp_path, receiver)
    try:
        hold_id = hold(server, "p-4")["held"]["id"]
        status, _, data = server.request("DELETE", f"/v1/held/{hold_id}", token=DECIDE_TOKEN)
        assert status == 200 and data["state"] == "cancelled", data
        status, _, data = server.request("DELETE", f"/v1/held/{hold_id}", token=DECIDE_TOKEN)
        assert status == 409 and "only a held touch" in data["error"]["message"], data
        clock.set(START + timedelta(days=1))
        time.sleep(0.3)
        assert receiver.bodies() == []
        assert sends_since_release(server, "p-4") == 0

        status, _, data = server.request("GET", "/v1/held/h_00000000000000ff", token=DECIDE_TOKEN)
        assert status == 404, data
        status, _, data = server.request("GET", "/v1/held/nope", token=DECIDE_TOKEN)
        assert status == 400 and data["error"]["field"] == "id", data
        status, _, data = server.request("GET", "/v1/held?state=gone", token=DECIDE_TOKEN)
        assert status == 400 and data["error"]["field"] == "state", data
        status, _, data = server.request("GET", "/v1/held?state=cancelled&tool=braze",
                                         token=DECIDE_TOKEN)
        assert [item["id"] for item in data["held"]] == [hold_id]

        # A hold for a tool tact cannot call back is refused, naming on_limit.
        body = {"person_id": "p-5", "channel": "email", "kind": "promotional",
                "tool": "outreach", "on_limit": "hold"}
        status, _, data = server.request("POST", "/v1/decide", body, token=DECIDE_TOKEN)
        assert status == 400 and data["error"]["field"] == "on_limit", data
        assert "braze, crm" in data["error"]["message"]
    finally:
        assert server.stop() == 0, server.log()


def test_a_tools_default_holds_and_the_check_endpoint_says_held(tmp_path, receiver):
    server, clock = start(tmp_path, receiver)
    try:
        assert decide(server, "p-6", tool="crm")["decision"] == "send"
        held = decide(server, "p-6", tool="crm")  # no on_limit: the tool's default holds
        assert held["held"]["id"].startswith("h_"), held
        # Asked to defer, it is not held.
        assert "held" not in decide(server, "p-6", tool="crm", on_limit="defer")

        query = "person_id=p-6&channel=email&kind=promotional&tool=braze&campaign=c&on_limit=hold"
        status, _, answer = server.request("GET", f"/v1/check?{query}", token=DECIDE_TOKEN)
        assert status == 200 and answer["decision"] == "defer", answer
        assert answer["held"] is True and answer["hold_id"].startswith("h_")
        status, _, again = server.request("GET", f"/v1/check?{query}", token=DECIDE_TOKEN)
        assert again["hold_id"] == answer["hold_id"] and again["repeated"] is True
        listed = server.request("GET", "/v1/held?person_id=p-6", token=DECIDE_TOKEN)[2]
        assert len(listed["held"]) == 2  # the repeated check held nothing more
    finally:
        assert server.stop() == 0, server.log()


def test_never_recorded_twice_across_kill_9(tmp_path):
    receiver = Receiver(delay=0.05)
    server, clock = start(tmp_path, receiver)
    people = [f"k-{n}" for n in range(20)]
    try:
        ids = {hold(server, person)["held"]["id"]: person for person in people}
        clock.set(START + timedelta(days=1))
        wait_for(lambda: len(receiver.bodies()) >= 5, "some callbacks")
        server.process.send_signal(signal.SIGKILL)
        server.process.wait()

        server, clock = start(tmp_path, receiver, name="again", data=tmp_path / "server" / "data",
                              clock=clock)
        wait_for(lambda: server.request("GET", "/v1/held?state=delivered&limit=1000",
                                        token=DECIDE_TOKEN)[2]["counts"]["delivered"] == 20,
                 "every callback delivered", seconds=60)
        by_hold = {}
        for call in receiver.calls:
            body = json.loads(call["body"])
            by_hold.setdefault(call["headers"]["X-Tact-Hold-Id"], []).append(body)
        assert set(by_hold) == set(ids)
        # A callback under way when tact was killed may come again, the same.
        repeated = [bodies for bodies in by_hold.values() if len(bodies) > 1]
        assert len(repeated) <= 1
        for bodies in repeated:
            assert all(body == bodies[0] for body in bodies)
        for person in people:
            assert sends_since_release(server, person) == 1, person
    finally:
        if server.process.poll() is None:
            assert server.stop() == 0, server.log()
        receiver.close()


def test_the_shipped_recipes_reach_braze_customerio_and_hubspot_as_their_apis_expect(tmp_path,
                                                                                    receiver):
    """examples/callbacks.toml as shipped, its hosts pointed at the receiver."""
    recipes = (SOURCE_DIR / "examples" / "callbacks.toml").read_text()
    for host in ("https://rest.iad-01.braze.com", "https://track.customer.io",
                 "https://api.hubapi.com"):
        recipes = recipes.replace(host, receiver.url(""))
    directory = tmp_path / "server"
    directory.mkdir()
    (directory / "recipes.toml").write_text(recipes)
    clock = Clock(tmp_path / "now.txt")
    server = start_server(directory, "--callbacks", str(directory / "recipes.toml"),
                          "--clock-file", str(clock.path), "--release-every-ms", "20",
                          policy=ONE_A_DAY)
    try:
        status, _, data = server.request("PUT", "/v1/people/p-hub", {"email": "Ana+1@Example.com"})
        assert status == 201, data
        holds = {}
        for tool, person in (("braze", "p-braze"), ("customerio", "p-cio"), ("hubspot", "p-hub")):
            assert decide(server, person, tool=tool)["decision"] == "send"
            holds[tool] = decide(server, person, tool=tool)["held"]["id"]  # held by default
        clock.set(START + timedelta(days=1))
        wait_for(lambda: len(receiver.calls) == 3, "three callbacks")
        by_path = {call["path"]: call for call in receiver.calls}

        braze = by_path["/campaigns/trigger/send"]
        assert braze["headers"]["Authorization"] == "Bearer YOUR-BRAZE-REST-API-KEY"
        body = json.loads(braze["body"])
        assert body["campaign_id"] == "YOUR-API-TRIGGERED-CAMPAIGN-ID"
        [recipient] = body["recipients"]
        assert recipient["external_user_id"] == "p-braze"
        assert recipient["trigger_properties"]["tact_hold_id"] == holds["braze"]
        assert recipient["trigger_properties"]["tact_touch_id"].startswith("t_")

        cio = by_path["/api/v2/entity"]
        assert cio["headers"]["Authorization"].startswith("Basic ")
        body = json.loads(cio["body"])
        assert (body["type"], body["action"], body["name"]) == ("person", "event", "tact_released")
        assert body["identifiers"] == {"id": "p-cio"}
        assert body["attributes"]["send"] is True and body["attributes"]["decision"] == "send"

        hub = [path for path in by_path if path.startswith("/automation/v2/workflows/")]
        assert hub == ["/automation/v2/workflows/YOUR-WORKFLOW-ID/enrollments/contacts/"
                       "ana%2B1%40example.com"]
        assert by_path[hub[0]]["headers"]["X-Tact-Hold-Id"] == holds["hubspot"]
    finally:
        assert server.stop() == 0, server.log()
