"""GET and POST /v1/check: the decision for tools that call out at send time
(Braze Connected Content, Customer.io, HubSpot and Zapier webhooks), driven
the way those tools call: query strings, forms, JSON whose values are all
strings, Basic credentials in the URL, and one message rendered many times."""
import base64
import hashlib
import hmac
import time
import concurrent.futures
import json
import subprocess
import urllib.parse

from conftest import BINARY, DECIDE_TOKEN, assert_error

AT = "2030-03-05T15:00:00Z"


def check(server, query, body=None, content_type=None, token=DECIDE_TOKEN, method=None,
          headers=None):
    method = method or ("POST" if body is not None else "GET")
    all_headers = dict(headers or {})
    if content_type:
        all_headers["Content-Type"] = content_type
    return server.request(method, "/v1/check?" + urllib.parse.urlencode(query), body=body,
                          token=token, headers=all_headers)


def put_person(server, person, email, consent=None):
    body = {"email": email}
    if consent:
        body["consent"] = consent
    status, _, data = server.request("PUT", f"/v1/people/{person}", body)
    assert status in (200, 201), data


def test_a_known_person_by_email_gets_flat_fields_a_template_can_branch_on(server):
    put_person(server, "ana", "ana@example.com")
    status, response, data = check(server, {"email": "Ana@Example.com", "channel": "email",
                                            "kind": "promotional", "tool": "braze",
                                            "campaign": "spring", "at": AT})
    assert status == 200, data
    assert response.getheader("Cache-Control") == "no-store"
    assert data["send"] is True and data["decision"] == "send", data
    assert data["defer_until"] is None and data["reason_code"] is None
    assert data["touch_id"].startswith("t_") and data["person_id"] == "ana"
    assert data["repeated"] is False
    assert data["held"] is False and data["hold_id"] is None
    assert "/v1/preferences/" in data["preferences_url"], data
    assert set(data) == {"send", "decision", "defer_until", "best_at", "reason", "reason_code",
                         "touch_id", "person_id", "unsubscribe_url", "preferences_url", "held",
                         "hold_id", "repeated"}
    assert data["best_at"] is None  # the test policy has no [send_time] (test_send_time.py)


def test_forms_and_json_strings_are_read_as_the_touch_they_describe(server):
    status, _, data = check(server, {"channel": "email"},
                            body="person_id=bo&kind=promotional&step=2&value=70&at=" + AT,
                            content_type="application/x-www-form-urlencoded")
    assert status == 200 and data["decision"] == "send", data
    # Braze's and Customer.io's bodies are written in a template: every value a string.
    status, _, data = check(server, {}, body=json.dumps(
        {"person_id": "cy", "channel": "email", "kind": "promotional", "step": "1",
         "value": "40", "at": AT}), content_type="application/json")
    assert status == 200 and data["decision"] == "send", data


def test_over_budget_the_answer_says_until_when_and_why(server):
    for campaign in ["a", "b", "c"]:  # the test policy allows three a day
        status, _, data = check(server, {"person_id": "di", "channel": "email",
                                         "campaign": campaign, "at": AT})
        assert data["decision"] == "send", data
    status, _, data = check(server, {"person_id": "di", "channel": "email", "campaign": "d",
                                     "at": AT})
    assert status == 200, data
    assert data["send"] is False and data["decision"] == "defer", data
    assert data["defer_until"] > AT and data["reason_code"] == "budget.all.1d", data
    assert data["reason"] and data["touch_id"] is None
    status, response, text = check(server, {"person_id": "di", "channel": "email",
                                            "campaign": "e", "at": AT, "format": "text"})
    assert status == 200 and response.getheader("Content-Type").startswith("text/plain")
    assert text.startswith(f"defer until {data['defer_until']}: "), text


def test_one_message_rendered_many_times_is_one_send(server):
    """Braze renders HTML, text and AMP and validates, each calling out, some
    at once: every render gets the first answer and the send counts once."""
    ask = {"person_id": "ed", "channel": "email", "tool": "braze", "campaign": "spring",
           "key": "dispatch-1", "at": AT}
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda _: check(server, ask), range(6)))
    assert all(status == 200 for status, _, _ in answers), answers
    touch_ids = {data["touch_id"] for _, _, data in answers}
    assert len(touch_ids) == 1 and None not in touch_ids, answers
    assert sorted(data["repeated"] for _, _, data in answers) == [False] + [True] * 5
    # Recorded once: two more sends fit the three a day, a third does not.
    for key in ["dispatch-2", "dispatch-3"]:
        _, _, data = check(server, {**ask, "key": key})
        assert data["decision"] == "send", data
    _, _, data = check(server, {**ask, "key": "dispatch-4"})
    assert data["decision"] == "defer", data


