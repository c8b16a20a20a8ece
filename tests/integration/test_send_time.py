"""Send time over HTTP: opens, clicks and replies told as events become when
the person reads, in their own time zone; decisions and checks carry
best_at; a touch asked with at_best waits for it, and goes when asked again;
the profiles outlive a restart; people without data of their own lean on
their cohort's."""
import time

import pytest

from conftest import EVENTS_TOKEN, TEST_POLICY, start_server

POLICY = TEST_POLICY + """
[send_time]
horizon = "24h"
"""

# Berlin is UTC+1 in November and December. 2026-11-16 is a Monday;
# 2026-12-08 a Tuesday.
EVENINGS = [f"2026-11-{day}T18:20:00Z" for day in (16, 17, 18, 19, 20)]
TUESDAY_MORNING = "2026-12-08T08:30:00Z"  # 09:30 in Berlin
TUESDAY_EVENING = "2026-12-08T18:00:00Z"  # 19:00 in Berlin


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    instance = start_server(tmp_path_factory.mktemp("send_time") / "first", policy=POLICY)
    for person in ("ana", "bo"):
        status, _, answer = instance.request(
            "PUT", f"/v1/people/{person}",
            {"email": f"{person}@example.com", "time_zone": "Europe/Berlin"})
        assert status == 201, answer
    yield instance
    instance.stop()


def decide(server, person, at, **fields):
    body = {"person_id": person, "channel": "email", "kind": "promotional", "at": at, **fields}
    status, _, answer = server.request("POST", "/v1/decide", body)
    assert status == 200, answer
    return answer


def tell(server, events):
    status, _, answer = server.request("POST", "/v1/events", events, token=EVENTS_TOKEN)
    assert status in (200, 202), answer
    assert answer["accepted"] == len(events), answer


def test_without_data_the_best_hour_is_a_working_weeks(server):
    answer = decide(server, "ana", TUESDAY_MORNING, dry_run=True)
    assert answer["decision"] == "send"
    assert answer["best_at"] == TUESDAY_MORNING  # 09:30: the working week's best hour already


def test_what_a_person_does_moves_their_best_hour(server):
    events = []
    for day, evening in enumerate(EVENINGS):
        events += [{"id": f"r-{day}-{n}", "type": "replied", "person_id": "ana", "at": evening}
                   for n in range(4)]
        events.append({"id": f"o-{day}", "type": "opened", "person_id": "ana", "at": evening})
    # Machine opens (Apple Mail Privacy Protection) say nothing about when she reads.
    events += [{"id": f"m-{n}", "type": "opened", "person_id": "ana", "machine": True,
                "at": "2026-11-24T02:00:00Z"} for n in range(40)]
    tell(server, events)
    answer = decide(server, "ana", TUESDAY_MORNING, dry_run=True)
    assert answer["decision"] == "send" and answer["best_at"] == TUESDAY_EVENING, answer
    # The check endpoint says the same.
    status, _, check = server.request(
        "GET", f"/v1/check?person_id=ana&channel=email&kind=promotional&at={TUESDAY_MORNING}"
               "&dry_run=true")
    assert status == 200 and check["best_at"] == TUESDAY_EVENING, check


def test_at_best_waits_on_the_first_ask_and_goes_when_asked_again(server):
    first = decide(server, "ana", TUESDAY_MORNING, at_best=True)
    assert first["decision"] == "defer", first
    assert first["not_before"] == TUESDAY_EVENING
    assert [reason["rule"] for reason in first["reasons"]] == ["send_time.best"]
    assert "most likely reads" in first["reasons"][0]["message"]
    assert first["recorded"] is False
    again = decide(server, "ana", first["not_before"], at_best=True, first_asked=TUESDAY_MORNING)
    assert again["decision"] == "send" and again["recorded"] is True, again
    # A first_asked after the touch's own time is refused by name.
    status, _, answer = server.request(
        "POST", "/v1/decide", {"person_id": "ana", "channel": "email", "kind": "promotional",
                               "at": TUESDAY_MORNING, "first_asked": TUESDAY_EVENING})
    assert status == 400 and answer["error"]["field"] == "first_asked", answer


def test_people_without_data_lean_on_their_cohort(server):
    # Bo, in Ana's zone, was told nothing: once the cohorts are published
    # (every few seconds), her evenings are his prior.
    deadline = time.time() + 30
    while True:
        answer = decide(server, "bo", TUESDAY_MORNING, dry_run=True)
        if answer["best_at"] == TUESDAY_EVENING or time.time() > deadline:
            break
        time.sleep(0.5)
    assert answer["best_at"] == TUESDAY_EVENING, answer


def test_the_profiles_outlive_a_restart(server, tmp_path):
    assert server.stop() == 0, server.log()
    again = start_server(tmp_path / "again", policy=POLICY, data=server.directory / "data")
    try:
        answer = decide(again, "ana", TUESDAY_MORNING, dry_run=True)
        assert answer["best_at"] == TUESDAY_EVENING, answer
    finally:
        assert again.stop() == 0, again.log()
