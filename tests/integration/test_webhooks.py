"""Providers' published webhook payloads (tests/fixtures/esp-webhooks, kept as
published) through the real server: signatures (published vectors where they
exist, keys made here otherwise, and forgeries), what each payload becomes,
and what it changes about the person. Also RFC 8058 one-click unsubscribe and
the engagement model over HTTP."""
import base64
import hashlib
import hmac
import json
import secrets
import subprocess
import time
import urllib.parse
from pathlib import Path

import pytest

from conftest import SOURCE_DIR

FIXTURES = SOURCE_DIR / "tests" / "fixtures" / "esp-webhooks"
MAILGUN_KEY = "key-made-for-this-test-0123456789"
TWILIO_TOKEN = "twilio-token-made-for-this-test"
POSTMARK = ("postmark-hook", "a-long-postmark-password")

# What tact should make of each provider's event names (docs/providers.md),
# written out here independently of the server's code.
SENDGRID = {"delivered": "delivered", "open": "opened", "click": "clicked",
            "bounce": "bounced_hard", "dropped": "bounced_soft", "deferred": "deferred_by_provider",
            "spamreport": "complained", "unsubscribe": "unsubscribed",
            "group_unsubscribe": "unsubscribed", "group_resubscribe": "resubscribed"}


def openssl(*args, data=None):
    return subprocess.run(["openssl", *args], input=data, check=True, capture_output=True).stdout


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    directory = tmp_path_factory.mktemp("keys")
    ec_key = directory / "sendgrid.pem"
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", str(ec_key))
    public = base64.b64encode(openssl("ec", "-in", str(ec_key), "-pubout", "-outform", "DER")).decode()
    rsa_key, certificate = directory / "sns-key.pem", directory / "sns.pem"
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(rsa_key), "-out",
            str(certificate), "-days", "2", "-subj", "/CN=sns.amazonaws.com")
    return {"ec_key": ec_key, "sendgrid_public": public, "rsa_key": rsa_key, "certificate": certificate}


def webhooks_file(tmp_path, keys, replay_window):
    config = tmp_path / "webhooks.toml"
    config.write_text(f"""
public_url = "https://tact.example.com"
{f'replay_window = "{replay_window}"' if replay_window else ''}
[sendgrid]
verification_key = "{keys['sendgrid_public']}"
[mailgun]
signing_key = "{MAILGUN_KEY}"
[postmark]
username = "{POSTMARK[0]}"
password = "{POSTMARK[1]}"
[ses]
certificate = "{keys['certificate']}"
[twilio]
auth_token = "{TWILIO_TOKEN}"
""")
    return config


@pytest.fixture
def hooked(make_server, tmp_path, keys):
    # The published payloads and vectors carry timestamps years old: a
    # replay window of a century lets them in (test_replays_* use the default).
    return make_server("--webhooks", str(webhooks_file(tmp_path, keys, "36500d")))


@pytest.fixture
def guarded(make_server, tmp_path, keys):
    return make_server("--webhooks", str(webhooks_file(tmp_path, keys, None)))


def person_with(server, person_id, **fields):
    status, _, data = server.request("PUT", f"/v1/people/{person_id}", fields)
    assert status in (200, 201), data


def person(server, person_id):
    return server.request("GET", f"/v1/people/{person_id}")[2]


def post_sendgrid(server, keys, body: bytes, timestamp="1700000000", forge=False):
    signature = openssl("dgst", "-sha256", "-sign", str(keys["ec_key"]), data=timestamp.encode() + body)
    if forge:
        body = body.replace(b"example", b"exampel")
    headers = {"X-Twilio-Email-Event-Webhook-Signature": base64.b64encode(signature).decode(),
               "X-Twilio-Email-Event-Webhook-Timestamp": timestamp}
    return server.request("POST", "/v1/webhooks/sendgrid", body, token=None, headers=headers)


