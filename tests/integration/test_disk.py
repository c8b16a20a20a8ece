"""A full disk, on a real small tmpfs: tact stops taking changes before (or at)
the first failed write, answers 503 with Retry-After, keeps answering reads,
never aborts, and after space returns loses nothing it acknowledged.

Mounting needs root (CI runs as root); elsewhere these tests are skipped.
"""
import os
import subprocess
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.embedded_only  # the data directory itself

from conftest import BINARY, start_server

POLICY = """
[[budget]]
scope = "all"
window = "30d"
max = 100000
"""


@pytest.fixture
def small_disk(tmp_path):
    """Mounts a tmpfs of the given size under tmp_path; unmounts it after."""
    mounted = []

    def mount(size_mib):
        point = tmp_path / f"disk-{len(mounted)}"
        point.mkdir()
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_mib}m", "tmpfs",
                                 str(point)], capture_output=True, text=True)
        if result.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here (needs root): {result.stderr.strip()}")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def fill(point, leave_bytes=0):
    """Fills the filesystem at `point` until about `leave_bytes` are free."""
    stat = os.statvfs(point)
    remaining = max(0, stat.f_bavail * stat.f_frsize - leave_bytes)
    filler = point / f"filler-{uuid.uuid4().hex}"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        chunk = b"\0" * (1 << 20)
        while remaining > 0:
            remaining -= os.write(fd, chunk[:min(len(chunk), remaining)])
        while leave_bytes == 0:  # to the last page
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


def send(server, person):
    return server.request("POST", "/v1/decide", {
        "person_id": person, "channel": "email", "kind": "promotional",
        "campaign": "c" * 200})


def wait_for(predicate, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_the_first_failed_write_stops_changes_and_nothing_acknowledged_is_lost(tmp_path,
                                                                               small_disk):
    disk = small_disk(40)
    directory = tmp_path / "server"
    server = start_server(directory, "--min-free-disk-mib", "0", policy=POLICY,
                          data=disk / "data")
    acked = []
    try:
        for number in range(5):
            status, _, data = send(server, f"before-{number}")
            assert status == 200 and data["decision"] == "send", data
            acked.append(f"before-{number}")
        filler = fill(disk)
        refused = None
        for number in range(400):
            status, response, data = send(server, f"during-{number}")
            if status == 200:
                acked.append(f"during-{number}")
                continue
            refused = (status, response, data)
            break
        assert refused is not None, "the disk never filled"
        status, response, data = refused
        assert status == 503 and data["error"]["code"] == "storage_unavailable", data
        assert response.getheader("Retry-After") == "30"
        assert "No space left on device" in data["error"]["message"]
        # From then on: changes refused, reads answered, and the process lives.
        deadline = time.time() + 2
        while time.time() < deadline:
            status, response, data = send(server, "after")
            assert status == 503 and response.getheader("Retry-After") == "30", data
            status, _, data = server.request("GET", "/v1/people/before-1/why")
            assert status == 200 and len(data["history"]) == 1, data
            time.sleep(0.1)
        status, response, data = server.request("GET", "/readyz")
        assert status == 503 and data["error"]["code"] == "storage_unavailable"
        assert response.getheader("Retry-After") == "30"
        assert server.process.poll() is None, server.log()
    finally:
        code = server.stop()
    assert code == 0, server.log()
    assert "Assertion" not in server.log()

    # Space returns; the documented step is a restart: everything acknowledged is there.
    filler.unlink()
    again = start_server(tmp_path / "again", "--min-free-disk-mib", "1", policy=POLICY,
                         data=disk / "data")
    try:
        for person in acked:
            status, _, data = again.request("GET", f"/v1/people/{person}/why")
            assert status == 200 and len(data["history"]) == 1, (person, data)
        status, _, data = send(again, "fresh")
        assert status == 200 and data["decision"] == "send"
    finally:
        assert again.stop() == 0, again.log()


def test_below_the_reserve_changes_pause_and_resume_when_space_returns(tmp_path, small_disk):
    disk = small_disk(128)
    server = start_server(tmp_path / "server", "--min-free-disk-mib", "16", policy=POLICY,
                          data=disk / "data")
    try:
        status, _, data = send(server, "ana")
        assert status == 200 and data["decision"] == "send", data
        filler = fill(disk, leave_bytes=8 << 20)
        assert wait_for(lambda: server.request("GET", "/readyz")[0] == 503), "never noticed"
        status, response, data = send(server, "bea")
        assert status == 503 and response.getheader("Retry-After") == "30", data
        assert "below the reserve of 16.0 MiB" in data["error"]["message"], data
        assert "nothing was recorded" in data["error"]["message"]
        status, _, events = server.request("POST", "/v1/events", [
            {"id": "u-1", "type": "unsubscribed", "person_id": "ana"}])
        assert status == 503, events
        status, _, why = server.request("GET", "/v1/people/bea/why")
        assert status == 200 and why["history"] == [], why
        # Space returns: changes resume on their own.
        filler.unlink()
        assert wait_for(lambda: server.request("GET", "/readyz")[0] == 200), "never resumed"
        status, _, data = send(server, "bea")
        assert status == 200 and data["decision"] == "send", data
    finally:
        assert server.stop() == 0, server.log()


@pytest.mark.parametrize("reserve", ["64", "0"])
def test_starting_on_a_full_disk_is_refused_plainly(tmp_path, small_disk, reserve):
    disk = small_disk(8)
    data = disk / "data"
    if reserve == "0":
        # A directory that holds state, on a disk then filled to the last page.
        server = start_server(tmp_path / "first", "--min-free-disk-mib", "0", policy=POLICY,
                              data=data)
        send(server, "ana")
        assert server.stop() == 0, server.log()
        fill(disk)
    result = subprocess.run(
        [BINARY, "serve", "--listen", "127.0.0.1:0", "--insecure-no-auth", "--data", str(data),
         "--access-log", "off", "--min-free-disk-mib", reserve],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 3, (result.returncode, result.stderr)
    assert "Assertion" not in result.stderr
    if reserve == "64":
        assert f"data directory {data}: its filesystem has" in result.stderr
        assert "below the reserve of 64.0 MiB (--min-free-disk-mib); free space there, then start " \
               "tact again" in result.stderr
    else:
        assert "No space left on device" in result.stderr, result.stderr
