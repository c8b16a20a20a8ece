"""The embedded store keeps everything it acknowledged, and refuses data
directories it cannot use with a message that says why.

The crash test drives `tact serve` from several client threads that log every
acknowledged answer, kills the server with SIGKILL at random moments, restarts
it on the same data directory, and checks the acknowledged state against what
the restarted server reports.
"""
import json
import os
import random
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.embedded_only  # the data directory itself

from conftest import ADMIN_TOKEN, BINARY, start_server

# Budgets large enough that promotional asks are sent, so that sends pile up
# for the budgets to count; consent is what opt-outs change.
CRASH_POLICY = """
[[budget]]
scope = "all"
window = "30d"
max = 100000
"""

PEOPLE = 200
MAX_START_SECONDS = 10


class Client:
    """Worker threads sending a mix of requests to whichever server is up,
    logging only what the server acknowledged."""

    def __init__(self, threads=4, seed=7):
        self.server = None
        self.stopping = False
        self.lock = threading.Lock()
        self.acked_sends = {}  # person -> sends acknowledged
        self.acked_events = []  # event bodies acknowledged
        self.acked_opt_outs = []  # people whose unsubscribe was acknowledged
        self.counter = 0
        self.threads = [
            threading.Thread(target=self.run, args=(random.Random(seed + index),), daemon=True)
            for index in range(threads)
        ]

    def next_id(self):
        with self.lock:
            self.counter += 1
            return self.counter

    def start(self):
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopping = True
        for thread in self.threads:
            thread.join(timeout=30)

    def run(self, rng):
        connection, connected_to = None, None
        while not self.stopping:
            server = self.server
            if server is None:
                time.sleep(0.01)
                continue
            if connected_to is not server:
                connection, connected_to = server.connect(timeout=5), server
            try:
                self.one_request(server, connection, rng)
            except (OSError, ConnectionError, json.JSONDecodeError, Exception):
                # The server died mid-request: nothing was acknowledged.
                connection.close()
                connection, connected_to = None, None
                time.sleep(0.01)

    def one_request(self, server, connection, rng):
        choice = rng.random()
        if choice < 0.55:
            person = f"p-{rng.randrange(PEOPLE)}"
            touch = {"person_id": person, "channel": "email", "kind": "promotional"}
            status, _, data = server.request("POST", "/v1/decide", touch, conn=connection)
            if status == 200 and data["decision"] == "send":
                with self.lock:
                    self.acked_sends[person] = self.acked_sends.get(person, 0) + 1
        elif choice < 0.65:
            people = [f"p-{rng.randrange(PEOPLE)}" for _ in range(5)]
            touches = [{"person_id": p, "channel": "email", "kind": "promotional"} for p in people]
            status, _, data = server.request(
                "POST", "/v1/decide/batch", {"touches": touches}, conn=connection)
            if status == 200:
                with self.lock:
                    for person, decision in zip(people, data["decisions"]):
                        if decision["decision"] == "send":
                            self.acked_sends[person] = self.acked_sends.get(person, 0) + 1
        elif choice < 0.85:
            number = self.next_id()
            event = {"id": f"evt-{number}", "type": rng.choice(["delivered", "opened", "replied"]),
                     "person_id": f"p-{rng.randrange(PEOPLE)}", "channel": "email"}
            status, _, data = server.request("POST", "/v1/events", [event], conn=connection)
            if status == 200 and data["accepted"] == 1:
                with self.lock:
                    self.acked_events.append(event)
        else:
            number = self.next_id()
            person = f"o-{number}"
            event = {"id": f"unsub-{number}", "type": "unsubscribed", "person_id": person,
                     "channel": "email"}
            status, _, data = server.request("POST", "/v1/events", [event], conn=connection)
            if status == 200 and data["accepted"] == 1:
                with self.lock:
                    self.acked_opt_outs.append(person)
                    self.acked_events.append(event)


def timed_start(directory, *extra):
    started = time.monotonic()
    server = start_server(directory, *extra, policy=CRASH_POLICY)
    seconds = time.monotonic() - started
    assert seconds < MAX_START_SECONDS, f"start took {seconds:.1f} s"
    return server


