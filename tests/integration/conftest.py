"""Starts the real `tact serve` on an ephemeral loopback port for the tests.

The binary comes from $TACT_BINARY (set by CTest). Each server gets its own
data directory, tokens file and logs under pytest's tmp_path.
"""
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SOURCE_DIR = Path(__file__).resolve().parents[2]
BINARY = os.environ.get("TACT_BINARY", str(SOURCE_DIR / "build" / "src" / "tact"))
COMPANYFACTS = SOURCE_DIR / "tests" / "fixtures" / "sec-companyfacts" / "edgartools-vcr-cassettes"


def companyfacts(directory, *ciks):
    """`directory`, made, holding the fixtures' SEC companyfacts documents of
    `ciks` ("0001835632"), for --facts."""
    directory.mkdir(parents=True, exist_ok=True)
    for cik in ciks:
        name = f"CIK{cik}.json"
        (directory / name).write_bytes((COMPANYFACTS / name).read_bytes())
    return directory

START_SECONDS = 180  # the longest a server may take to start listening

DECIDE_TOKEN = "decide-token-0123456789"
EVENTS_TOKEN = "events-token-0123456789"
ADMIN_TOKEN = "admin-token-0123456789"
REPORTS_TOKEN = "reports-token-0123456789"

# A small policy whose limits the tests can reach quickly.
# A cap of one touch a day, on any channel: the tests of several nodes race on it.
ONE_A_DAY = """
[[budget]]
scope = "all"
window = "1d"
max = 1
"""

TEST_POLICY = """
[[budget]]
scope = "all"
window = "1d"
max = 3

[[budget]]
scope = "channel:sms"
window = "30d"
max = 1

[consent]
opt_in = [{ channel = "sms" }]

[kinds]
transactional = { budgets = false, quiet_hours = false }

[health]
hold = ["promotional", "cold"]

[preferences]
topics = ["product", "events", "offers"]

[[preferences.frequency]]
id = "weekly"
label = "At most once a week"
max = 1
window = "7d"

[[preferences.frequency]]
id = "account_only"
label = "Only about my account"
only = ["transactional", "relationship"]
"""


class Server:
    def __init__(self, process, host, port, directory, stderr_path, access_path):
        self.process = process
        self.host = host
        self.port = port
        self.directory = directory
        self.stderr_path = stderr_path
        self.access_path = access_path

    def connect(self, timeout=30):
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def request(self, method, path, body=None, token=ADMIN_TOKEN, headers=None, conn=None):
        """One request; returns (status, headers, parsed JSON or text)."""
        own = conn is None
        conn = conn or self.connect()
        all_headers = {"Content-Type": "application/json"}
        if token:
            all_headers["Authorization"] = f"Bearer {token}"
        all_headers.update(headers or {})
        if body is not None and not isinstance(body, (bytes, str)):
            body = json.dumps(body)
        conn.request(method, path, body=body, headers=all_headers)
        response = conn.getresponse()
        raw = response.read()
        if own:
            conn.close()
        content_type = response.getheader("Content-Type", "")
        data = json.loads(raw) if content_type.startswith("application/json") else raw.decode()
        return response.status, response, data

    def log(self):
        return Path(self.stderr_path).read_text()

    def stop(self, sig=signal.SIGTERM, timeout=30):
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            # A server that does not stop is a bug: say what it logged last
            # and where each of its threads is.
            stacks = thread_stacks(self.process.pid)
            self.process.kill()
            self.process.wait()
            raise AssertionError(f"tact serve did not stop within {timeout} s of {sig!r}; "
                                 f"its log ends:\n{self.log()[-3000:]}\nits threads:\n{stacks}")


def thread_stacks(pid):
    """Every thread's stack of a running process (gdb), or why not."""
    try:
        result = subprocess.run(["gdb", "-p", str(pid), "-batch", "-ex", "thread apply all bt 30"],
                                capture_output=True, text=True, timeout=60)
        return result.stdout[-20000:] or result.stderr[-2000:]
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"(no stacks: {error})"


def write_tokens(directory):
    path = directory / "tokens.toml"
    sha = hashlib.sha256(DECIDE_TOKEN.encode()).hexdigest()
    path.write_text(
        f'[[token]]\nname = "tool"\nsha256 = "{sha}"\nscopes = ["decide"]\n\n'
        f'[[token]]\nname = "provider"\nsecret = "{EVENTS_TOKEN}"\nscopes = ["events"]\n\n'
        f'[[token]]\nname = "ops"\nsecret = "{ADMIN_TOKEN}"\nscopes = ["admin", "decide", "events"]\n\n'
        f'[[token]]\nname = "lead"\nsecret = "{REPORTS_TOKEN}"\nscopes = ["reports"]\n'
    )
    return path


# TACT_TEST_STATE=redis runs every server on one real Redis Cluster (started
# once per session by tests/redis/cluster.py) instead of a data directory.
# Tests of what only a data directory has are marked embedded_only.
STATE = os.environ.get("TACT_TEST_STATE", "embedded")
_cluster = None
_started = set()  # server directories started so far: a second start is a restart


