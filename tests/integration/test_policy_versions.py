"""Every policy that came into force is kept as a version — when, which
token, where from, its text and what it changed — and every decision says
which version made it. Embedded and Redis state alike."""
from conftest import (ADMIN_TOKEN, DECIDE_TOKEN, REPORTS_TOKEN, TEST_POLICY, assert_error, touch)

STRICTER = TEST_POLICY.replace('window = "1d"\nmax = 3', 'window = "1d"\nmax = 2')


def versions(server, query="", token=REPORTS_TOKEN):
    status, _, data = server.request("GET", f"/v1/policy/versions{query}", token=token)
    assert status == 200, data
    return data


def put_policy(server, text):
    status, _, data = server.request("PUT", "/v1/policy", text, token=ADMIN_TOKEN,
                                     headers={"Content-Type": "application/toml"})
    assert status == 200, data
    return data["policy"]


def decided_version(server):
    status, _, data = server.request("POST", "/v1/decide", touch(dry_run=True), token=DECIDE_TOKEN)
    assert status == 200, data
    return data["policy_version"]


def test_each_policy_in_force_is_a_version_and_decisions_name_theirs(make_server):
    assert STRICTER != TEST_POLICY
    server = make_server()
    started = versions(server)
    assert started["more"] is False
    [first] = started["versions"]
    assert first["version"] == 1 and first["token"] is None
    assert first["origin"].endswith("policy.toml") and first["text"] == TEST_POLICY
    assert decided_version(server) == 1

    assert put_policy(server, STRICTER)["version"] == 2
    assert decided_version(server) == 2
    latest = versions(server)["versions"][0]
    assert latest["version"] == 2 and latest["token"] == "ops"
    assert latest["origin"] == "PUT /v1/policy" and latest["text"] == STRICTER
    assert latest["changes"] == [
        "~ budget.all.1d: at most 3 touches across all channels in 1d -> "
        "at most 2 touches across all channels in 1d"]
    _, _, policy = server.request("GET", "/v1/policy", token=REPORTS_TOKEN)
    assert policy["version"] == 2

    # The text in force again changes nothing and keeps no version.
    assert put_policy(server, STRICTER)["version"] == 2
    assert [v["version"] for v in versions(server)["versions"]] == [2, 1]
    # Paging, and who may read.
    page = versions(server, "?limit=1")
    assert [v["version"] for v in page["versions"]] == [2] and page["more"] is True
    assert [v["version"] for v in versions(server, "?before=2")["versions"]] == [1]
    status, _, data = server.request("GET", "/v1/policy/versions?limit=0", token=REPORTS_TOKEN)
    assert_error(status, data, 400, field="limit")
    status, _, data = server.request("GET", "/v1/policy/versions", token=DECIDE_TOKEN)
    assert_error(status, data, 403)

    # Restarted with its file, the server's operator has the last word: the
    # file's policy is a new version, with what it changes from the PUT one.
    assert server.stop() == 0
    again = make_server(data=server.directory / "data")
    listed = versions(again)["versions"]
    assert [v["version"] for v in listed] == [3, 2, 1]
    assert listed[0]["text"] == TEST_POLICY and listed[0]["token"] is None
    assert listed[0]["changes"] == [
        "~ budget.all.1d: at most 2 touches across all channels in 1d -> "
        "at most 3 touches across all channels in 1d"]
    assert decided_version(again) == 3
    # Restarted again with the same file: still version 3.
    assert again.stop() == 0
    third = make_server(data=server.directory / "data")
    assert [v["version"] for v in versions(third)["versions"]] == [3, 2, 1]
    assert decided_version(third) == 3
