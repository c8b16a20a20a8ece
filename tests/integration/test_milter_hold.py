"""Held mail: a sender whose on_defer is "hold" has a deferred message kept
in a real Postfix's hold queue; tact decides it again at its not_before
(the server's test clock) and calls `tact milter --release-listen` back,
which releases it (postsuper -H) or, past its expiry, removes it
(postsuper -d)."""
import email
import json
import smtplib
import subprocess
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone

import pytest

from conftest import wait_for
from test_hold import wait_for_held
from test_milter import SENDERS, Gate, free_port, pytestmark as needs_postfix  # noqa: F401

pytestmark = needs_postfix

SECRET = "mail-release-secret-0123"
START = datetime(2030, 3, 4, 9, 0, tzinfo=timezone.utc)
HOLDING_SENDERS = SENDERS.replace('tool = "mailbox"', 'tool = "mailbox"\non_defer = "hold"')
SELLER = "ana.seller@acme.example"


def stamp(when):
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


class HoldingGate(Gate):
    """The gate with the mailbox tool's defers held: the server calls the
    milter's release listener back (its callbacks file), on a test clock."""

    def __init__(self, root):
        self.clock = root / "now.txt"
        self.clock.write_text(stamp(START))
        self.release_port = free_port()
        (root / "release.secret").write_text(SECRET + "\n")
        (root / "callbacks.toml").write_text(f"""
[retries]
first_retry_seconds = 1

[tool.mailbox]
url = "http://127.0.0.1:{self.release_port}/release"
secret = "{SECRET}"
""")
        super().__init__(
            root, senders=HOLDING_SENDERS,
            server_args=lambda gate: ["--callbacks", str(root / "callbacks.toml"),
                                      "--clock-file", str(self.clock), "--release-every-ms", "50"],
            milter_args=lambda gate: ["--release-listen", f"127.0.0.1:{self.release_port}",
                                      "--release-secret-file", str(root / "release.secret"),
                                      "--postfix-config", str(gate.postfix_dir / "conf")])

    def set_clock(self, when):
        self.clock.write_text(stamp(when))

    def queue(self):
        """Postfix's queue: {queue id: queue name}."""
        listed = subprocess.run(["postqueue", "-c", str(self.postfix.conf), "-j"],
                                capture_output=True, text=True, check=True).stdout
        return {entry["queue_id"]: entry["queue_name"]
                for entry in map(json.loads, listed.splitlines())}

    def on_hold(self):
        """The queue ids in Postfix's hold queue (mail on its way out may
        still be listed in other queues for a moment after the sink has it)."""
        return {queue_id for queue_id, name in self.queue().items() if name == "hold"}

    def held(self, person):
        status, _, data = self.server.request("GET", f"/v1/held?person_id={person}")
        assert status == 200, data
        return data["held"]

    def wait_for(self, predicate, what):
        return wait_for(predicate, what, seconds=30, detail=lambda: (
            f"milter:\n{self.milter_log.read_text()[-2000:]}\n{self.postfix.log()[-2000:]}"))

    def hold_third(self, person, address):
        """Two messages go out (the policy's two a week); the third is held.
        Its held touch and its queue id."""
        self.person(person, address)
        for subject in ["One", "Two"]:
            _, refused = self.send([address], subject=subject, body=f"{subject}: news for you.")
            assert refused == {}
        self.sent_to(address, count=2)
        _, refused = self.send([address], subject="Three", body="Three: the plan, as promised.")
        assert refused == {}, "a held message is accepted"
        [held] = self.wait_for(lambda: self.held(person), "the message held in tact")
        assert held["state"] == "held" and held["tool"] == "mailbox"
        queue_id = self.wait_for(lambda: next(iter(self.on_hold()), None),
                                 "the message in Postfix's hold queue")
        return held, queue_id


@pytest.fixture
def holding(tmp_path):
    instance = HoldingGate(tmp_path)
    yield instance
    instance.stop()


def test_a_held_message_waits_in_the_hold_queue_and_goes_out_at_its_not_before(holding):
    held, queue_id = holding.hold_third("ivy", "ivy@client.example")
    due = datetime.strptime(held["due"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    assert due >= START + timedelta(days=6), held
    time.sleep(1)
    assert len(holding.postfix.delivered()) == 2, "nothing released before its time"
    assert holding.on_hold() == {queue_id}

    holding.set_clock(due + timedelta(seconds=1))
    third = holding.sent_to("ivy@client.example", count=3)[-1]
    assert third["Subject"] == "Three"
    # The touch id its send is recorded under, and her one-click link.
    assert third["X-Tact-Touch-Id"] == "t_" + held["id"][2:]
    assert third["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert holding.on_hold() == set()
    wait_for_held(holding.server, held["id"], "the callback acknowledged", state="delivered",
                  decision="send")
    released = [line for line in holding.milter_log.read_text().splitlines() if "release" in line]
    assert any(f"{queue_id} released" in line for line in released), released


def test_a_held_message_past_its_expiry_is_removed_from_the_queue_never_sent(holding):
    held, queue_id = holding.hold_third("jo", "jo@client.example")
    # tact was away past the kind's max_delay (14 days): suppressed, removed.
    holding.set_clock(START + timedelta(days=15))
    holding.wait_for(lambda: queue_id not in holding.queue(), "the message removed")
    wait_for_held(holding.server, held["id"], "the callback acknowledged", state="delivered",
                  decision="suppress", reason_code="expires")
    time.sleep(1)
    assert [m["Subject"] for m in map(email.message_from_string, holding.postfix.delivered())] \
        == ["One", "Two"]


def test_a_message_to_several_people_is_not_held_but_refused_with_450(holding):
    for person in ["kim", "lou"]:
        holding.person(person, f"{person}@client.example")
    for subject in ["One", "Two"]:
        _, refused = holding.send(["kim@client.example"], subject=subject, body=f"{subject}.")
        assert refused == {}
    # Kim is over budget: accepted at RCPT (a defer may be held), but Postfix
    # holds messages, not recipients: the message to both waits for a retry.
    with pytest.raises(smtplib.SMTPDataError) as deferred:
        holding.send(["kim@client.example", "lou@client.example"], subject="Three",
                     body="Three: for both of you.")
    assert deferred.value.smtp_code == 450
    assert "[budget.all.7d]" in deferred.value.smtp_error.decode()
    # Nothing held: neither by tact nor in Postfix's hold queue (Kim's two
    # earlier messages may still be on their way: only the hold queue counts).
    assert holding.held("kim") == []
    assert holding.on_hold() == set(), holding.queue()


def test_a_forged_release_is_refused_and_changes_nothing(holding):
    held, queue_id = holding.hold_third("max", "max@client.example")
    body = json.dumps({"hold_id": held["id"], "decision": "send", "hold_ref": queue_id}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{holding.release_port}/release", data=body, method="POST",
        headers={"X-Tact-Signature": f"t={int(time.time())},v1=" + "0" * 64})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 401
    assert b"does not match" in refused.value.read()
    assert holding.on_hold() == {queue_id}
