"""Failures under load, on a Redis Cluster of the test's own (run with
TACT_TEST_STATE=redis): a master killed, slots moved between masters, a tact
node killed. Two tact nodes answer a steady stream of asks and opt-outs
meanwhile; afterwards every acknowledged opt-out is enforced and the 1/day
cap held within the bounds docs/operations.md gives."""
import collections
import signal
import subprocess
import sys
import threading
import time

import pytest

from conftest import (DECIDE_TOKEN, EVENTS_TOKEN, ONE_A_DAY, SOURCE_DIR, STATE, start_server,
                      touch)

pytestmark = pytest.mark.skipif(STATE != "redis", reason="needs TACT_TEST_STATE=redis")

sys.path.insert(0, str(SOURCE_DIR / "tests" / "redis"))
from cluster import RedisCluster  # noqa: E402

# Enough people that sends go on through the whole run (each is asked about
# three times), so a failover finds sends its master had not yet passed on.
PEOPLE = [f"k-{index}" for index in range(1500)]
# docs/operations.md: a killed master's slots answer again once its replica
# is promoted, within cluster-node-timeout (2 s here) and a few seconds more.
RECOVERY_SECONDS = 15


@pytest.fixture
def cluster(tmp_path):
    started = RedisCluster(tmp_path / "cluster").start()
    yield started
    started.stop()


class Load:
    """Eight threads asking for PEOPLE over the nodes; every seventh request
    is an opt-out. Records what was acknowledged."""

    def __init__(self, nodes):
        self.nodes = nodes
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.sends = collections.Counter()
        self.opted_out = set()
        self.statuses = collections.Counter()
        self.threads = [threading.Thread(target=self.run, args=(w,)) for w in range(8)]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *_):
        self.stop.set()
        for thread in self.threads:
            thread.join()

    def run(self, worker):
        index = worker
        while not self.stop.is_set():
            node = self.nodes[index % len(self.nodes)]
            person = PEOPLE[index % len(PEOPLE)]
            try:
                if index % 7 == 0:
                    self.opt_out(node, person)
                else:
                    self.ask(node, person)
            except OSError:
                with self.lock:
                    self.statuses["connection"] += 1  # a node being killed
            index += len(self.threads)

    def ask(self, node, person):
        status, _, data = node.request("POST", "/v1/decide", touch(person=person),
                                       token=DECIDE_TOKEN)
        with self.lock:
            self.statuses[status] += 1
            if status == 200 and data["decision"] == "send":
                self.sends[person] += 1
            elif status >= 500:
                self.statuses[data["error"]["code"]] += 1

    def opt_out(self, node, person):
        status, _, data = node.request("POST", "/v1/events", [
            {"id": f"out-{person}", "type": "unsubscribed", "person_id": person,
             "channel": "email"}], token=EVENTS_TOKEN)
        with self.lock:
            self.statuses[status] += 1
            if status == 200:
                self.opted_out.add(person)
            elif "being applied by another request" in data["error"]["message"]:
                # The documented 503 for an event whose id a killed node was
                # applying (its lease still runs): the provider sends it again.
                self.statuses["event_applying_elsewhere"] += 1
            elif status >= 500:
                self.statuses[data["error"]["code"]] += 1


def start_nodes(tmp_path, cluster, names=("a", "b")):
    nodes = [start_server(tmp_path / name, "--state", cluster.url, policy=ONE_A_DAY)
             for name in names]
    for person in PEOPLE:
        status, _, data = nodes[0].request("PUT", f"/v1/people/{person}",
                                           {"email": f"{person}@example.com",
                                            "consent": {"email": "opted_in"}})
        assert status == 201, data
    return nodes


def assert_nothing_acknowledged_was_lost(load, node, extra_sends_allowed):
    """Every acknowledged opt-out is enforced; each person sent to is held
    by the cap when asked again, but for at most `extra_sends_allowed` of
    them. Returns how many were sent to again."""
    assert load.opted_out, "the load acknowledged no opt-out"
    for person in sorted(load.opted_out):
        status, _, data = node.request("POST", "/v1/decide", touch(person=person),
                                       token=DECIDE_TOKEN)
        assert status == 200, data
        assert data["decision"] == "suppress", (person, data)
        assert data["reasons"][0]["rule"] == "consent.email", (person, data)
    assert sum(load.sends.values()) > 0, load.statuses
    extra = sum(sends - 1 for sends in load.sends.values())
    for person in load.sends:
        if person in load.opted_out:
            continue
        status, _, data = node.request("POST", "/v1/decide", touch(person=person),
                                       token=DECIDE_TOKEN)
        assert status == 200, data
        extra += data["decision"] == "send"
    assert extra <= extra_sends_allowed, (extra, dict(load.sends))
    return extra


