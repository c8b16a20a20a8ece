"""The mail server as tact's gate: a real Postfix (its own configuration
directory and loopback port) with `tact milter`, relaying to smtp-sink.
Mail is submitted with Python's smtplib, as a seller's mail client would."""
import email
import json
import pathlib
import re
import shutil
import smtplib
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage

import pytest

from conftest import BINARY, DECIDE_TOKEN, SOURCE_DIR, start_server

sys.path.insert(0, str(SOURCE_DIR / "tests" / "mail"))
from postfix import Postfix, free_port, wait_for_port  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("postfix") is None or shutil.which("smtp-sink") is None,
                                reason="Debian's postfix package (scripts/install-deps)")

MAIL_POLICY = """
[kinds]
relationship = { budgets = true, quiet_hours = false, max_delay = "14d" }
cold = { budgets = true, quiet_hours = false, max_delay = "14d" }

[[budget]]
scope = "all"
window = "7d"
max = 2

[content]
bump = { max_words = 60, applies_to = ["relationship", "cold"] }
"""

SENDERS = """
[[sender]]
address = "ana.seller@acme.example"
team = "sales-emea"
tool = "mailbox"
kind = "relationship"

[[sender]]
domain = "sequences.acme.example"
sender = "sequencer"
team = "growth"
tool = "sequences"
kind = "cold"

[unlisted]
action = "pass"
"""

SELLER = "ana.seller@acme.example"


class Gate:
    """A tact server, `tact milter` and Postfix; `server_args` and
    `milter_args` add to their command lines (`postfix_dir` is Postfix's,
    known before it starts)."""

    def __init__(self, root, senders=SENDERS, server_args=lambda gate: [],
                 milter_args=lambda gate: []):
        self.root = root
        # Postfix's daemons must reach their directory: not under pytest's 0700 tree.
        self.postfix_dir = pathlib.Path(tempfile.mkdtemp(prefix="tact-postfix-"))
        self.server = start_server(root / "server", *server_args(self), policy=MAIL_POLICY)
        (root / "senders.toml").write_text(senders)
        self.milter_port = free_port()
        self.milter_log = root / "milter.log"
        self.milter_args = milter_args(self)
        self.start_milter()
        self.postfix = Postfix(self.postfix_dir, milter=f"inet:127.0.0.1:{self.milter_port}").start()

    def start_milter(self):
        with open(self.milter_log, "ab") as log:
            self.milter = subprocess.Popen(
                [BINARY, "milter", "--listen", f"inet:{self.milter_port}@127.0.0.1",
                 "--tact", f"http://127.0.0.1:{self.server.port}",
                 "--senders", str(self.root / "senders.toml"), "--token", DECIDE_TOKEN,
                 "--timeout-ms", "5000", *self.milter_args],
                stdout=log, stderr=log)
        wait_for_port(self.milter_port, process=self.milter)

    def stop(self):
        self.postfix.stop()
        self.milter.terminate()
        # A clean stop (0), also under the sanitizers' checks at exit.
        assert self.milter.wait(timeout=30) == 0, self.milter_log.read_text()
        if self.server.process.poll() is None:
            self.server.stop()
        shutil.rmtree(self.postfix_dir, ignore_errors=True)

    def person(self, person, address, **profile):
        status, _, data = self.server.request("PUT", f"/v1/people/{person}",
                                              {"email": address, **profile})
        assert status in (200, 201), data

    def send(self, to, subject="Your rollout plan", body="Hello, here is the plan we discussed.",
             sender=SELLER, message_id=None, reply_to_id=None):
        message = EmailMessage()
        message["From"] = sender
        message["To"] = ", ".join(to)
        message["Subject"] = subject
        message["Message-ID"] = message_id or email.utils.make_msgid(domain="acme.example")
        if reply_to_id:
            message["In-Reply-To"] = reply_to_id
            message["References"] = reply_to_id
        message.set_content(body)
        with smtplib.SMTP("127.0.0.1", self.postfix.port, timeout=60) as smtp:
            refused = smtp.send_message(message, from_addr=sender, to_addrs=to)
        return message["Message-ID"], refused

    def sent_to(self, address, count=1):
        """The delivered messages for `address`, once `count` have arrived."""
        deadline = time.time() + 30
        while time.time() < deadline:
            found = [email.message_from_string(text) for text in self.postfix.delivered()]
            found = [m for m in found if address in (m["To"] or "")]
            if len(found) >= count:
                return found
            time.sleep(0.1)
        raise AssertionError(f"no mail to {address} reached the sink:\n{self.postfix.log()[-3000:]}")


@pytest.fixture(scope="module")
def gate(tmp_path_factory):
    """One Postfix, milter and server for the tests that keep them running;
    each test writes to its own people."""
    instance = Gate(tmp_path_factory.mktemp("gate"))
    yield instance
    instance.stop()


@pytest.fixture
def own_gate(tmp_path):
    instance = Gate(tmp_path)
    yield instance
    instance.stop()