def redis_cluster():
    """The session's Redis Cluster (started on first use)."""
    global _cluster
    if _cluster is None:
        sys.path.insert(0, str(SOURCE_DIR / "tests" / "redis"))
        from cluster import RedisCluster
        import tempfile
        _cluster = RedisCluster(Path(tempfile.mkdtemp(prefix="tact-redis-"))).start()
    return _cluster


def pytest_collection_modifyitems(config, items):
    if STATE != "redis":
        return
    skip = pytest.mark.skip(reason="needs a data directory (embedded state)")
    for item in items:
        if "embedded_only" in item.keywords:
            item.add_marker(skip)


def pytest_configure(config):
    config.addinivalue_line("markers", "embedded_only: the test needs a data directory")


def pytest_unconfigure(config):
    if _cluster is not None:
        _cluster.stop()
        shutil.rmtree(_cluster.directory, ignore_errors=True)


def state_args(directory, data):
    """Where a server keeps its state: a data directory, or the session's
    cluster (emptied first unless `data` names the state of an earlier
    server, as a restart does)."""
    if STATE != "redis":
        return ["--data", str(data or directory / "data")]
    cluster = redis_cluster()
    if data is None and directory not in _started:
        for port in cluster.live_ports():
            cluster.cli(port, "FLUSHALL")
    _started.add(directory)
    return ["--state", cluster.url]


def start_server(directory, *extra, policy=TEST_POLICY, auth=True, data=None, env=None):
    directory.mkdir(parents=True, exist_ok=True)
    own_state = STATE == "redis" and "--state" in extra  # a test's own cluster URL
    args = [BINARY, "serve", "--listen", "127.0.0.1:0",
            *([] if own_state else state_args(directory, data)),
            "--access-log", str(directory / "access.log"), "--threads", "2"]
    if policy is not None:
        policy_path = directory / "policy.toml"
        policy_path.write_text(policy)
        args += ["--policy", str(policy_path)]
    if auth:
        args += ["--tokens", str(write_tokens(directory))]
    extra = list(extra)
    if STATE == "redis" and "--store" in extra:  # --state replaces --store
        del extra[extra.index("--store"):extra.index("--store") + 2]
    args += extra
    stderr_path = directory / "server.log"
    with open(stderr_path, "wb") as stderr:
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=stderr,
                                   env=None if env is None else {**os.environ, **env})
    # The demo's load takes about a minute in the sanitizer build (4 s in the
    # normal one): the limit is for a server that hangs, not a slow build.
    deadline = time.time() + START_SECONDS
    while time.time() < deadline:
        text = stderr_path.read_text()
        match = re.search(r'"msg":"listening","address":"([0-9.]+):(\d+)"', text)
        if match:
            return Server(process, match.group(1), int(match.group(2)), directory, stderr_path,
                          directory / "access.log")
        if process.poll() is not None:
            raise RuntimeError(f"tact serve exited with {process.returncode}:\n{text}")
        time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"tact serve did not start listening within {START_SECONDS} s")


@pytest.fixture
def server(tmp_path):
    instance = start_server(tmp_path / "server")
    yield instance
    assert instance.stop() == 0, instance.log()


@pytest.fixture
def make_server(tmp_path):
    started = []

    def make(*extra, **kwargs):
        instance = start_server(tmp_path / f"server{len(started)}", *extra, **kwargs)
        started.append(instance)
        return instance

    yield make
    for instance in started:
        if instance.process.poll() is None:
            instance.stop(timeout=60)


def slow_sync_env(delay_ms, flag):
    """The environment that makes every fsync of a server take `delay_ms`
    longer while the file `flag` exists (tests/faults/slow_sync.c, built by
    CMake as TACT_SLOW_SYNC)."""
    library = os.environ.get("TACT_SLOW_SYNC")
    if not library:
        pytest.skip("TACT_SLOW_SYNC (the slow-sync library) is set by CTest")
    # A sanitized tact wants its runtime first; the preloaded shim has none.
    return {"LD_PRELOAD": library, "TACT_TEST_SYNC_DELAY_MS": str(delay_ms),
            "TACT_TEST_SLOW_WHILE": str(flag),
            "ASAN_OPTIONS": os.environ.get("ASAN_OPTIONS", "") + ":verify_asan_link_order=0"}


def touch(person="p-1", channel="email", kind="promotional", at="2030-03-05T15:00:00Z", **more):
    body = {"person_id": person, "channel": channel, "kind": kind, "at": at}
    body.update(more)
    return body


def assert_error(status, data, expected_status, field=None, contains=None):
    assert status == expected_status, data
    assert set(data) == {"error"}, data
    error = data["error"]
    assert set(error) == {"code", "message", "field"}, error
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    if field is not None:
        assert error["field"] == field, error
    if contains is not None:
        assert contains in error["message"], error


def wait_for(predicate, what, seconds=20, detail=lambda: ""):
    """`predicate()`'s first true value, asked every 20 ms for up to
    `seconds`; an AssertionError naming `what` (and `detail()`) after."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}\n{detail()}")
