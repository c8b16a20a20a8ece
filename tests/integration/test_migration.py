"""A data directory written by the previous data format opens, keeps every
acknowledged record and answers as the release that wrote it did
(tests/fixtures/data-format-1/SOURCES.md says how it was made)."""
import json
import subprocess
import tarfile

import pytest

from conftest import BINARY, SOURCE_DIR, TEST_POLICY, start_server

pytestmark = pytest.mark.embedded_only  # the data directory itself

FIXTURE = SOURCE_DIR / "tests" / "fixtures" / "data-format-1"


def unpack(tmp_path):
    with tarfile.open(FIXTURE / "data.tar.gz") as archive:
        archive.extractall(tmp_path)  # our own fixture
    return tmp_path / "data"


def data_format(data):
    return (data / "FORMAT").read_text().split()


def answered_the_same(release, now, where=""):
    """Every field the release answered is answered the same; fields added
    since (new counts, new keys) are allowed, as for any client of the API."""
    if isinstance(release, dict):
        assert isinstance(now, dict), where
        for key, value in release.items():
            assert key in now, f"{where}.{key}: gone"
            answered_the_same(value, now[key], f"{where}.{key}")
    elif isinstance(release, list):
        assert isinstance(now, list) and len(now) == len(release), where
        for index, (old, new) in enumerate(zip(release, now)):
            answered_the_same(old, new, f"{where}[{index}]")
    else:
        assert now == release, f"{where}: {now!r}, the release answered {release!r}"


def answers_as_the_release_did(server, expected):
    for path, answer in expected["reads"].items():
        status, _, data = server.request("GET", path)
        assert status == 200, (path, data)
        answered_the_same(answer, data, path)


def test_a_format_1_directory_opens_with_every_record_and_is_migrated(tmp_path):
    expected = json.loads((FIXTURE / "expected.json").read_text())
    data = unpack(tmp_path)
    assert data_format(data) == ["tact-data", "1"]

    server = start_server(tmp_path / "first", data=data)
    try:
        answers_as_the_release_did(server, expected)
    finally:
        assert server.stop() == 0, server.log()
    assert data_format(data) == ["tact-data", "2"]

    # Again, from the migrated directory; then the probes, which record nothing.
    server = start_server(tmp_path / "second", data=data)
    try:
        answers_as_the_release_did(server, expected)
        for probe in expected["probes"]:
            status, _, data = server.request("POST", "/v1/decide", probe["request"])
            assert status == 200, data
            # A touch id is new for every decide; the policy's version came after
            # the release (this directory kept none, so its policy is the first);
            # the rest is the release's answer.
            assert data.pop("touch_id") != probe["answer"].pop("touch_id")
            assert data.pop("policy_version") == 1
            assert data == probe["answer"]
    finally:
        assert server.stop() == 0, server.log()


def test_a_format_1_directory_is_read_by_plan_without_being_changed(tmp_path):
    data = unpack(tmp_path)
    before = {path.name: path.read_bytes() for path in (data / "db").iterdir()}
    policy = tmp_path / "policy.toml"
    policy.write_text(TEST_POLICY)
    touches = tmp_path / "touches.csv"
    touches.write_text("person_id,channel,kind,at\nana,email,promotional,2030-03-05T15:00:00Z\n")
    result = subprocess.run(
        [BINARY, "plan", "--policy", str(policy), "--touches", str(touches), "--no-progress",
         "--horizon", "1h", "--state", str(data)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "state: 3 people, 2 accounts and 4 recorded touches" in result.stdout, result.stdout
    assert "budget.all.1d" in result.stdout, result.stdout
    assert data_format(data) == ["tact-data", "1"]
    assert {path.name: path.read_bytes() for path in (data / "db").iterdir()} == before
