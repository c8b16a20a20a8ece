"""Several tact nodes on one Redis Cluster (run with TACT_TEST_STATE=redis):
any node answers for any person, a cap holds across nodes, an opt-out
acknowledged by one node is enforced by the next, and when the cluster does
not answer the kinds answer what the policy chooses."""
import concurrent.futures
import json
import signal
import subprocess
import threading
import time

import pytest

from conftest import (BINARY, DECIDE_TOKEN, EVENTS_TOKEN, ONE_A_DAY, STATE, redis_cluster,
                      start_server, touch)

pytestmark = pytest.mark.skipif(STATE != "redis", reason="needs TACT_TEST_STATE=redis")


@pytest.fixture
def nodes(tmp_path):
    started = [start_server(tmp_path / "a", policy=ONE_A_DAY)]
    # The second node shares the first one's state (no flush).
    started.append(start_server(tmp_path / "b", policy=ONE_A_DAY, data=tmp_path / "a"))
    yield started
    for node in started:
        assert node.stop() == 0, node.log()


def decide(node, **fields):
    status, _, data = node.request("POST", "/v1/decide", touch(**fields), token=DECIDE_TOKEN)
    return status, data


def test_fifty_concurrent_asks_over_two_nodes_send_once_each_round(nodes):
    for round_ in range(5):
        person = f"p-race-{round_}"

        def ask(index):
            return decide(nodes[index % 2], person=person)

        with concurrent.futures.ThreadPoolExecutor(max_workers=50) as pool:
            answers = list(pool.map(ask, range(50)))
        assert all(status == 200 for status, _ in answers), answers
        sends = [data for _, data in answers if data["decision"] == "send"]
        assert len(sends) == 1, [data["decision"] for _, data in answers]
        # Both nodes read the one recorded send.
        for node in nodes:
            _, _, why = node.request("GET", f"/v1/people/{person}/why?at=2030-03-05T15:30:00Z")
            assert why["budgets"][0]["used"] == 1, why


def test_renders_of_one_message_on_two_nodes_are_one_send(nodes):
    """A message rendered many times, its callouts spread over the nodes:
    one answer, one recorded send (under a cap of one a day, a second
    record would turn a later render into a defer)."""
    target = ("/v1/check?person_id=p-renders&channel=email&tool=braze&campaign=spring"
              "&key=dispatch-9&at=2030-03-05T15:00:00Z")

    def render(index):
        status, _, data = nodes[index % 2].request("GET", target, token=DECIDE_TOKEN)
        return status, data

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(render, range(12)))
    assert all(status == 200 for status, _ in answers), answers
    assert {data["decision"] for _, data in answers} == {"send"}, answers
    assert len({data["touch_id"] for _, data in answers}) == 1, answers
    assert sum(not data["repeated"] for _, data in answers) == 1, answers


def test_an_opt_out_acknowledged_by_one_node_is_enforced_by_the_next(nodes):
    a, b = nodes
    status, _, _ = a.request("PUT", "/v1/people/ana",
                             {"email": "ana@example.com", "consent": {"email": "opted_in"}})
    assert status == 201
    status, _, data = a.request("POST", "/v1/events", [
        {"id": "opt-out-1", "type": "unsubscribed", "person_id": "ana", "channel": "email"}],
        token=EVENTS_TOKEN)
    assert status == 200 and data["accepted"] == 1, data
    status, data = decide(b, person="ana")
    assert status == 200
    assert data["decision"] == "suppress" and data["reasons"][0]["rule"] == "consent.email", data
    # The same event sent to the other node is a duplicate.
    status, _, data = b.request("POST", "/v1/events", [
        {"id": "opt-out-1", "type": "unsubscribed", "person_id": "ana", "channel": "email"}],
        token=EVENTS_TOKEN)
    assert data == {"accepted": 0, "duplicates": 1}


def test_a_reply_told_to_one_node_about_the_others_touch_is_read_by_both(nodes):
    a, b = nodes
    status, sent = decide(a, person="bo")
    assert sent["decision"] == "send"
    status, _, data = b.request("POST", "/v1/events", [
        {"id": "reply-1", "type": "replied", "person_id": "bo", "touch_id": sent["touch_id"]}],
        token=EVENTS_TOKEN)
    assert status == 200 and data["accepted"] == 1, data
    for node in nodes:
        _, _, why = node.request("GET", "/v1/people/bo/why")
        assert why["last_reply"] is not None, why