def test_a_dry_run_records_nothing_and_is_not_kept_as_the_sends_answer(server):
    """A mail gate asks at RCPT without recording; its later real ask for the
    same send must be decided, not answered from the dry run."""
    ask = {"person_id": "fi", "channel": "email", "campaign": "c", "key": "m-1", "at": AT}
    for _ in range(2):
        _, _, data = check(server, {**ask, "dry_run": "true"})
        assert data["decision"] == "send" and data["touch_id"] is None, data
        assert data["repeated"] is False, data
    _, _, data = check(server, ask)
    assert data["decision"] == "send" and data["touch_id"], data
    assert data["repeated"] is False, data


def test_someone_tact_does_not_know_is_a_new_person_known_by_the_address(server):
    status, _, data = check(server, {"email": "New@Example.org", "channel": "email", "at": AT})
    assert status == 200 and data["decision"] == "send", data
    assert data["person_id"] == "new@example.org"


def test_bad_requests_name_the_field_or_answer_an_error_when_asked(server):
    status, _, data = check(server, {"channel": "email"})
    assert_error(status, data, 400, field="person_id")
    status, _, data = check(server, {"person_id": "fa", "channel": "email", "step": "two"})
    assert_error(status, data, 400, field="step")
    status, _, data = check(server, {"email": "not-an-address", "channel": "email"})
    assert_error(status, data, 400, field="email")
    status, _, data = check(server, {"person_id": "fa", "channel": "fax"})
    assert_error(status, data, 400, field="channel")
    status, _, data = check(server, {}, body="person_id=fa", content_type="text/plain")
    assert_error(status, data, 400, field="body")
    # For tools that treat any 4xx as a failed send: a 200 that says what was wrong.
    status, _, data = check(server, {"person_id": "fa", "channel": "email", "step": "two",
                                     "on_error": "answer"})
    assert status == 200 and data["decision"] == "error" and data["send"] is False, data
    assert data["reason"].startswith("step:") and data["reason_code"] == "invalid", data
    status, _, text = check(server, {"channel": "email", "on_error": "answer", "format": "text"})
    assert status == 200 and text.startswith("error: person_id:"), text


def test_credentials_in_the_url_arrive_as_basic_and_are_checked(server):
    ask = {"person_id": "gu", "channel": "email", "at": AT}
    basic = base64.b64encode(f"braze:{DECIDE_TOKEN}".encode()).decode()
    status, _, data = check(server, ask, token=None, headers={"Authorization": f"Basic {basic}"})
    assert status == 200 and data["decision"] == "send", data
    wrong = base64.b64encode(b"braze:not-the-token-at-all").decode()
    status, _, data = check(server, ask, token=None, headers={"Authorization": f"Basic {wrong}"})
    assert_error(status, data, 401, field="Authorization")
    status, _, data = check(server, ask, token=None)
    assert_error(status, data, 401, field="Authorization")


HUBSPOT_SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy"
PUBLIC_URL = "https://tact.example.com"


def hubspot_headers(method, target, body, secret=HUBSPOT_SECRET, age_seconds=0):
    """What a HubSpot workflow sends: request validation v3 over the URL it called."""
    timestamp = str(int((time.time() - age_seconds) * 1000))
    message = (method + PUBLIC_URL + target + body + timestamp).encode()
    signature = base64.b64encode(hmac.new(secret.encode(), message, hashlib.sha256).digest())
    return {"X-HubSpot-Signature-v3": signature.decode(),
            "X-HubSpot-Request-Timestamp": timestamp, "Content-Type": "application/json"}


def test_a_hubspot_workflow_is_signed_and_posts_the_contact_as_it_is(make_server, tmp_path):
    webhooks = tmp_path / "webhooks.toml"
    webhooks.write_text(f'public_url = "{PUBLIC_URL}"\n[hubspot]\nclient_secret = "{HUBSPOT_SECRET}"\n')
    server = make_server("--webhooks", str(webhooks))
    put_person(server, "hs-ana", "hs.ana@example.com")
    target = "/v1/check?channel=email&tool=hubspot&campaign=renewal&at=" + AT
    contact = json.dumps({"objectId": 123, "objectType": "CONTACT",
                          "properties": {"email": "hs.ana@example.com", "firstname": "Ana"}})
    status, _, data = server.request("POST", target, contact, token=None,
                                     headers=hubspot_headers("POST", target, contact))
    assert status == 200 and data["decision"] == "send", data
    assert data["person_id"] == "hs-ana"
    # A changed body, another secret or an old signature is refused, naming the header.
    for headers, body in [(hubspot_headers("POST", target, contact), contact.replace("123", "124")),
                          (hubspot_headers("POST", target, contact, secret="x" * 36), contact),
                          (hubspot_headers("POST", target, contact, age_seconds=301), contact)]:
        status, _, data = server.request("POST", target, body, token=None, headers=headers)
        assert status == 401, data
        assert data["error"]["field"] in ("X-HubSpot-Signature-v3", "Authorization"), data
    status, _, data = server.request("POST", target, contact, token=None,
                                     headers=hubspot_headers("POST", target, contact, age_seconds=301))
    assert "5 minutes" in data["error"]["message"], data


