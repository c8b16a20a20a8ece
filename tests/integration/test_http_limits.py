"""Attacks on the HTTP transport over raw sockets against the real server:
nothing unauthenticated makes it hold memory or connections, and framing it
cannot know is refused (RFC 9112)."""
import socket
import time
from pathlib import Path

import pytest

from conftest import DECIDE_TOKEN, start_server


def raw(server, timeout=10):
    sock = socket.create_connection((server.host, server.port), timeout=timeout)
    return sock


def read_response(sock):
    """Reads one response (status line, headers, Content-Length body)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1]) if lines and lines[0] else 0
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return status, headers, body[:length].decode("utf-8", "replace")


def closed(sock, seconds=5):
    """Whether the server closes the connection within `seconds`."""
    sock.settimeout(seconds)
    try:
        while True:
            if not sock.recv(65536):
                return True
    except socket.timeout:
        return False
    except ConnectionResetError:
        return True


def rss_mib(server):
    for line in Path(f"/proc/{server.process.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0


def test_a_body_is_not_read_without_a_token(server):
    sock = raw(server)
    sock.sendall(b"POST /v1/decide HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                 b"Content-Length: 15000000\r\n\r\n")
    # Answered on the header alone: nothing of the body was sent.
    status, headers, body = read_response(sock)
    assert status == 401 and '"unauthorized"' in body, body
    assert headers.get("connection") == "close"
    sock.close()


def test_endless_chunk_extensions_are_cut_off(server):
    before = rss_mib(server)
    sock = raw(server)
    sock.sendall(b"POST /v1/decide HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                 b"Authorization: Bearer " + DECIDE_TOKEN.encode() +
                 b"\r\nTransfer-Encoding: chunked\r\n\r\n5;a=")
    sent = 0
    try:
        while sent < (256 << 20):
            sock.sendall(b"a" * (1 << 20))
            sent += 1 << 20
    except (BrokenPipeError, ConnectionResetError):
        pass
    assert sent < (256 << 20), "the server kept reading the chunk header"
    assert rss_mib(server) < before + 64, (before, rss_mib(server))
    sock.close()
    status, _, _ = server.request("GET", "/healthz")
    assert status == 200


def test_a_chunk_header_too_long_is_answered_400(server):
    sock = raw(server)
    sock.sendall(b"POST /v1/decide HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                 b"Authorization: Bearer " + DECIDE_TOKEN.encode() +
                 b"\r\nTransfer-Encoding: chunked\r\n\r\n5;a=" + b"a" * (100 << 10))
    status, _, body = read_response(sock)
    assert status == 400 and "chunk header" in body, body
    sock.close()


@pytest.mark.parametrize("encoding", ["chunked, identity", "xchunked", "gzip", "identity"])
def test_unknown_transfer_encodings_are_refused_and_the_connection_closed(server, encoding):
    payload = b'{"person_id":"p-1","channel":"email","kind":"promotional"}'
    sock = raw(server)
    sock.sendall(b"POST /v1/decide HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                 b"Authorization: Bearer " + DECIDE_TOKEN.encode() +
                 b"\r\nTransfer-Encoding: " + encoding.encode() + b"\r\n\r\n" +
                 b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n" + payload)
    status, headers, body = read_response(sock)
    assert status == 400, body
    assert "Transfer-Encoding" in body
    # The payload is not taken for a next request: the connection ends.
    assert closed(sock)
    sock.close()


def test_webhook_bodies_have_their_own_small_limit(server):
    sock = raw(server)
    sock.sendall(b"POST /v1/webhooks/mailgun HTTP/1.1\r\nHost: t\r\nContent-Type: application/json"
                 b"\r\nContent-Length: 15000000\r\n\r\n")
    status, _, body = read_response(sock)
    assert status == 413 and "larger than 4194304 bytes" in body, body
    sock.close()


def test_bodies_in_flight_share_one_budget(make_server):
    server = make_server("--max-inflight-body-mib", "8")
    holders = []
    for _ in range(2):
        sock = raw(server)
        sock.sendall(b"POST /v1/webhooks/mailgun HTTP/1.1\r\nHost: t\r\nContent-Type: "
                     b"application/json\r\nContent-Length: 4000000\r\n\r\n{")
        holders.append(sock)
    time.sleep(0.3)
    sock = raw(server)
    sock.sendall(b"POST /v1/webhooks/mailgun HTTP/1.1\r\nHost: t\r\nContent-Type: "
                 b"application/json\r\nContent-Length: 4000000\r\n\r\n{")
    status, headers, body = read_response(sock)
    assert status == 503 and headers.get("retry-after") == "1", body
    sock.close()
    for holder in holders:
        holder.close()
    time.sleep(0.3)
    status, _, _ = server.request("GET", "/healthz")
    assert status == 200


def test_silent_connections_make_room_for_real_clients(make_server):
    server = make_server("--max-connections", "20")
    silent = [raw(server) for _ in range(30)]
    time.sleep(0.3)
    for attempt in range(3):
        status, _, data = server.request("GET", "/healthz")
        assert status == 200, data
    for sock in silent:
        sock.close()


def test_a_new_connection_must_start_its_request_soon(make_server):
    server = make_server("--header-timeout", "1", "--idle-timeout", "60")
    sock = raw(server)
    started = time.monotonic()
    assert closed(sock, seconds=5)
    assert time.monotonic() - started < 3
    sock.close()


def test_at_the_limit_with_no_idle_connection_the_answer_says_when_to_retry(make_server):
    server = make_server("--max-connections", "2", "--header-timeout", "5")
    # Two connections busy sending a header slowly: not idle, not evictable.
    busy = []
    for _ in range(2):
        sock = raw(server)
        sock.sendall(b"GET /healthz HTTP/1.1\r\n")
        busy.append(sock)
    time.sleep(0.3)
    sock = raw(server)
    status, headers, body = read_response(sock)
    assert status == 503 and headers.get("retry-after") == "1", body
    for each in busy + [sock]:
        each.close()


def test_health_checks_answer_while_batches_run(make_server):
    import json as json_module
    import threading
    server = make_server("--store", "memory", "--max-body-bytes", str(8 << 20))
    # Texts make each touch cost its content analysis: a batch takes a while.
    text = "Your order has shipped and will arrive on Tuesday. " * 8
    touches = [{"person_id": f"p-{n}", "channel": "email", "kind": "transactional",
                "at": "2030-03-05T15:00:00Z", "subject": f"Order {n}", "body": text}
               for n in range(10000)]
    body = json_module.dumps({"touches": touches}).encode()
    answered = []
    lock = threading.Lock()

    def batch():
        status, _, _ = server.request("POST", "/v1/decide/batch", body)
        with lock:
            answered.append(("batch", status, time.monotonic()))

    threads = [threading.Thread(target=batch) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(0.2)  # the batches are read and being decided
    status, _, _ = server.request("GET", "/healthz", token=None)
    with lock:
        answered.append(("healthz", status, time.monotonic()))
    for thread in threads:
        thread.join()
    order = [name for name, _, _ in sorted(answered, key=lambda entry: entry[2])]
    assert all(status == 200 for _, status, _ in answered), answered
    # Not queued behind a batch on an I/O thread: answered before any of them.
    assert order[0] == "healthz", order