def expect_effects(state, types, lists=()):
    """The person's state after events of `types` (in order) on email."""
    consent = state["consent"]["email"]
    if "complained" in types or ("unsubscribed" in types and not lists):
        assert consent == "opted_out", state
    if "bounced_hard" in types:
        assert "email" in state.get("undeliverable", []), state


@pytest.mark.parametrize("path", sorted((FIXTURES / "sendgrid").glob("*.json")), ids=lambda p: p.name)
def test_sendgrid_payloads_as_published(hooked, keys, path):
    body = path.read_bytes()
    events = json.loads(body)
    person_id = "sg-" + path.stem
    person_with(hooked, person_id, email=events[0]["email"], consent={"email": "opted_in"})
    status, _, data = post_sendgrid(hooked, keys, body)
    assert status == 200, data
    mapped = [e for e in events if e["event"] in SENDGRID]
    distinct_ids = len({e["sg_event_id"] for e in mapped})
    assert data["ignored"] == len(events) - len(mapped)
    assert data["accepted"] == distinct_ids  # the combined file reuses one placeholder id
    assert data["duplicates"] == len(mapped) - distinct_ids
    assert data["unmatched"] == 0 and data["errors"] == []
    state = person(hooked, person_id)
    kinds = [e["event"] for e in mapped]
    if kinds and distinct_ids == len(mapped):
        if kinds[0] == "bounce":
            blocked = events[0].get("type") == "blocked"
            assert ("email" in state.get("undeliverable", [])) == (not blocked), state
        elif kinds[0] in ("spamreport", "unsubscribe"):
            assert state["consent"]["email"] == "opted_out"
        elif kinds[0] == "group_unsubscribe":
            assert state["unsubscribed_lists"] == [str(events[0]["asm_group_id"])]
            assert state["consent"]["email"] == "opted_in"
        else:
            assert state["consent"]["email"] == "opted_in"
            assert "undeliverable" not in state and "unsubscribed_lists" not in state
    # The same body again changes nothing: every id is a duplicate.
    status, _, again = post_sendgrid(hooked, keys, body)
    assert again["accepted"] == 0 and again["duplicates"] == len(mapped)


def test_sendgrid_forged_or_unsigned_records_nothing(hooked, keys):
    body = (FIXTURES / "sendgrid" / "spamreport.json").read_bytes()
    person_with(hooked, "victim", email="example@test.com", consent={"email": "opted_in"})
    status, _, data = post_sendgrid(hooked, keys, body, forge=True)
    assert status == 401 and data["error"]["code"] == "bad_signature"
    status, _, data = hooked.request("POST", "/v1/webhooks/sendgrid", body, token=None)
    assert status == 401
    # Signed for another timestamp.
    signature = openssl("dgst", "-sha256", "-sign", str(keys["ec_key"]), data=b"1" + body)
    status, _, _ = hooked.request("POST", "/v1/webhooks/sendgrid", body, token=None, headers={
        "X-Twilio-Email-Event-Webhook-Signature": base64.b64encode(signature).decode(),
        "X-Twilio-Email-Event-Webhook-Timestamp": "2"})
    assert status == 401
    assert person(hooked, "victim")["consent"]["email"] == "opted_in"


def test_a_batch_with_one_bad_element_records_the_good_ones(hooked, keys):
    person_with(hooked, "batch", email="batch@example.com", consent={"email": "opted_in"})
    events = [{"event": "delivered", "email": "batch@example.com", "sg_event_id": "b-1", "timestamp": 1700000000},
              {"event": "spamreport", "email": "batch@example.com", "timestamp": 1700000000},
              {"event": "open", "email": "nobody@example.com", "sg_event_id": "b-3", "timestamp": 1700000000},
              {"event": "some_future_type", "email": "batch@example.com", "sg_event_id": "b-4"}]
    status, _, data = post_sendgrid(hooked, keys, json.dumps(events).encode())
    assert status == 200
    assert (data["accepted"], data["unmatched"], data["ignored"]) == (1, 1, 1)
    assert data["errors"] == [{"index": 1, "field": "[1].sg_event_id",
                               "message": "[1].sg_event_id: is required"}]
    assert person(hooked, "batch")["consent"]["email"] == "opted_in"  # the bad complaint is not applied