def check_acknowledged_state(server, client):
    # Every acknowledged opt-out is in the person's consent.
    for person in client.acked_opt_outs:
        status, _, data = server.request("GET", f"/v1/people/{person}")
        assert status == 200, (person, data)
        assert data["consent"]["email"] == "opted_out", (person, data)
    # Every acknowledged event is known: sent again, each is a duplicate.
    events = client.acked_events
    for start in range(0, len(events), 1000):
        chunk = events[start:start + 1000]
        status, _, data = server.request("POST", "/v1/events", chunk)
        assert status == 200, data
        assert data == {"accepted": 0, "duplicates": len(chunk)}, data
    # Every acknowledged send is counted by the budgets.
    for person, sends in client.acked_sends.items():
        status, _, data = server.request("GET", f"/v1/people/{person}/why")
        assert status == 200, data
        used = next(b["used"] for b in data["budgets"] if b["window"] == "30d")
        assert used >= sends, (person, used, sends)
        assert len(data["history"]) == used


@pytest.mark.parametrize("durability", ["group", "sync"])
def test_nothing_acknowledged_is_lost_across_kill_9(tmp_path, durability):
    rng = random.Random(11)
    directory = tmp_path / "server"
    client = Client()
    client.start()
    # bench/durability/crash runs the long variant (TACT_CRASH_KILLS=30).
    kills = int(os.environ.get("TACT_CRASH_KILLS", "4"))
    try:
        for _ in range(kills):
            server = timed_start(directory, "--durability", durability)
            client.server = server
            time.sleep(rng.uniform(0.3, 1.2))
            server.process.send_signal(signal.SIGKILL)
            server.process.wait(timeout=30)
            client.server = None
    finally:
        client.stop()
    print(f"acknowledged: {sum(client.acked_sends.values())} sends, {len(client.acked_events)} events, {len(client.acked_opt_outs)} opt-outs")
    assert sum(client.acked_sends.values()) > 50, "the client got too few sends acknowledged"
    assert len(client.acked_opt_outs) > 5 and len(client.acked_events) > 20

    server = timed_start(directory, "--durability", durability)
    try:
        check_acknowledged_state(server, client)
    finally:
        assert server.stop() == 0, server.log()

    # The same holds after a clean restart, and the directory verifies.
    verify = subprocess.run([BINARY, "admin", "verify", "--data", str(directory / "data")],
                            capture_output=True, text=True, timeout=60)
    assert verify.returncode == 0, verify.stderr
    assert "sound" in verify.stdout


# --- Data directories tact refuses -------------------------------------------------------------


def serve_fails(data_dir, *extra):
    """Runs `tact serve` expecting it to refuse; returns its stderr."""
    result = subprocess.run(
        [BINARY, "serve", "--listen", "127.0.0.1:0", "--insecure-no-auth", "--data", str(data_dir),
         "--access-log", "off", *extra],
        capture_output=True, text=True, timeout=60)
    assert result.returncode != 0, result.stderr
    assert "Segmentation" not in result.stderr and result.returncode > 0
    return result.stderr


def make_state(tmp_path):
    """A data directory with some state, cleanly shut down."""
    server = start_server(tmp_path / "server")
    for number in range(20):
        server.request("POST", "/v1/decide",
                       {"person_id": f"p-{number}", "channel": "email", "kind": "transactional"})
    server.request("PUT", "/v1/people/ana", {"consent": {"email": "opted_in"}})
    assert server.stop() == 0
    return tmp_path / "server" / "data"


def test_a_directory_in_use_is_refused_naming_the_holder(tmp_path):
    server = start_server(tmp_path / "server")
    try:
        message = serve_fails(tmp_path / "server" / "data")
        assert "is in use by another tact" in message
        assert f"pid {server.process.pid}, serving 127.0.0.1:{server.port}" in message
    finally:
        assert server.stop() == 0


