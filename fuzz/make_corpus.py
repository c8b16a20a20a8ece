#!/usr/bin/env python3
"""Writes the fuzzers' starting corpora from the providers' published payloads
in tests/fixtures/ and from requests like the ones in docs/api.md.

    fuzz/make_corpus.py OUT_DIR   ->  OUT_DIR/http/*, OUT_DIR/decoders/*

A decoders input is one byte naming the decoder (its order in
fuzz/decoders_fuzzer.cc) and the payload; an http input is a whole request.
"""
import base64
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "esp-webhooks"
TOUCH, PERSON, STORED_PERSON, ACCOUNT, EVENT, SENDGRID, MAILGUN, POSTMARK, SNS, SES, TWILIO, QUERY = range(12)
POSTMARK_LOGIN = base64.b64encode(b"tact:fuzz-postmark-password").decode()

TOUCHES = [
    {"person_id": "p-123", "channel": "email", "kind": "promotional", "campaign": "q3-webinar",
     "sender": "ana@acme.example", "at": "2026-02-10T21:00:00Z"},
    {"person_id": "p-124", "channel": "sms", "kind": "cold", "thread": "t-9", "step": 2,
     "priority": "cold", "value": 40, "language": "en", "event": {"country": "DE", "lat": 52.5,
     "lon": 13.4}, "subject": "Did you see this?", "body": "Just checking in on my last note.",
     "expires": "2026-02-14T00:00:00Z", "on_limit": "drop", "key": "k-1", "dry_run": True},
]
PEOPLE = [{"id": "p-123", "account_id": "a-9", "time_zone": "Europe/Berlin", "languages": ["de", "en"],
           "country": "DE", "email": "ana@example.org", "phone": "+14155550100",
           "consent": {"email": "opted_in", "sms": "opted_out"}, "lists": ["news"],
           "consent_changed": {"sms": "2026-01-01T00:00:00Z"}}]
ACCOUNTS = [{"id": "a-9", "industry": "software", "employees": 1200, "country": "DE",
             "open_escalations": 1, "plan": "pro"}]
EVENTS = [{"id": "evt-1", "type": "replied", "person_id": "p-123", "channel": "email",
           "at": "2026-02-11T10:40:00Z"},
          {"id": "evt-2", "type": "unsubscribed", "person_id": "p-124", "list": "news",
           "touch_id": "t_8a3f09c100000001", "machine": True}]
TWILIO_FORMS = ["AccountSid=AC00&From=%2B14155550100&To=%2B14155550999&MessageSid=SM1&Body=STOP",
                "MessageSid=SM2&MessageStatus=failed&ErrorCode=21610&To=%2B14155550100"]


def request(method, target, body=b"", headers=()):
    lines = [f"{method} {target} HTTP/1.1", "Host: tact"] + list(headers)
    if body:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def main(out):
    http, decoders = out / "http", out / "decoders"
    http.mkdir(parents=True, exist_ok=True)
    decoders.mkdir(parents=True, exist_ok=True)
    seeds_http, seeds_decoders = [], []

    def decoder(kind, payload):
        seeds_decoders.append(bytes([kind]) + (payload if isinstance(payload, bytes) else payload.encode()))

    json_type = "Content-Type: application/json"
    for touch in TOUCHES:
        decoder(TOUCH, json.dumps(touch))
        seeds_http.append(request("POST", "/v1/decide", json.dumps(touch).encode(), [json_type]))
    seeds_http.append(request("POST", "/v1/decide/batch", json.dumps({"touches": TOUCHES}).encode(),
                              [json_type]))
    chunked = json.dumps({"touches": TOUCHES}).encode()
    seeds_http.append(("POST /v1/decide/batch HTTP/1.1\r\nHost: tact\r\nContent-Type: application/json"
                       "\r\nTransfer-Encoding: chunked\r\n\r\n").encode() +
                      f"{len(chunked):x};ext=1\r\n".encode() + chunked + b"\r\n0\r\n\r\n")
    for person in PEOPLE:
        decoder(PERSON, json.dumps(person))
        decoder(STORED_PERSON, json.dumps(person))
        seeds_http.append(request("PUT", f"/v1/people/{person['id']}", json.dumps(person).encode(),
                                  [json_type, "Authorization: Bearer x"]))
    for account in ACCOUNTS:
        decoder(ACCOUNT, json.dumps(account))
        seeds_http.append(request("PUT", f"/v1/accounts/{account['id']}",
                                  json.dumps(account).encode(), [json_type]))
    for event in EVENTS:
        decoder(EVENT, json.dumps(event))
    seeds_http.append(request("POST", "/v1/events", json.dumps(EVENTS).encode(), [json_type]))
    for target in ["/v1/people/p-123/why?kind=cold&at=2026-02-12T09:00:00Z", "/healthz", "/readyz",
                   "/metrics", "/v1/reports/overview?from=2026-02-01&to=2026-02-14",
                   "/v1/reports/league?by=sender&team=sales&limit=10", "/v1/reports/held-back",
                   "/v1/reports/reputation", "/v1/policy", "/v1/unsubscribe/AHAtMTIzAA.n9x3qbPhiCzCCQguVIlnkQ"]:
        seeds_http.append(request("GET", target))
        decoder(QUERY, target)
    seeds_http.append(request("POST", "/v1/admin/backup", b'{"to": "/nonexistent/backup"}', [json_type]))
    seeds_http.append(request("POST", "/v1/unsubscribe/AHAtMTIzAA.n9x3qbPhiCzCCQguVIlnkQ",
                              b"List-Unsubscribe=One-Click",
                              ["Content-Type: application/x-www-form-urlencoded"]))
    seeds_http.append(request("PUT", "/v1/policy", (ROOT / "examples" / "policy.toml").read_bytes(),
                              ["Content-Type: application/toml"]))
    for form in TWILIO_FORMS:
        decoder(TWILIO, form)
        seeds_http.append(request("POST", "/v1/webhooks/twilio", form.encode(),
                                  ["Content-Type: application/x-www-form-urlencoded",
                                   "X-Twilio-Signature: c2lnbmF0dXJl"]))
    for path in sorted((FIXTURES / "sendgrid").glob("*.json")):
        decoder(SENDGRID, path.read_bytes())
    for path in sorted((FIXTURES / "mailgun" / "event-data").glob("*")):
        decoder(MAILGUN, path.read_bytes())
    for path in sorted((FIXTURES / "postmark").rglob("*.json")):
        decoder(POSTMARK, path.read_bytes())
        seeds_http.append(request("POST", "/v1/webhooks/postmark", path.read_bytes(),
                                  [json_type, f"Authorization: Basic {POSTMARK_LOGIN}"]))
    for path in sorted((FIXTURES / "amazon-ses").rglob("*.json")):
        decoder(SNS, path.read_bytes())
        decoder(SES, path.read_bytes())
    for data in seeds_http:
        (http / hashlib.sha1(data).hexdigest()).write_bytes(data)
    for data in seeds_decoders:
        (decoders / hashlib.sha1(data).hexdigest()).write_bytes(data)
    print(f"corpus: {len(seeds_http)} requests in {http}, {len(seeds_decoders)} payloads in {decoders}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