def mailgun_body(event_data_text: str, key=MAILGUN_KEY, token=None, timestamp="1700000000"):
    token = token or secrets.token_hex(25)
    signature = hmac.new(key.encode(), (timestamp + token).encode(), hashlib.sha256).hexdigest()
    envelope = json.dumps({"timestamp": timestamp, "token": token, "signature": signature})
    # The published event-data text goes in as it is.
    return '{"signature": ' + envelope + ', "event-data": ' + event_data_text + '}'


@pytest.mark.parametrize("path", sorted((FIXTURES / "mailgun" / "event-data").iterdir()), ids=lambda p: p.name)
def test_mailgun_event_data_as_published(hooked, path):
    text = path.read_text()
    status, _, data = hooked.request("POST", "/v1/webhooks/mailgun", mailgun_body(text), token=None)
    if path.suffix == ".txt":
        # Published with trailing commas: not JSON, so refused as a whole.
        assert status == 400 and data["error"]["code"] == "invalid", data
        return
    event = json.loads(text)
    person_id = "mg-" + path.stem
    person_with(hooked, person_id, email=event["recipient"], consent={"email": "opted_in"})
    status, _, data = hooked.request("POST", "/v1/webhooks/mailgun", mailgun_body(text), token=None)
    assert status == 200 and data["accepted"] == 1, data
    state = person(hooked, person_id)
    permanent = event["event"] == "failed" and event.get("severity") == "permanent"
    assert ("email" in state.get("undeliverable", [])) == permanent, state
    # Forged: another key.
    status, _, _ = hooked.request("POST", "/v1/webhooks/mailgun",
                                  mailgun_body(text, key="key-other"), token=None)
    assert status == 401


def postmark_expected(payload):
    record = payload.get("RecordType")
    if record == "Delivery":
        return "delivered"
    if record in ("Open", "Click"):
        return {"Open": "opened", "Click": "clicked"}[record]
    if record == "SpamComplaint":
        return "complained"
    if record == "Bounce":
        return {"HardBounce": "bounced_hard", "SpamComplaint": "complained",
                "Unsubscribe": "unsubscribed"}.get(payload["Type"], "bounced_soft")
    if record == "SubscriptionChange":
        if not payload["SuppressSending"]:
            return "resubscribed"
        return {"HardBounce": "bounced_hard", "SpamComplaint": "complained"}.get(
            payload.get("SuppressionReason"), "unsubscribed")
    return None


@pytest.mark.parametrize("path", sorted((FIXTURES / "postmark").glob("*/*.json")),
                         ids=lambda p: p.parent.name + "/" + p.name)
def test_postmark_payloads_as_published(hooked, path):
    payload = json.loads(path.read_text())
    address = payload.get("Recipient") or payload.get("Email")
    person_id = "pm-" + path.stem
    if address:
        person_with(hooked, person_id, email=address, consent={"email": "opted_in"})
    auth = {"Authorization": "Basic " + base64.b64encode(":".join(POSTMARK).encode()).decode()}
    status, _, data = hooked.request("POST", "/v1/webhooks/postmark", path.read_bytes(),
                                     token=None, headers=auth)
    assert status == 200, data
    expected = postmark_expected(payload)
    if expected is None:
        assert data["ignored"] == 1 and data["accepted"] == 0  # no RecordType: older formats
        return
    address_key = "Email" if payload.get("RecordType") in ("Bounce", "SpamComplaint") else "Recipient"
    if not payload.get(address_key):
        assert data["errors"][0]["field"] == address_key
        return
    assert data["accepted"] == 1, data
    state = person(hooked, person_id)
    if expected in ("complained", "unsubscribed"):
        assert state["consent"]["email"] == "opted_out"
    elif expected == "bounced_hard":
        assert "email" in state.get("undeliverable", [])
    else:
        assert state["consent"]["email"] == "opted_in" and "undeliverable" not in state
    # Wrong password: nothing recorded.
    wrong = {"Authorization": "Basic " + base64.b64encode(b"postmark-hook:wrong").decode()}
    status, _, _ = hooked.request("POST", "/v1/webhooks/postmark", path.read_bytes(),
                                  token=None, headers=wrong)
    assert status == 401