def test_when_the_cluster_does_not_answer_promotions_defer_and_the_rest_retry(make_server):
    node = make_server("--state", redis_cluster().url + "?command_timeout_ms=200&retry_budget_ms=300",
                       policy=ONE_A_DAY)
    cluster = redis_cluster()
    pause = threading.Thread(target=lambda: [cluster.cli(port, "CLIENT", "PAUSE", "1500", "ALL")
                                             for port in cluster.live_ports()])
    pause.start()
    pause.join()
    try:
        status, data = decide(node, person="cy", kind="promotional")
        assert status == 200, data
        assert data["decision"] == "defer", data
        assert data["reasons"][0]["rule"] == "state.unavailable"
        assert data["recorded"] is False
        status, response, data = node.request("POST", "/v1/decide",
                                              touch(person="cy", kind="transactional"),
                                              token=DECIDE_TOKEN)
        assert status == 503 and data["error"]["code"] == "state_unavailable", data
        assert response.getheader("Retry-After") == "30"
        status, _, data = node.request("GET", "/readyz", token=None)
        assert status == 503 and data["error"]["code"] == "state_unavailable", data
    finally:
        time.sleep(1.6)
    # Once it answers again, so does tact, and nothing was recorded meanwhile.
    status, data = decide(node, person="cy", kind="promotional")
    assert status == 200 and data["decision"] == "send", data
    _, _, metrics = node.request("GET", "/metrics")
    # The profile read is what first met the paused cluster: the load stage.
    assert 'tact_state_failures_total{stage="load"' in metrics


SHARED_COUNTS_POLICY = """
[[budget]]
scope = "all"
window = "1d"
max = 50

[kinds.cold]
requires_icp = false

[content]
mass_template = { max_recipients = 3, window = "30d" }
"""

PITCH = ("Hi there, I noticed your team is growing fast. Companies like yours use our platform to "
         "cut onboarding time in half. Do you have 15 minutes next week?")


def eventually(check, seconds=5):
    """check() until it returns a true value (the counts are shared every second)."""
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.2)


def metric(text, name):
    """The value of an unlabelled metric in /metrics' text."""
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    raise AssertionError(f"{name} is not in /metrics")


def test_counts_made_on_one_node_are_read_by_the_other_within_seconds(tmp_path):
    a = start_server(tmp_path / "a", policy=SHARED_COUNTS_POLICY)
    b = start_server(tmp_path / "b", policy=SHARED_COUNTS_POLICY, data=tmp_path / "a")
    try:
        for index in range(3):
            status, _, _ = a.request("PUT", f"/v1/people/c-{index}",
                                     {"consent": {"email": "opted_in"}})
            assert status == 201
            status, data = decide(a, person=f"c-{index}", kind="cold", body=PITCH,
                                  campaign="pitch")
            assert data["decision"] == "send", data
        b.request("PUT", "/v1/people/c-3", {"consent": {"email": "opted_in"}})
        # Node b reads the three recipients node a counted: the fourth is held back there.
        time.sleep(2.5)
        status, data = decide(b, person="c-3", kind="cold", body=PITCH, campaign="pitch")
        assert data["decision"] == "suppress", data
        assert data["reasons"][0]["rule"] == "content.mass_template"
        assert data["reasons"][0]["count"] == 3

        def league_on_b():
            _, _, league = b.request("GET", "/v1/reports/league?by=campaign&from=2030-03-05"
                                     "&to=2030-03-05")
            rows = {row["name"]: row for row in league.get("rows", [])}
            pitch = rows.get("pitch")
            return pitch if pitch and pitch["asked"] == 4 else None
        pitch = eventually(league_on_b)
        assert pitch and pitch["sent"] == 3 and pitch["suppressed"] == 1, pitch
        # How the counts were shared, in each node's metrics.
        _, _, metrics_a = a.request("GET", "/metrics")
        _, _, metrics_b = b.request("GET", "/metrics")
        assert "# TYPE tact_shared_counts_writes_total counter" in metrics_a
        assert metric(metrics_a, "tact_shared_counts_writes_total") >= 1, metrics_a
        assert metric(metrics_b, "tact_shared_counts_entries_read_total") >= 1, metrics_b
        assert metric(metrics_a, "tact_shared_counts_dropped_total") == 0, metrics_a
    finally:
        for node in (a, b):
            assert node.stop() == 0, node.log()