def test_a_send_is_recorded_and_delivered_with_its_touch_id_and_one_click_unsubscribe(gate):
    gate.person("bea", "bea@client.example")
    _, refused = gate.send(["bea@client.example"])
    assert refused == {}
    [delivered] = gate.sent_to("bea@client.example")
    assert delivered["X-Tact-Touch-Id"].startswith("t_"), delivered.items()
    assert re.fullmatch(rf"<http://127\.0\.0\.1:{gate.server.port}/v1/unsubscribe/\S+>",
                        delivered["List-Unsubscribe"]), delivered.items()
    assert delivered["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_just_bumping_follow_up_is_rejected_at_the_end_of_the_message(gate):
    gate.person("bo", "bo@client.example")
    first, refused = gate.send(["bo@client.example"])
    assert refused == {}
    gate.sent_to("bo@client.example")
    with pytest.raises(smtplib.SMTPDataError) as rejected:
        gate.send(["bo@client.example"], subject="Re: Your rollout plan",
                  body="Hi Bo, just bumping this to the top of your inbox.", reply_to_id=first)
    assert rejected.value.smtp_code == 550
    reply = rejected.value.smtp_error.decode()
    assert reply.startswith("5.7.1 tact: ") and "[content.bump]" in reply, reply
    # A follow-up that says something new goes out.
    _, refused = gate.send(["bo@client.example"], subject="Re: Your rollout plan",
                           body="Bo, the pilot for your Lisbon team can start on the 14th; "
                                "I attached the timeline your CFO asked for.",
                           reply_to_id=first)
    assert refused == {}
    assert len(gate.sent_to("bo@client.example", count=2)) == 2


def test_over_budget_a_recipient_gets_450_with_tacts_sentence_and_the_others_go(gate):
    gate.person("cy", "cy@client.example")
    gate.person("dee", "dee@client.example")
    for subject in ["One", "Two"]:  # the policy allows two in 7 days
        _, refused = gate.send(["cy@client.example"], subject=subject, body=f"{subject}: news.")
        assert refused == {}
    _, refused = gate.send(["cy@client.example", "dee@client.example"], subject="Three",
                           body="Three: more news.")
    code, reply = refused["cy@client.example"]
    assert code == 450, refused
    reply = reply.decode()
    assert reply.startswith("4.7.1 tact: ") and "[budget.all.7d]" in reply, reply
    assert "dee@client.example" not in refused
    [to_dee] = gate.sent_to("dee@client.example")
    # The message went out to Dee alone: one person, so her own unsubscribe link.
    assert to_dee["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_an_opted_out_person_gets_550_with_the_reason(gate):
    gate.person("eve", "eve@client.example")
    status, _, data = gate.server.request("POST", "/v1/events", [
        {"id": "eve-out", "type": "unsubscribed", "person_id": "eve", "channel": "email"}])
    assert status == 200, data
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        gate.send(["eve@client.example"])
    code, reply = refused.value.recipients["eve@client.example"]
    assert code == 550
    assert reply.decode().startswith("5.7.1 tact: ") and "consent" in reply.decode(), reply


def test_the_same_message_sent_again_is_one_send(gate):
    """A message retried after a 450, or resent by a client, keeps its
    Message-ID: tact records it once."""
    gate.person("fay", "fay@client.example")
    message_id = email.utils.make_msgid(domain="acme.example")
    for _ in range(2):
        _, refused = gate.send(["fay@client.example"], message_id=message_id)
        assert refused == {}
    deliveries = gate.sent_to("fay@client.example", count=2)
    assert deliveries[0]["X-Tact-Touch-Id"] == deliveries[1]["X-Tact-Touch-Id"]
    # Recorded once: a second, different message still fits the two a week.
    _, refused = gate.send(["fay@client.example"], subject="Another", body="Another note.")
    assert refused == {}


def test_mail_from_an_unlisted_sender_passes_unasked(gate):
    gate.person("gus", "gus@client.example")
    gate.server.request("POST", "/v1/events", [
        {"id": "gus-out", "type": "unsubscribed", "person_id": "gus", "channel": "email"}])
    _, refused = gate.send(["gus@client.example"], sender="receipts@billing.example")
    assert refused == {}
    [delivered] = gate.sent_to("gus@client.example")
    assert delivered["X-Tact-Touch-Id"] is None


def test_someone_tact_does_not_know_is_decided_as_a_new_person(gate):
    _, refused = gate.send(["new.contact@prospect.example"],
                           sender="bot@sequences.acme.example")
    assert refused == {}
    [delivered] = gate.sent_to("new.contact@prospect.example")
    assert delivered["X-Tact-Touch-Id"].startswith("t_")


def test_when_tact_cannot_answer_mail_is_deferred_with_451(own_gate):
    own_gate.server.stop()
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        own_gate.send(["hal@client.example"])
    code, reply = refused.value.recipients["hal@client.example"]
    assert code == 451 and b"tact: cannot decide now" in reply, reply
    assert own_gate.milter.poll() is None, "the milter keeps running"
    # With the milter itself gone, Postfix's milter_default_action (tempfail,
    # as docs/integrations.md recommends) defers the mail: nothing goes out unjudged.
    own_gate.milter.terminate()
    own_gate.milter.wait(timeout=30)
    with pytest.raises(smtplib.SMTPResponseException) as deferred:
        own_gate.send(["hal@client.example"])
    assert deferred.value.smtp_code == 451, deferred.value
    assert own_gate.postfix.delivered() == []
