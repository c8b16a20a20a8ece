"""Thousands of generated malformed requests: never a 5xx, never a crash,
every 4xx in the error shape and naming the problem; and the server still
answers correctly afterwards.

The generator is seeded, so a failure names a reproducible case.
"""
import json
import random
import socket
import time

import pytest

from conftest import DECIDE_TOKEN, assert_error, touch

TOUCH_FIELDS = ["person_id", "channel", "kind", "sender", "team", "tool", "campaign", "thread",
                "step", "priority", "value", "language", "subject", "body", "at", "expires",
                "on_limit", "key", "dry_run"]
EVENT_FIELDS = ["id", "type", "person_id", "channel", "touch_id", "at", "machine"]
# Values of the wrong type or out of range for every field above. Strings are
# fine for string fields, so each field gets the values that are wrong for it.
NUMBERS = [-1, 101, 256, 1e308, 2 ** 70, -2 ** 70, 0.5]
WRONG_FOR_STRING = [1, True, [1, 2], {"a": 1}, 12.5]
WRONG_FOR_NUMBER = ["ten", True, [1], {"a": 1}, -5, 1e30]
WRONG_FOR_BOOL = ["yes", 2, [True], {"a": True}]
WRONG_FOR_TIME = ["yesterday", "2030-13-01T00:00:00Z", "9999-01-01T00:00:00Z", 1700000000,
                  "2030-03-05 10:00"]
KIND_OF = {"step": "number", "value": "number", "dry_run": "bool", "machine": "bool",
           "at": "time", "expires": "time", "channel": "enum", "kind": "enum", "type": "enum",
           "on_limit": "enum", "priority": "enum"}
WRONG = {"number": WRONG_FOR_NUMBER, "bool": WRONG_FOR_BOOL, "time": WRONG_FOR_TIME,
         "enum": ["fax", "", "EMAIL", 3, None], "string": WRONG_FOR_STRING}


@pytest.fixture
def hardened(make_server):
    return make_server("--max-body-bytes", "65536", "--max-batch", "100",
                       "--header-timeout", "1", "--body-timeout", "1")