def test_an_unwritable_directory_is_refused(tmp_path):
    parent = Path(tempfile.mkdtemp(prefix="tact-unwritable-"))
    try:
        parent.chmod(0o755)
        data = parent / "data"
        data.mkdir(mode=0o755)
        if os.geteuid() == 0:
            # root writes anywhere: run tact as nobody, who may not write here.
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", BINARY]
        else:
            data.chmod(0o555)
            command = [BINARY]
        result = subprocess.run(
            command + ["serve", "--listen", "127.0.0.1:0", "--insecure-no-auth", "--data",
                       str(data), "--access-log", "off"],
            capture_output=True, text=True, timeout=60)
        assert result.returncode != 0
        assert f"data directory {data} is not writable (Permission denied)" in result.stderr
    finally:
        shutil.rmtree(parent, ignore_errors=True)


def test_a_newer_format_is_refused(tmp_path):
    data = make_state(tmp_path)
    (data / "FORMAT").write_text("tact-data 99\n")
    message = serve_fails(data)
    assert f"data directory {data} has format version 99, newer than this tact reads (2)" in message


def test_a_missing_format_beside_a_database_is_corruption(tmp_path):
    data = make_state(tmp_path)
    (data / "FORMAT").unlink()
    assert f"data directory {data} is corrupt: it has a database but no FORMAT file" in \
        serve_fails(data)


def test_a_corrupt_manifest_is_refused_and_verify_says_so(tmp_path):
    data = make_state(tmp_path)
    manifest = next((data / "db").glob("MANIFEST-*"))
    manifest.write_bytes(b"\x00garbage" * 64)
    message = serve_fails(data)
    assert f"data directory {data} is corrupt" in message
    assert "tact admin verify" in message
    verify = subprocess.run([BINARY, "admin", "verify", "--data", str(data)],
                            capture_output=True, text=True, timeout=60)
    assert verify.returncode == 1
    assert "is corrupt" in verify.stderr