def test_a_killed_master_answers_again_within_the_bound_and_keeps_every_opt_out(tmp_path,
                                                                             cluster):
    nodes = start_nodes(tmp_path, cluster)
    victim = cluster.master_of(PEOPLE[0])
    try:
        with Load(nodes) as load:
            time.sleep(2)
            killed_at = time.monotonic()
            cluster.processes[victim].send_signal(signal.SIGKILL)
            while True:  # the person's slot answers again once the replica is promoted
                status, _, _ = nodes[0].request("GET", f"/v1/people/{PEOPLE[0]}/why")
                if status == 200:
                    break
                assert time.monotonic() - killed_at < RECOVERY_SECONDS, "tact did not recover"
                time.sleep(0.1)
            recovered = time.monotonic() - killed_at
            time.sleep(2)
        print(f"answered again {recovered:.1f} s after the kill; {dict(load.statuses)}")
        assert cluster.master_of(PEOPLE[0]) != victim
        # Promotional asks meanwhile were deferred with state.unavailable;
        # opt-outs were told to retry: state_unavailable while the slot had
        # no master, storage_unavailable while the promoted master has no
        # replica to hold them (docs/operations.md).
        assert set(load.statuses) <= {200, 503, "state_unavailable", "storage_unavailable"}, \
            load.statuses
        # Sends the dead master acknowledged but had not passed to its
        # replica are lost with it: such a person can be sent to once more.
        # The bound (docs/operations.md) is the sends of its last moments;
        # this load makes about 100 a second per master.
        extra = assert_nothing_acknowledged_was_lost(load, nodes[1], extra_sends_allowed=50)
        print(f"{extra} people sent to twice")
    finally:
        for node in nodes:
            assert node.stop() == 0, node.log()


def test_slots_moved_during_load_cost_no_error_and_no_extra_send(tmp_path, cluster):
    nodes = start_nodes(tmp_path, cluster)
    source = cluster.master_of(PEOPLE[0])
    target = next(port for port in cluster.ports if port != source and
                  "role:master" in cluster.cli(port, "INFO", "replication"))
    source_id = cluster.cli(source, "CLUSTER", "MYID")
    target_id = cluster.cli(target, "CLUSTER", "MYID")
    try:
        with Load(nodes) as load:
            time.sleep(1)
            moved = subprocess.run(
                ["redis-cli", "--cluster", "reshard", f"127.0.0.1:{source}", "--cluster-from",
                 source_id, "--cluster-to", target_id, "--cluster-slots", "2000",
                 "--cluster-yes"], capture_output=True, text=True, timeout=300)
            assert moved.returncode == 0, moved.stdout + moved.stderr
            time.sleep(1)
        print(dict(load.statuses))
        assert set(load.statuses) == {200}, load.statuses
        assert_nothing_acknowledged_was_lost(load, nodes[1], extra_sends_allowed=0)
    finally:
        for node in nodes:
            assert node.stop() == 0, node.log()


def test_a_tact_node_killed_under_load_loses_nothing_it_acknowledged(tmp_path, cluster):
    nodes = start_nodes(tmp_path, cluster)
    try:
        with Load(nodes) as load:
            time.sleep(2)
            nodes[0].process.send_signal(signal.SIGKILL)
            nodes[0].process.wait()
            time.sleep(1)
            restarted = start_server(tmp_path / "a2", "--state", cluster.url, policy=ONE_A_DAY)
            load.nodes = [restarted, nodes[1]]
            time.sleep(2)
        nodes[0] = restarted
        assert set(load.statuses) <= {200, 503, "connection", "event_applying_elsewhere"}, \
            load.statuses
        assert load.statuses[503] == load.statuses["event_applying_elsewhere"], load.statuses
        # Every write was on its master before its answer: nothing to lose.
        assert_nothing_acknowledged_was_lost(load, restarted, extra_sends_allowed=0)
    finally:
        for node in nodes:
            if node.process.poll() is None:
                assert node.stop() == 0, node.log()