def raw_exchange(server, payload, read_timeout=10):
    """Sends raw bytes; returns (status, body bytes) of the first response, or (None, b"")."""
    with socket.create_connection((server.host, server.port), timeout=read_timeout) as sock:
        try:
            sock.sendall(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass
        data = b""
        try:
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
                head, _, body = data.partition(b"\r\n\r\n")
                if b"Content-Length:" in head:
                    length = int(head.split(b"Content-Length:")[1].split(b"\r\n")[0])
                    if len(body) >= length:
                        break
        except (ConnectionResetError, socket.timeout):
            pass
    if not data.startswith(b"HTTP/1.1 "):
        return None, data
    status = int(data[9:12])
    return status, data.partition(b"\r\n\r\n")[2]


def field_cases(rng):
    """(path, body, expected field): one field wrong in an otherwise valid body."""
    cases = []
    for field in TOUCH_FIELDS:
        for value in WRONG[KIND_OF.get(field, "string")]:
            body = touch()
            body[field] = value
            if value is None and field in ("channel", "kind"):
                expected = field  # null counts as absent: "is required"
            else:
                expected = field
            if field == "priority" and value in ("", None):
                continue  # empty priority is the kind's own tier: valid
            if value is None and field not in ("person_id", "channel", "kind"):
                continue  # null is absent, and an absent optional field is valid
            if field in ("person_id",) and value is None:
                expected = "person_id"
            cases.append(("/v1/decide", body, expected))
            position = rng.randrange(3)
            batch = [touch(person=f"b-{i}") for i in range(3)]
            batch[position] = body
            cases.append(("/v1/decide/batch", {"touches": batch}, f"touches[{position}].{expected}"))
    for field in EVENT_FIELDS:
        for value in WRONG[KIND_OF.get(field, "string")]:
            event = {"id": "e-1", "type": "opened", "person_id": "p-1"}
            event[field] = value
            if field == "channel" and value in ("", None):
                continue  # an empty or null channel means "the type's usual one"
            cases.append(("/v1/events", [event], f"[0].{field}"))
    return [case for case in cases if not (case[1] == touch())]


def mutate_json(rng, text):
    """A malformed variant of a JSON text."""
    choice = rng.randrange(7)
    if choice == 0:
        return text[: rng.randrange(len(text))]  # truncated
    if choice == 1:
        position = rng.randrange(len(text))
        return text[:position] + rng.choice(["{", "}", "[", "]", ",", ":", '"', "\\"]) + text[position:]
    if choice == 2:
        return text.replace('"', "'", 1)
    if choice == 3:
        return text + rng.choice(["}", "]", ",", " x", "{}"])
    if choice == 4:
        return text.replace(":", "", 1)
    if choice == 5:
        return "\x00" + text
    return text.replace("true", "tru").replace("false", "fals").replace("{", "{,", 1)


def test_wrong_fields_name_the_field(hardened):
    rng = random.Random(1)
    conn = hardened.connect()
    cases = field_cases(rng)
    assert len(cases) > 200
    for path, body, field in cases:
        status, _, data = hardened.request("POST", path, body, conn=conn)
        assert_error(status, data, 400)
        assert data["error"]["field"] == field, (path, body, data)


def test_generated_malformed_bodies(hardened):
    rng = random.Random(2)
    conn = hardened.connect()
    bodies = {
        "/v1/decide": json.dumps(touch(sender="ana@acme.example", thread="t-1", step=2)),
        "/v1/decide/batch": json.dumps({"touches": [touch(), touch(person="p-2")]}),
        "/v1/events": json.dumps([{"id": "e-1", "type": "opened", "person_id": "p-1"}]),
        "/v1/people/p-1": json.dumps({"country": "DE", "consent": {"email": "opted_in"}}),
        "/v1/accounts/a-1": json.dumps({"industry": "software", "employees": 40}),
    }
    count = 0
    for _ in range(2000):
        path = rng.choice(list(bodies))
        method = "PUT" if "/people/" in path or "/accounts/" in path else "POST"
        text = mutate_json(rng, bodies[path])
        try:
            json.loads(text)
            continue  # still valid JSON: not a malformed case
        except ValueError:
            pass
        status, _, data = hardened.request(method, path, text.encode("utf-8", "surrogatepass"),
                                           conn=conn)
        assert_error(status, data, 400)
        assert data["error"]["code"] in ("bad_json", "invalid"), data
        count += 1
    assert count > 1000


def test_hostile_bodies(hardened):
    conn = hardened.connect()
    cases = [
        ("/v1/decide", b'{"person_id": "p-1", "channel": "email", "kind": "\xff\xfe"}'),
        ("/v1/decide", b'{"person_id": "\xc3\x28", "channel": "email", "kind": "cold"}'),
        ("/v1/decide", b'{"person_id": "p-1", "channel": "email", "kind": "cold", "x": "\xed\xa0\x80"}'),
        ("/v1/decide", b"[" * 5000 + b"]" * 5000),
        ("/v1/decide", b'{"a":' * 3000 + b"1" + b"}" * 3000),
        ("/v1/decide", b'{"person_id": "p-1", "channel": "email", "kind": "cold", "value": 1e999}'),
        ("/v1/decide", b'{"person_id": "p-1", "channel": "email", "kind": "cold", "step": 99999999999999999999999}'),
        ("/v1/decide", b'{"person_id": "p-1", "channel": "email", "kind": "cold", "value": "-0"}'),
        ("/v1/decide", b'{"person_id": "' + b"x" * 300 + b'", "channel": "email", "kind": "cold"}'),
        ("/v1/decide", b'{"person_id": "p-1", "channel": "email", "kind": "cold", "body": "' + b"y" * 70000 + b'"}'),
        ("/v1/decide", b'{"person_id": "p-1", "person_id": "p-2", "channel": "email", "kind": "cold"}'),
        ("/v1/decide", b""),
        ("/v1/decide", b"null"),
        ("/v1/decide", b'"just a string"'),
        ("/v1/decide/batch", b'{"touches": {}}'),
        ("/v1/decide/batch", b'{"touches": [1, 2]}'),
        ("/v1/decide/batch", b'{"touches": [], "extra": 1}'),
        ("/v1/decide/batch", b"[]"),
        ("/v1/events", b"{}"),
        ("/v1/events", b"[[]]"),
        ("/v1/events", b'[{"id": "e", "type": "opened", "person_id": "p", "at": "2030-02-30T00:00:00Z"}]'),
    ]
    for path, body in cases:
        status, _, data = hardened.request("POST", path, body, conn=conn)
        assert 400 <= status < 500, (path, body[:80], status, data)
        assert_error(status, data, status)
    status, _, data = hardened.request(
        "POST", "/v1/decide",
        b'{"person_id": "p-1", "channel": "email", "kind": "cold", "step": 99999999999999999999999}')
    assert_error(status, data, 400, contains="beyond 64 bits")
    # Over the limits: body bytes and batch size.
    status, _, data = hardened.request(
        "POST", "/v1/decide/batch", {"touches": [touch(person=f"p-{i}") for i in range(101)]},
        conn=conn)
    assert_error(status, data, 413, field="touches", contains="at most 100")
    status, _, data = hardened.request("POST", "/v1/events",
                                       [{"id": f"e-{i}", "type": "opened", "person_id": "p"}
                                        for i in range(101)], conn=conn)
    assert_error(status, data, 413)
    status, _, data = hardened.request("POST", "/v1/decide", b"{" + b" " * 70000 + b"}")
    assert_error(status, data, 413, field="body")
    status, _, data = hardened.request("PUT", "/v1/policy", b"[[budget]]\nscope = \"\xff\"\n")
    assert_error(status, data, 400)
    status, _, data = hardened.request("GET", "/v1/people/%ff%fe/why")
    assert_error(status, data, 400)
    status, _, data = hardened.request("GET", "/v1/people/%zz")
    assert_error(status, data, 400, field="path")


def test_broken_http(hardened):
    cases = [
        b"GARBAGE\r\n\r\n",
        b"GET / HTTP/9.9\r\n\r\n",
        b"POST /v1/decide HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
        b"POST /v1/decide HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
        b"POST /v1/decide HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
        b"POST /v1/decide HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
        b"POST /v1/decide HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
        b"GET /healthz HTTP/1.1\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n",
        b"GET /healthz HTTP/1.1\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(2000)) + b"\r\n",
        b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\n\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(range(256)),  # a TLS hello
    ]
    for payload in cases:
        status, body = raw_exchange(hardened, payload)
        assert status is not None and 400 <= status < 500, (payload[:60], status, body[:200])
        data = json.loads(body)
        assert_error(status, data, status)
    status, body = raw_exchange(hardened, cases[7])
    assert status == 431


def test_truncated_body_and_slow_clients_time_out(hardened):
    # Content-Length promises more than is sent: closed at the body timeout.
    started = time.time()
    status, body = raw_exchange(
        hardened, b"POST /v1/decide HTTP/1.1\r\nAuthorization: Bearer " + DECIDE_TOKEN.encode() +
        b"\r\nContent-Length: 100\r\n\r\n{\"person_id\"")
    assert status is None and body == b"" and time.time() - started < 5
    # A client trickling its header is cut off at the header timeout, well
    # before the idle timeout.
    with socket.create_connection((hardened.host, hardened.port), timeout=10) as sock:
        started = time.time()
        closed = False
        for byte in b"GET /healthz HTTP/1.1\r\nX-Slow: " + b"z" * 100:
            try:
                sock.sendall(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            time.sleep(0.05)
            if time.time() - started > 5:
                break
        if not closed:
            sock.settimeout(5)
            try:
                data = sock.recv(65536)
                closed = data == b""
            except ConnectionResetError:
                closed = True
        assert closed and time.time() - started < 5


def test_connection_limit(make_server):
    server = make_server("--max-connections", "4")
    # Connections in the middle of a request hold their place (idle ones
    # would be closed to make room: tests/integration/test_http_limits.py).
    held = [socket.create_connection((server.host, server.port)) for _ in range(4)]
    for sock in held:
        sock.sendall(b"GET /healthz HTTP/1.1\r\n")
    time.sleep(0.2)
    status, body = raw_exchange(server, b"GET /healthz HTTP/1.1\r\n\r\n")
    assert status == 503 and json.loads(body)["error"]["code"] == "unavailable"
    for sock in held:
        sock.close()
    time.sleep(0.2)
    status, _, _ = server.request("GET", "/healthz")
    assert status == 200


def test_still_correct_afterwards(hardened):
    rng = random.Random(3)
    conn = hardened.connect()
    for path, body, _ in field_cases(rng)[:200]:
        hardened.request("POST", path, body, conn=conn)
    for payload in (b"GARBAGE\r\n\r\n", b"POST /v1/decide HTTP/1.1\r\nContent-Length: 5\r\n\r\n{"):
        raw_exchange(hardened, payload)
    answers = [hardened.request("POST", "/v1/decide", touch(person="after", at=f"2030-03-05T1{h}:00:00Z"))[2]
               for h in range(4)]
    assert [a["decision"] for a in answers] == ["send", "send", "send", "defer"]
    assert hardened.process.poll() is None
    assert "request handler failed" not in hardened.log()


def test_error_answers_are_valid_utf8_and_name_odd_fields_exactly(server):
    # A key with a trailing space is named as it is.
    status, _, data = server.request("POST", "/v1/decide", {
        "person_id ": "p-1", "channel": "email", "kind": "promotional"})
    assert_error(status, data, 400, field="person_id ")
    assert '"person_id ": unknown field' in data["error"]["message"]


def test_a_batch_error_reads_as_one_sentence(server):
    touches = [touch(), touch(channel="fax")]
    status, _, data = server.request("POST", "/v1/decide/batch", {"touches": touches})
    assert_error(status, data, 400, field="touches[1].channel")
    assert data["error"]["message"] == (
        "touches[1].channel: 'fax' is not a channel; use email, sms, push, call, social, "
        "direct_mail"), data


def test_languages_must_be_tags_and_zones_must_follow_a_place(server):
    status, _, data = server.request("PUT", "/v1/people/p-1", {"languages": ["German"]})
    assert_error(status, data, 400, field="languages")
    assert "did you mean 'de'?" in data["error"]["message"]
    status, _, data = server.request("PUT", "/v1/people/p-1", {"time_zone": "EST"})
    assert_error(status, data, 400, field="time_zone", contains="America/New_York")
    status, _, data = server.request("PUT", "/v1/people/p-1", {"time_zone": ""})
    assert_error(status, data, 400, field="time_zone", contains="is empty")
    status, _, data = server.request("PUT", "/v1/people/p-1", {
        "languages": ["de-AT", "pt_BR"], "time_zone": "America/St_Johns"})
    assert status == 201, data