TWO_A_DAY = ONE_A_DAY.replace("max = 1", "max = 2")
THREE_A_DAY = ONE_A_DAY.replace("max = 1", "max = 3")


def budget_max(node):
    status, _, policy = node.request("GET", "/v1/policy")
    assert status == 200, policy
    return policy["budgets"][0]["max"]


def test_a_policy_changed_on_one_node_is_in_force_on_every_node_within_a_second(nodes, tmp_path):
    a, b = nodes
    assert budget_max(b) == 1
    status, _, data = a.request("PUT", "/v1/policy", TWO_A_DAY.encode())
    assert status == 200, data
    assert eventually(lambda: budget_max(b) == 2, seconds=1), "node b still has the old policy"
    # And it decides by it.
    answers = [decide(b, person="p-policy")[1]["decision"] for _ in range(3)]
    assert answers == ["send", "send", "defer"], answers
    # SIGHUP on node b: its file, changed, reaches node a.
    (b.directory / "policy.toml").write_text(THREE_A_DAY)
    b.process.send_signal(signal.SIGHUP)
    assert eventually(lambda: budget_max(a) == 3, seconds=2), "node a still has the old policy"
    # A node started without --policy adopts the one in force.
    c = start_server(tmp_path / "c", policy=None, data=tmp_path / "a")
    try:
        assert budget_max(c) == 3
    finally:
        assert c.stop() == 0, c.log()


def test_a_decision_reads_the_person_once_and_writes_once(nodes):
    """Two round trips to the person's master: one script reading their
    profile and record, one compare-and-set script that writes the record
    with the send's ledger entry."""
    a, _ = nodes
    person = "round-trips"
    status, _, _ = a.request("PUT", f"/v1/people/{person}",
                             {"email": "rt@example.com", "consent": {"email": "opted_in"}})
    assert status == 201
    cluster = redis_cluster()
    monitor = subprocess.Popen(["redis-cli", "-p", str(cluster.master_of(person)), "MONITOR"],
                               stdout=subprocess.PIPE, text=True)
    try:
        assert monitor.stdout.readline().strip() == "OK"
        status, data = decide(a, person=person)
        assert status == 200 and data["decision"] == "send", data
        time.sleep(0.3)
    finally:
        monitor.terminate()
    commands = [line for line in monitor.communicate()[0].splitlines()
                if f'"{person}"' in line and "[0 lua]" not in line]  # not what the scripts ran
    assert [line.split('"')[1] for line in commands] == ["EVALSHA", "EVALSHA"], "\n".join(commands)
    read, write = commands
    assert f'p:{person}"' in read and '}H"' in read, read
    assert '}H"' in write and '}L:' in write, write


def test_a_plan_starts_from_what_the_cluster_holds(nodes, tmp_path):
    a, _ = nodes
    for person in ("planned", "fresh"):
        status, _, _ = a.request("PUT", f"/v1/people/{person}",
                                 {"email": f"{person}@example.com",
                                  "consent": {"email": "opted_in"}})
        assert status == 201
    status, data = decide(a, person="planned")
    assert data["decision"] == "send", data
    touches = tmp_path / "touches.csv"
    touches.write_text("person_id,channel,kind,campaign,at\n"
                       "planned,email,promotional,spring,2030-03-05T16:00:00Z\n"
                       "fresh,email,promotional,spring,2030-03-05T16:00:00Z\n")
    policy = tmp_path / "policy.toml"
    policy.write_text(ONE_A_DAY)
    decisions = tmp_path / "decisions.csv"
    run = subprocess.run([BINARY, "plan", "--state", redis_cluster().url, "--policy", str(policy),
                          "--touches", str(touches), "--out", str(decisions), "--horizon", "1h"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "state: 2 people, 0 accounts and 1 recorded touches from redis://127.0.0.1:" in run.stdout
    rows = {line.split(",")[1]: line for line in decisions.read_text().splitlines()[1:]}
    assert ",send," in rows["fresh"] or ",sent," in rows["fresh"], rows
    assert "budget.all.1d" in rows["planned"], rows  # the send the cluster recorded counts