def test_a_corrupt_table_file_is_found_by_verify_and_at_start(tmp_path):
    data = make_state(tmp_path)
    # Flush everything into table files first, then damage one in the middle.
    backup = tmp_path / "copy"
    subprocess.run([BINARY, "admin", "backup", "--data", str(data), str(backup)], check=True,
                   capture_output=True, timeout=60)
    tables = sorted((backup / "db").glob("*.sst"), key=lambda p: p.stat().st_size)
    assert tables, list((backup / "db").iterdir())
    table = tables[-1]
    raw = bytearray(table.read_bytes())
    for offset in range(10, min(len(raw) // 2, 200)):
        raw[offset] ^= 0xFF
    table.chmod(0o644)
    table.write_bytes(bytes(raw))
    verify = subprocess.run([BINARY, "admin", "verify", "--data", str(backup)],
                            capture_output=True, text=True, timeout=60)
    assert verify.returncode == 1, verify.stdout
    assert f"data directory {backup} is corrupt" in verify.stderr
    assert f"data directory {backup} is corrupt" in serve_fails(backup)


def test_backup_while_serving_and_restore(tmp_path):
    server = start_server(tmp_path / "server")
    try:
        for number in range(30):
            server.request("POST", "/v1/decide",
                           {"person_id": f"p-{number}", "channel": "email", "kind": "transactional"})
        server.request("POST", "/v1/events",
                       [{"id": "u-1", "type": "unsubscribed", "person_id": "p-1"}])
        data = tmp_path / "server" / "data"
        backup = tmp_path / "backup"
        made = subprocess.run(
            [BINARY, "admin", "backup", "--data", str(data), str(backup), "--token", ADMIN_TOKEN],
            capture_output=True, text=True, timeout=60)
        assert made.returncode == 0, made.stderr
        assert "backup made by the server" in made.stdout
        assert "histories 30 (touches 30), event ids remembered 1" in made.stdout
        # Changes after the backup are not in it.
        server.request("POST", "/v1/decide",
                       {"person_id": "late", "channel": "email", "kind": "transactional"})
        # A running server's directory cannot be restored over.
        refused = subprocess.run([BINARY, "admin", "restore", "--data", str(data), str(backup),
                                  "--replace"], capture_output=True, text=True, timeout=60)
        assert refused.returncode != 0 and "is in use by another tact" in refused.stderr
    finally:
        assert server.stop() == 0

    restored = tmp_path / "restored"
    done = subprocess.run([BINARY, "admin", "restore", "--data", str(restored), str(backup)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    # Serve the restored directory: the backup's state, without the late touch.
    shutil.copytree(restored, tmp_path / "again" / "data")
    again = start_server(tmp_path / "again")
    try:
        status, _, person = again.request("GET", "/v1/people/p-1")
        assert status == 200 and person["consent"]["email"] == "opted_out"
        status, _, why = again.request("GET", "/v1/people/p-7/why")
        assert len(why["history"]) == 1
        status, _, late = again.request("GET", "/v1/people/late/why")
        assert late["history"] == []
        status, _, data = again.request(
            "POST", "/v1/events", [{"id": "u-1", "type": "unsubscribed", "person_id": "p-1"}])
        assert data == {"accepted": 0, "duplicates": 1}
    finally:
        assert again.stop() == 0


def test_plan_starts_from_a_running_servers_state(tmp_path):
    server = start_server(tmp_path / "server")
    try:
        for hour in (9, 10, 11):
            status, _, data = server.request("POST", "/v1/decide", {
                "person_id": "ana", "channel": "email", "kind": "promotional",
                "at": f"2030-03-05T{hour:02d}:00:00Z"})
            assert data["decision"] == "send", data
        server.request("PUT", "/v1/people/ana", {"country": "PT"})
        touches = tmp_path / "touches.csv"
        touches.write_text("person_id,channel,kind,at\nana,email,promotional,2030-03-05T15:00:00Z\n")
        policy = tmp_path / "server" / "policy.toml"

        def plan(*extra):
            result = subprocess.run(
                [BINARY, "plan", "--policy", str(policy), "--touches", str(touches),
                 "--no-progress", "--horizon", "1h", *extra],
                capture_output=True, text=True, timeout=60)
            assert result.returncode == 0, result.stderr
            return result.stdout

        # The server's three sends fill the daily budget of 3: the plan defers.
        with_state = plan("--state", str(tmp_path / "server" / "data"))
        assert "state: 1 people, 0 accounts and 3 recorded touches" in with_state
        assert "budget.all.1d" in with_state
        assert "sent                0" in with_state
        # From files alone, the same touch is sent.
        people = tmp_path / "people.csv"
        people.write_text("id,country\nana,PT\n")
        assert "sent                1" in plan("--people", str(people))
        # The plan wrote nothing into the server's state.
        status, _, why = server.request("GET", "/v1/people/ana/why?at=2030-03-05T15:00:00Z")
        assert len(why["history"]) == 3
    finally:
        assert server.stop() == 0


# --- Damaged data directories: refused, never started with acknowledged data gone --------------


def acknowledged_state_then_kill_9(tmp_path, opt_outs=600, sends=200):
    """Opt-outs and sends, every one acknowledged, then SIGKILL: they live in
    the write-ahead log only."""
    server = start_server(tmp_path / "server", policy=CRASH_POLICY)
    connection = server.connect()
    for number in range(opt_outs):
        status, _, data = server.request(
            "POST", "/v1/events", [{"id": f"u-{number}", "type": "unsubscribed",
                                    "person_id": f"o-{number}", "channel": "email"}],
            conn=connection)
        assert status == 200 and data["accepted"] == 1, data
    for number in range(sends):
        status, _, data = server.request(
            "POST", "/v1/decide", {"person_id": f"s-{number}", "channel": "email",
                                   "kind": "promotional"}, conn=connection)
        assert status == 200 and data["decision"] == "send", data
    connection.close()
    time.sleep(0.1)  # the last group sync
    server.process.send_signal(signal.SIGKILL)
    server.process.wait(timeout=30)
    return tmp_path / "server" / "data"


def the_log(data):
    logs = sorted((data / "db").glob("*.log"), key=lambda p: p.stat().st_size)
    assert logs and logs[-1].stat().st_size > 10000, list((data / "db").iterdir())
    return logs[-1]


def verify_fails(data):
    verify = subprocess.run([BINARY, "admin", "verify", "--data", str(data)],
                            capture_output=True, text=True, timeout=60)
    assert verify.returncode == 1, verify.stdout
    return verify.stderr


def test_a_log_damaged_in_the_middle_is_refused_and_salvage_says_what_was_lost(tmp_path):
    data = acknowledged_state_then_kill_9(tmp_path)
    log = the_log(data)
    raw = bytearray(log.read_bytes())
    middle = len(raw) // 2
    raw[middle:middle + 64] = bytes(b ^ 0x5A for b in raw[middle:middle + 64])
    log.write_bytes(bytes(raw))
    before = sorted(p.name for p in (data / "db").iterdir())

    message = serve_fails(data)
    assert f"data directory {data} is corrupt" in message
    assert "tact admin salvage" in message and "tact admin restore" in message
    assert f"data directory {data} is corrupt" in verify_fails(data)
    # The refusal changed nothing: the damage stays visible.
    assert sorted(p.name for p in (data / "db").iterdir()) == before
    assert f"data directory {data} is corrupt" in serve_fails(data)

    salvage = subprocess.run([BINARY, "admin", "salvage", "--data", str(data)],
                             capture_output=True, text=True, timeout=120)
    assert salvage.returncode == 0, salvage.stderr
    assert "the damaged database is kept in" in salvage.stdout
    assert "sound" in salvage.stdout, salvage.stdout
    damaged = next(data.glob("damaged-*"))
    assert (damaged / "db").is_dir()
    # Salvaged, the directory serves again with what could be read.
    server = start_server(tmp_path / "server", policy=CRASH_POLICY)
    try:
        status, _, person = server.request("GET", "/v1/people/o-1")
        assert status == 200 and person["consent"]["email"] == "opted_out", salvage.stdout
    finally:
        assert server.stop() == 0


def test_a_truncated_log_is_refused(tmp_path):
    data = acknowledged_state_then_kill_9(tmp_path)
    log = the_log(data)
    with open(log, "r+b") as out:
        out.truncate(log.stat().st_size // 2)
    message = serve_fails(data)
    assert f"data directory {data} is damaged: changes up to #" in message
    assert "changes are missing" in message and "tact admin salvage" in message
    assert "is damaged" in verify_fails(data)
    salvage = subprocess.run([BINARY, "admin", "salvage", "--data", str(data)],
                             capture_output=True, text=True, timeout=120)
    assert salvage.returncode == 0, salvage.stderr
    assert "LOST: changes up to #" in salvage.stdout and "changes missing" in salvage.stdout


def test_a_manifest_cut_in_half_is_refused(tmp_path):
    data = make_state(tmp_path)
    manifest = next((data / "db").glob("MANIFEST-*"))
    raw = manifest.read_bytes()
    manifest.write_bytes(raw[:len(raw) // 2])
    message = serve_fails(data)
    assert f"data directory {data} is" in message and "tact admin restore" in message
    assert f"data directory {data} is" in verify_fails(data)


def test_a_removed_database_beside_its_format_is_refused(tmp_path):
    data = make_state(tmp_path)
    shutil.rmtree(data / "db")
    message = serve_fails(data)
    assert f"data directory {data} is damaged: its database" in message
    assert "is gone, though changes up to #" in message
    assert "is damaged" in verify_fails(data)


def test_a_second_server_on_the_same_address_is_refused(tmp_path):
    server = start_server(tmp_path / "server")
    try:
        result = subprocess.run(
            [BINARY, "serve", "--listen", f"127.0.0.1:{server.port}", "--insecure-no-auth",
             "--data", str(tmp_path / "other"), "--access-log", "off"],
            capture_output=True, text=True, timeout=60)
        assert result.returncode != 0, result.stderr
        assert f"cannot listen on 127.0.0.1:{server.port}: Address already in use" in result.stderr
    finally:
        assert server.stop() == 0