def sns_envelope(keys, message: str, message_id="m-1", forge=False,
                 timestamp="2027-02-10T10:00:00.000Z"):
    envelope = {"Type": "Notification", "MessageId": message_id,
                "TopicArn": "arn:aws:sns:us-east-1:123456789012:ses-events",
                "Message": message, "Timestamp": timestamp,
                "SignatureVersion": "2",
                "SigningCertURL": "https://sns.us-east-1.amazonaws.com/cert.pem"}
    to_sign = "".join(f"{key}\n{envelope[key]}\n" for key in
                      ("Message", "MessageId", "Timestamp", "TopicArn", "Type"))
    signature = openssl("dgst", "-sha256", "-sign", str(keys["rsa_key"]), data=to_sign.encode())
    envelope["Signature"] = base64.b64encode(signature).decode()
    if forge:
        envelope["Message"] = message.replace("example", "exampel")
    return json.dumps(envelope)


SES = {"Bounce": None, "Complaint": "complained", "Delivery": "delivered",
       "DeliveryDelay": "deferred_by_provider", "Open": "opened", "Click": "clicked",
       "Subscription": "unsubscribed"}


@pytest.mark.parametrize("path", sorted((FIXTURES / "amazon-ses").glob("[en]*/*.json")),
                         ids=lambda p: p.parent.name + "/" + p.name)
def test_ses_events_through_sns(hooked, keys, path):
    text = path.read_text()
    event = json.loads(text)
    name = event.get("eventType") or event.get("notificationType")
    detail = {"Bounce": ("bounce", "bouncedRecipients"), "Complaint": ("complaint", "complainedRecipients"),
              "Delivery": ("delivery", "recipients"), "DeliveryDelay": ("deliveryDelay", "delayedRecipients")}
    if name in detail:
        section, field = detail[name]
        recipients = [r if isinstance(r, str) else r["emailAddress"] for r in event[section][field]]
    else:
        recipients = event["mail"]["destination"]
    for index, address in enumerate(recipients):
        person_with(hooked, f"ses-{path.stem}-{index}", email=address, consent={"email": "opted_in"})
    status, _, data = hooked.request("POST", "/v1/webhooks/ses",
                                     sns_envelope(keys, text, message_id=path.stem), token=None)
    assert status == 200, data
    if name not in SES:
        assert data["ignored"] == 1 and data["accepted"] == 0, data  # Send, Reject, Rendering Failure
        return
    assert data["accepted"] == len(recipients), data
    state = person(hooked, f"ses-{path.stem}-0")
    if name == "Bounce":
        permanent = event["bounce"]["bounceType"] == "Permanent"
        assert ("email" in state.get("undeliverable", [])) == permanent
    elif SES[name] in ("complained", "unsubscribed"):
        assert state["consent"]["email"] == "opted_out"
    status, _, _ = hooked.request("POST", "/v1/webhooks/ses", sns_envelope(keys, text, forge=True),
                                  token=None)
    assert status == 401


@pytest.mark.parametrize("path", sorted((FIXTURES / "amazon-ses" / "sns-envelope").glob("*.json")),
                         ids=lambda p: p.name)
def test_sns_examples_with_placeholder_signatures_are_refused(hooked, path):
    status, _, data = hooked.request("POST", "/v1/webhooks/ses", path.read_bytes(), token=None)
    assert status == 401, data