def test_without_a_hubspot_secret_a_signature_is_no_token(server):
    target = "/v1/check?channel=email&person_id=x&at=" + AT
    status, _, data = server.request("POST", target, "{}", token=None,
                                     headers=hubspot_headers("POST", target, "{}"))
    assert_error(status, data, 401, field="Authorization")


def test_a_hubspot_secret_without_the_public_url_is_refused_at_start(tmp_path):
    webhooks = tmp_path / "webhooks.toml"
    webhooks.write_text('[hubspot]\nclient_secret = "a-secret-of-36-bytes-for-the-hubspot-app"\n')
    run = subprocess.run([BINARY, "serve", "--webhooks", str(webhooks), "--store", "memory",
                          "--insecure-no-auth", "--listen", "127.0.0.1:0"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode != 0
    assert "public_url" in run.stderr and "[hubspot]" in run.stderr, run.stderr
    webhooks.write_text('public_url = "https://t.example"\n[hubspot]\nclient_secret = "short"\n')
    run = subprocess.run([BINARY, "serve", "--webhooks", str(webhooks), "--store", "memory",
                          "--insecure-no-auth", "--listen", "127.0.0.1:0"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode != 0 and "hubspot.client_secret" in run.stderr, run.stderr


def test_the_policy_may_suppress_checks_about_people_tact_does_not_know(make_server):
    from conftest import TEST_POLICY
    server = make_server(policy=TEST_POLICY + '\n[check]\nunknown_person = "suppress"\n')
    put_person(server, "known", "known@example.com")
    _, _, data = check(server, {"email": "known@example.com", "channel": "email", "at": AT})
    assert data["decision"] == "send", data
    status, _, data = check(server, {"email": "stranger@example.com", "channel": "email", "at": AT})
    assert status == 200 and data["decision"] == "suppress", data
    assert data["reason_code"] == "check.unknown_person" and "stranger@example.com" in data["reason"]
    assert data["touch_id"] is None


def test_one_campaign_on_two_channels_is_two_sends(server):
    put_person(server, "hu", "hu@example.com", consent={"sms": "opted_in"})
    ask = {"person_id": "hu", "tool": "iterable", "campaign": "launch", "at": AT}
    _, _, email = check(server, {**ask, "channel": "email"})
    _, _, sms = check(server, {**ask, "channel": "sms"})
    assert email["decision"] == "send" and sms["decision"] == "send", (email, sms)
    assert email["touch_id"] != sms["touch_id"] and not sms["repeated"]
    _, _, again = check(server, {**ask, "channel": "sms"})
    assert again["repeated"] and again["touch_id"] == sms["touch_id"], again


def test_a_tools_own_contact_id_finds_the_person(server):
    status, _, data = server.request("PUT", "/v1/people/cid-ana", {
        "email": "cid.ana@example.com", "ids": {"HubSpot": "1501", "braze": "ext-9"}})
    assert status in (200, 201), data
    assert data["ids"] == {"braze": "ext-9", "hubspot": "1501"}
    base = {"channel": "email", "campaign": "ids", "at": AT, "dry_run": "true"}

    def who(**query):
        status, _, data = check(server, {**base, **query})
        assert status == 200, data
        return data["person_id"]

    assert who(contact_id="1501", tool="hubspot") == "cid-ana"
    # contact_tool names the tool whose id it is when the touch's tool is another.
    assert who(contact_id="ext-9", contact_tool="braze", tool="mail") == "cid-ana"
    # The tool's id wins over an address that belongs to nobody.
    assert who(contact_id="1501", tool="hubspot", email="nobody@example.com") == "cid-ana"
    # An id tact does not know, with no address: a new person named by it.
    assert who(contact_id="999", tool="hubspot") == "hubspot:999"
    assert who(contact_id="999", tool="hubspot", email="cid.ana@example.com") == "cid-ana"
    # HubSpot's workflow body: objectId is the contact's id in HubSpot.
    body = json.dumps({"objectId": 1501, "objectType": "CONTACT",
                       "properties": {"email": "someone.else@example.com"}})
    status, _, data = check(server, {**base, "tool": "hubspot"}, body=body,
                            content_type="application/json")
    assert status == 200 and data["person_id"] == "cid-ana", data

    # The index follows the profile: a changed id no longer finds them.
    status, _, data = server.request("PUT", "/v1/people/cid-ana", {"ids": {"hubspot": "1502"}})
    assert status == 200, data
    assert who(contact_id="1501", tool="hubspot") == "hubspot:1501"
    assert who(contact_id="1502", tool="hubspot") == "cid-ana"

    status, _, data = check(server, {**base, "contact_id": "1501"})
    assert status == 400 and data["error"]["field"] == "contact_id", data
    status, _, data = server.request("PUT", "/v1/people/cid-bad", {"ids": {"hub spot": "1"}})
    assert status == 400 and data["error"]["field"] == "ids.hub spot", data
    status, _, data = server.request("PUT", "/v1/people/cid-bad", {"ids": {"hubspot": ""}})
    assert status == 400 and data["error"]["field"] == "ids.hubspot", data
