"""tact admin migrate: an embedded data directory moved into a Redis Cluster
and back (run with TACT_TEST_STATE=redis). A node on the cluster then
decides on the moved histories, links events to the moved touches, finds the
moved profiles and honours unsubscribe links the directory's server signed;
running the move again changes nothing."""
import subprocess
import urllib.parse

import pytest

import conftest
from conftest import BINARY, DECIDE_TOKEN, ONE_A_DAY, STATE, redis_cluster, start_server

pytestmark = pytest.mark.skipif(STATE != "redis", reason="needs TACT_TEST_STATE=redis")

AT = "2030-03-05T10:00:00Z"
LATER = "2030-03-05T16:00:00Z"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def migrate(source, destination, policy):
    return subprocess.run([BINARY, "admin", "migrate", "--from", str(source), "--to",
                           str(destination), "--policy", str(policy)],
                          capture_output=True, text=True, timeout=120)


def callbacks(directory):
    """A tool tact holds touches for (its callback is never due in these tests)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "callbacks.toml"
    path.write_text('[tool.crm]\nurl = "http://127.0.0.1:9/held"\nsecret = "crm-callback-secret-01"\n')
    return path


def embedded_server(monkeypatch, directory):
    with monkeypatch.context() as patch:
        patch.setattr(conftest, "STATE", "embedded")
        return start_server(directory, "--callbacks", str(callbacks(directory)), policy=ONE_A_DAY)


def fill(server):
    """Profiles, an account and a send for each of 20 people; the sends."""
    status, _, _ = server.request("PUT", "/v1/accounts/acme", {"industry": "logistics"})
    assert status in (200, 201)
    sends = []
    for index in range(20):
        status, _, _ = server.request("PUT", f"/v1/people/p-{index}", {
            "account_id": "acme", "email": f"p{index}@example.com",
            "consent": {"email": "opted_in"}})
        assert status in (200, 201)
        status, _, sent = server.request("POST", "/v1/decide", {
            "person_id": f"p-{index}", "channel": "email", "kind": "promotional",
            "list": "weekly", "at": AT}, token=DECIDE_TOKEN)
        assert status == 200 and sent["decision"] == "send", sent
        sends.append(sent)
    # A second touch the same day is held for its tool.
    status, _, held = server.request("POST", "/v1/decide", {
        "person_id": "p-0", "channel": "email", "kind": "promotional", "tool": "crm",
        "on_limit": "hold", "at": AT}, token=DECIDE_TOKEN)
    assert status == 200 and held["held"]["id"].startswith("h_"), held
    return sends


def test_a_directory_moves_into_the_cluster_and_back(tmp_path, monkeypatch):
    source = embedded_server(monkeypatch, tmp_path / "source")
    sends = fill(source)
    assert source.stop() == 0, source.log()
    cluster = redis_cluster()
    for port in cluster.live_ports():
        cluster.cli(port, "FLUSHALL")
    policy = tmp_path / "source" / "policy.toml"

    moved = migrate(tmp_path / "source" / "data", cluster.url, policy)
    assert moved.returncode == 0, moved.stdout + moved.stderr
    assert ("20 histories, 20 people, 1 accounts, 20 sent touches (the ledger), 1 held touches"
            in moved.stdout), moved.stdout
    assert "verify: the destination holds every one as written" in moved.stdout
    again = migrate(tmp_path / "source" / "data", cluster.url, policy)
    assert again.returncode == 0 and again.stdout == moved.stdout, again.stdout + again.stderr

    node = start_server(tmp_path / "node", "--callbacks", str(callbacks(tmp_path / "node")),
                        policy=ONE_A_DAY, data=tmp_path / "node")
    try:
        # The held touch is there, held, for any node to release.
        _, _, held = node.request("GET", "/v1/held?person_id=p-0", token=DECIDE_TOKEN)
        assert [h["state"] for h in held["held"]] == ["held"], held
        # The moved history counts: the person had their one send today.
        status, _, answer = node.request("POST", "/v1/decide", {
            "person_id": "p-0", "channel": "email", "kind": "promotional", "at": LATER},
            token=DECIDE_TOKEN)
        assert status == 200 and answer["decision"] == "defer", answer
        _, _, person = node.request("GET", "/v1/people/p-1")
        assert person["account_id"] == "acme", person
        # An event naming a moved touch is applied to it.
        status, _, applied = node.request("POST", "/v1/events", [{
            "id": "e-moved", "type": "opened", "person_id": "p-2",
            "touch_id": sends[2]["touch_id"], "at": LATER}])
        assert status == 200 and applied["accepted"] == 1, applied
        # A link the directory's server signed still unsubscribes.
        path = urllib.parse.urlparse(sends[3]["unsubscribe"]["url"]).path
        status, _, page = node.request("POST", path, "List-Unsubscribe=One-Click", token=None,
                                       headers=FORM)
        assert status == 200 and "already" not in page, page
    finally:
        assert node.stop() == 0, node.log()

    back = migrate(cluster.url, tmp_path / "back", policy)
    assert back.returncode == 0, back.stdout + back.stderr
    assert "20 sent touches (the ledger), 1 held touches" in back.stdout, back.stdout
    returned = embedded_server(monkeypatch, tmp_path / "returned")
    returned.stop()
    with monkeypatch.context() as patch:
        patch.setattr(conftest, "STATE", "embedded")
        restarted = start_server(tmp_path / "returned", policy=ONE_A_DAY, data=tmp_path / "back")
    try:
        _, _, person = restarted.request("GET", "/v1/people/p-3")
        assert person["unsubscribed_lists"] == ["weekly"], person
        status, _, answer = restarted.request("POST", "/v1/decide", {
            "person_id": "p-5", "channel": "email", "kind": "promotional", "at": LATER},
            token=DECIDE_TOKEN)
        assert status == 200 and answer["decision"] == "defer", answer
    finally:
        assert restarted.stop() == 0, restarted.log()


def test_both_sides_of_one_kind_are_refused(tmp_path):
    refused = migrate(tmp_path / "a", tmp_path / "b", tmp_path / "none.toml")
    assert refused.returncode == 2
    assert "--from and --to" in refused.stderr