def test_real_sns_signatures_verify_against_the_published_certificate(make_server, tmp_path):
    vectors = FIXTURES / "amazon-ses" / "sns-signature-vectors"
    config = tmp_path / "real-sns.toml"
    # Published vectors, signed years ago: the window is opened wide for them.
    config.write_text(f'replay_window = "36500d"\n[ses]\ncertificate = "{next(vectors.glob("*.pem"))}"\n')
    server = make_server("--webhooks", str(config))
    for path in sorted(vectors.glob("notification-*.json")):
        status, _, data = server.request("POST", "/v1/webhooks/ses", path.read_bytes(), token=None)
        # Authentic, but "Hello world" is no SES event: counted and ignored.
        assert status == 200 and data["ignored"] == 1, (path.name, data)
        tampered = json.loads(path.read_text())
        tampered["Message"] = "Hello world!"
        status, _, _ = server.request("POST", "/v1/webhooks/ses", json.dumps(tampered), token=None)
        assert status == 401, path.name


def post_twilio(server, params, query="", token=TWILIO_TOKEN):
    path = "/v1/webhooks/twilio" + query
    url = "https://tact.example.com" + path
    signed = url + "".join(k + v for k, v in sorted(params.items()))
    signature = base64.b64encode(hmac.new(token.encode(), signed.encode(), hashlib.sha1).digest()).decode()
    return server.request("POST", path, urllib.parse.urlencode(params), token=None, headers={
        "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature})


def test_twilio_status_callbacks_and_inbound_keywords(hooked):
    # Twilio publishes the parameters, not a sample body; these follow its docs.
    person_with(hooked, "sms-person", phone="+14155550100", consent={"sms": "opted_in"})
    base = {"AccountSid": "AC" + "0" * 32, "From": "+14155550999", "To": "+14155550100",
            "ApiVersion": "2010-04-01"}
    status, _, data = post_twilio(hooked, {**base, "MessageSid": "SM1", "MessageStatus": "delivered"})
    assert status == 200 and data["accepted"] == 1, data
    status, _, data = post_twilio(hooked, {**base, "MessageSid": "SM1", "MessageStatus": "sent"})
    assert data["ignored"] == 1
    inbound = {"AccountSid": base["AccountSid"], "From": "+14155550100", "To": "+14155550999"}
    status, _, data = post_twilio(hooked, {**inbound, "MessageSid": "SM2", "Body": "Stop"})
    assert data["accepted"] == 1
    assert person(hooked, "sms-person")["consent"]["sms"] == "opted_out"
    status, _, data = post_twilio(hooked, {**inbound, "MessageSid": "SM3", "Body": " START "})
    assert person(hooked, "sms-person")["consent"]["sms"] == "opted_in"
    status, _, data = post_twilio(hooked, {**base, "MessageSid": "SM4", "MessageStatus": "undelivered",
                                           "ErrorCode": "30006"})
    assert "sms" in person(hooked, "sms-person")["undeliverable"]
    # Forged: another auth token, or a different URL.
    status, _, _ = post_twilio(hooked, {**inbound, "MessageSid": "SM5", "Body": "STOP"}, token="other")
    assert status == 401
    assert person(hooked, "sms-person")["consent"]["sms"] == "opted_in"


def test_touch_id_links_an_event_to_its_touch_and_campaign(hooked, keys):
    """The complaint guard counts a complaint against the campaign of the touch it names."""
    _, _, sent = hooked.request("POST", "/v1/decide", {
        "person_id": "linked", "channel": "email", "kind": "promotional", "campaign": "spring",
        "sender": "news@shop.example.com"})
    assert sent["decision"] == "send"
    # No profile, no address: only the touch id can tell who it was.
    events = [{"event": "spamreport", "email": "unknown@example.org", "sg_event_id": "link-1",
               "timestamp": 1700000000, "tact_touch_id": sent["touch_id"]}]
    status, _, data = post_sendgrid(hooked, keys, json.dumps(events).encode())
    assert data["accepted"] == 1 and data["unmatched"] == 0, data
    assert person(hooked, "linked")["consent"]["email"] == "opted_out"
    _, _, report = hooked.request("GET", "/v1/reports/reputation")
    spring = [row for row in report["senders"] if row["name"] == "spring"][0]
    assert (spring["sent"], spring["complaints"]) == (1, 1)


def test_one_click_unsubscribe(hooked):
    person_with(hooked, "reader", email="reader@example.com", consent={"email": "opted_in"})
    touch = {"person_id": "reader", "channel": "email", "kind": "promotional", "list": "weekly",
             "at": "2027-02-10T10:00:00Z"}
    _, _, sent = hooked.request("POST", "/v1/decide", touch)
    unsubscribe = sent["unsubscribe"]
    assert unsubscribe["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe["headers"]["List-Unsubscribe"] == "<" + unsubscribe["url"] + ">"
    path = urllib.parse.urlparse(unsubscribe["url"]).path
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    # GET (a link scanner) changes nothing.
    status, _, page = hooked.request("GET", path, token=None)
    assert status == 200 and "<form method=post>" in page
    assert "unsubscribed_lists" not in person(hooked, "reader")
    # A tampered token: 404, nothing changes.
    tampered = path[:-2] + ("AA" if not path.endswith("AA") else "BB")
    status, _, _ = hooked.request("POST", tampered, "List-Unsubscribe=One-Click", token=None, headers=form)
    assert status == 404
    status, _, _ = hooked.request("POST", path, "", token=None, headers=form)
    assert status == 400
    status, _, page = hooked.request("POST", path, "List-Unsubscribe=One-Click", token=None, headers=form)
    assert status == 200 and "already" not in page
    assert person(hooked, "reader")["unsubscribed_lists"] == ["weekly"]
    # Once and only once.
    status, _, page = hooked.request("POST", path, "List-Unsubscribe=One-Click", token=None, headers=form)
    assert status == 200 and "already" in page
    # Other spellings of the same token (base64 padding, the unused low bits of
    # its last character) are not tokens: they would count the same unsubscribe again.
    B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    last = B64.index(path[-1])
    for variant in (path + "=", path[:-1] + B64[last ^ 1]):
        status, _, _ = hooked.request("POST", variant, "List-Unsubscribe=One-Click", token=None,
                                      headers=form)
        assert status == 404, variant
    metrics = hooked.request("GET", "/metrics")[2]
    assert 'tact_events_total{type="unsubscribed"} 1' in metrics
    # The list is left; other lists and the channel are not.
    _, _, again = hooked.request("POST", "/v1/decide", {**touch, "at": "2027-02-20T10:00:00Z"})
    assert again["decision"] == "suppress" and again["reasons"][0]["rule"] == "consent.list"
    _, _, other = hooked.request("POST", "/v1/decide", {**touch, "list": "product", "at": "2027-02-20T10:00:00Z"})
    assert other["decision"] == "send"


ENGAGEMENT_POLICY = """
[[budget]]
scope = "all"
window = "1d"
max = 1
[engagement]
attribution_window = "2d"
dormant_after_ignored = 3
dormant_budget = { window = "30d", max = 1 }
"""


def test_a_person_who_ignores_touches_becomes_dormant_and_one_reply_restores(make_server):
    server = make_server(policy=ENGAGEMENT_POLICY)
    touch = {"person_id": "quiet", "channel": "email", "kind": "promotional"}
    for day in (1, 2, 3):
        _, _, data = server.request("POST", "/v1/decide", {**touch, "at": f"2027-03-0{day}T10:00:00Z"})
        assert data["decision"] == "send", data
    # Two days after the third touch, all three were ignored.
    _, _, dormant = server.request("POST", "/v1/decide", {**touch, "at": "2027-03-06T10:00:00Z"})
    assert dormant["decision"] == "defer", dormant
    assert dormant["reasons"][0]["rule"] == "engagement.dormant"
    # One touch per 30 days: the window must be clear of the three (the last on the 3rd).
    assert dormant["not_before"] == "2027-04-02T10:00:00Z"
    # A machine open (Apple Mail Privacy Protection) does not count ...
    server.request("POST", "/v1/events", [{"id": "mpp-1", "type": "opened", "person_id": "quiet",
                                          "machine": True, "at": "2027-03-05T09:00:00Z"}])
    _, _, still = server.request("POST", "/v1/decide", {**touch, "at": "2027-03-06T10:00:00Z"})
    assert still["decision"] == "defer"
    # ... one reply does.
    server.request("POST", "/v1/events", [{"id": "reply-1", "type": "replied", "person_id": "quiet",
                                          "at": "2027-03-05T09:00:00Z"}])
    _, _, restored = server.request("POST", "/v1/decide", {**touch, "at": "2027-03-06T10:00:00Z"})
    assert restored["decision"] == "send", restored


def test_fixtures_are_read_from_the_repository_itself():
    # A fresh clone of the project alone passes its tests: nothing a test
    # reads lives outside it.
    assert FIXTURES.is_relative_to(SOURCE_DIR) and (FIXTURES / "SOURCES.md").is_file()
    outside = []
    for folder in ("src", "tests", "bench"):
        for path in (SOURCE_DIR / folder).rglob("*"):
            if path.suffix in {".cc", ".h", ".py", ".txt", ".mjs"} and path.is_file() \
                    and path != Path(__file__).resolve():
                if "shared/fixtures" in path.read_text(errors="replace"):
                    outside.append(str(path.relative_to(SOURCE_DIR)))
    assert outside == []


# --- Replays: a captured signature cannot be used again later --------------------------------


def test_replays_of_old_signatures_are_refused_with_the_reason(guarded, keys):
    body = (FIXTURES / "sendgrid" / "spamreport.json").read_bytes()
    person_with(guarded, "victim", email="example@test.com", consent={"email": "opted_in"})
    # Signed correctly, but in 1970 / 2023: outside the default window of 15 minutes.
    for timestamp in ("0", "1700000000"):
        status, _, data = post_sendgrid(guarded, keys, body, timestamp=timestamp)
        assert status == 401 and data["error"]["code"] == "bad_signature", data
        assert "outside the replay window of 15m" in data["error"]["message"], data
    status, _, data = guarded.request("POST", "/v1/webhooks/mailgun", mailgun_body(
        (FIXTURES / "mailgun" / "event-data" / "delivered.json").read_text(), timestamp="0"),
        token=None)
    assert status == 401 and "signature.timestamp" in data["error"]["message"], data
    status, _, data = guarded.request(
        "POST", "/v1/webhooks/ses", sns_envelope(keys, json.dumps({"notificationType": "Delivery"}),
                                                 timestamp="2020-01-01T00:00:00.000Z"), token=None)
    assert status == 401 and "Timestamp" in data["error"]["message"], data
    assert person(guarded, "victim")["consent"]["email"] == "opted_in"
    # Signed now: accepted.
    status, _, data = post_sendgrid(guarded, keys, body, timestamp=str(int(time.time())))
    assert status == 200, data
    assert person(guarded, "victim")["consent"]["email"] == "opted_out"


def test_a_mailgun_token_is_used_once(guarded):
    person_with(guarded, "mg-victim", email="alice@example.com", consent={"email": "opted_in"})
    now, token = str(int(time.time())), secrets.token_hex(25)
    delivered = json.dumps({"event": "delivered", "id": "d-1", "timestamp": time.time(),
                            "recipient": "alice@example.com"})
    status, _, data = guarded.request("POST", "/v1/webhooks/mailgun",
                                      mailgun_body(delivered, token=token, timestamp=now),
                                      token=None)
    assert status == 200, data
    # The same signature (timestamp + token) with another body: a forged complaint.
    complaint = json.dumps({"event": "complained", "id": "c-1", "timestamp": time.time(),
                            "recipient": "alice@example.com"})
    status, _, data = guarded.request("POST", "/v1/webhooks/mailgun",
                                      mailgun_body(complaint, token=token, timestamp=now),
                                      token=None)
    assert status == 401 and "signature.token was used before" in data["error"]["message"], data
    assert person(guarded, "mg-victim")["consent"]["email"] == "opted_in"


# --- Mappings found wrong with payloads from other sources ------------------------------------


def test_twilio_21610_means_the_person_opted_out_of_sms(hooked):
    person_with(hooked, "stopper", phone="+14155550123", consent={"sms": "opted_in"})
    status, _, data = post_twilio(hooked, {
        "AccountSid": "AC" + "0" * 32, "From": "+14155550999", "To": "+14155550123",
        "MessageSid": "SM21610", "MessageStatus": "failed", "ErrorCode": "21610"})
    assert status == 200 and data["accepted"] == 1, data
    assert person(hooked, "stopper")["consent"]["sms"] == "opted_out"
    assert "undeliverable" not in person(hooked, "stopper")


def test_twilio_callbacks_without_to_are_linked_by_the_touch_id(hooked):
    _, _, sent = hooked.request("POST", "/v1/decide", {
        "person_id": "sms-linked", "channel": "sms", "kind": "transactional"})
    assert sent["decision"] == "send", sent
    # A Messaging Service's minimal callback: no To, no From.
    status, _, data = post_twilio(hooked, {"AccountSid": "AC" + "0" * 32, "MessageSid": "SMmin",
                                           "MessageStatus": "undelivered", "ErrorCode": "30006"},
                                  query=f"?tact_touch_id={sent['touch_id']}")
    assert status == 200 and data["accepted"] == 1 and data["unmatched"] == 0, data
    assert "sms" in person(hooked, "sms-linked")["undeliverable"]
    # Without a touch id, the missing To is still named.
    status, _, data = post_twilio(hooked, {"AccountSid": "AC" + "0" * 32, "MessageSid": "SMmin2",
                                           "MessageStatus": "delivered"})
    assert data["accepted"] == 0 and "To: must be an E.164 number" in json.dumps(data), data


def test_a_postmark_complaint_numbered_like_its_bounce_is_not_a_duplicate(hooked):
    person_with(hooked, "pm-both", email="both@example.com", consent={"email": "opted_in"})
    auth = {"Authorization": "Basic " + base64.b64encode(":".join(POSTMARK).encode()).decode()}
    for record, expected in (("Bounce", 1), ("SpamComplaint", 1), ("SpamComplaint", 0)):
        body = {"RecordType": record, "ID": 4242, "Type": "SoftBounce" if record == "Bounce"
                else "SpamComplaint", "Email": "both@example.com", "MessageID": "m-4242",
                "BouncedAt": "2027-02-10T10:00:00Z"}
        status, _, data = hooked.request("POST", "/v1/webhooks/postmark", json.dumps(body),
                                         token=None, headers=auth)
        assert status == 200 and data["accepted"] == expected, (record, data)
    assert person(hooked, "pm-both")["consent"]["email"] == "opted_out"


def test_mailgun_events_without_an_id_are_applied_once(hooked):
    person_with(hooked, "mg-noid", email="noid@example.com", consent={"email": "opted_in"})
    event = json.dumps({"event": "unsubscribed", "timestamp": 1700000000.123,
                        "recipient": "noid@example.com",
                        "message": {"headers": {"message-id": "abc@mg.example.com"}}})
    status, _, data = hooked.request("POST", "/v1/webhooks/mailgun", mailgun_body(event),
                                     token=None)
    assert status == 200 and data["accepted"] == 1, data
    assert person(hooked, "mg-noid")["consent"]["email"] == "opted_out"
    status, _, data = hooked.request("POST", "/v1/webhooks/mailgun", mailgun_body(event),
                                     token=None)
    assert data["accepted"] == 0 and data["duplicates"] == 1, data


def test_errors_that_echo_invalid_utf8_are_still_valid_utf8(hooked):
    conn = hooked.connect()
    conn.request("POST", "/v1/webhooks/twilio", body=b"Fr\xefm=%zz&MessageSid=SM1",
                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    response = conn.getresponse()
    body = response.read()
    assert response.status == 400, body
    data = json.loads(body.decode("utf-8"))  # strict: raises on invalid UTF-8
    assert data["error"]["message"].startswith("Fr\ufffdm: "), data
