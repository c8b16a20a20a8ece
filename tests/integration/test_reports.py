"""The mirror over HTTP: decisions and outcomes counted per team, campaign,
sender, tool and channel as they happen, outcomes attributed to the touch
they answer, the counts kept across a restart, and bad queries refused with
the parameter named."""
import pytest

from conftest import ADMIN_TOKEN, DECIDE_TOKEN, EVENTS_TOKEN, assert_error, start_server, touch

REPORT_POLICY = """
[[budget]]
scope = "all"
window = "1d"
max = 5
"""

DAY = "2030-03-05"


def decide(server, person, **fields):
    fields.setdefault("at", f"{DAY}T15:00:00Z")
    status, _, data = server.request("POST", "/v1/decide", touch(person=person, **fields),
                                     token=DECIDE_TOKEN)
    assert status == 200, data
    return data


def events(server, *items):
    status, _, data = server.request("POST", "/v1/events", list(items), token=EVENTS_TOKEN)
    assert status == 200, data
    return data


def report(server, path):
    status, _, data = server.request("GET", path, token=ADMIN_TOKEN)
    assert status == 200, data
    return data


def row(table, name):
    return next(r for r in table["rows"] if r["name"] == name)


def send_campaigns(server):
    """Ana researches (3 sends, a reply and a meeting); Bob blasts (4 sends,
    an unsubscribe and a complaint); one person has opted out."""
    ana = dict(team="sales", tool="outreach", campaign="researched", sender="ana@acme.example",
               kind="cold")
    bob = dict(team="sales", tool="outreach", campaign="blast", sender="bob@acme.example",
               kind="cold")
    ana_ids = [decide(server, f"a-{i}", **ana)["touch_id"] for i in range(3)]
    bob_ids = [decide(server, f"b-{i}", **bob)["touch_id"] for i in range(4)]
    status, _, data = server.request("PUT", "/v1/people/gone",
                                     {"consent": {"email": "opted_out"}})
    assert status in (200, 201), data
    assert decide(server, "gone", **bob)["decision"] == "suppress"
    at = f"{DAY}T18:00:00Z"
    events(server,
           {"id": "e1", "type": "replied", "person_id": "a-0", "touch_id": ana_ids[0], "at": at},
           {"id": "e2", "type": "meeting", "person_id": "a-1", "touch_id": ana_ids[1], "at": at},
           {"id": "e3", "type": "opened", "person_id": "a-0", "touch_id": ana_ids[0], "at": at},
           {"id": "e4", "type": "opened", "person_id": "a-0", "touch_id": ana_ids[0], "at": at},  # the same touch again
           {"id": "e5", "type": "unsubscribed", "person_id": "b-0", "touch_id": bob_ids[0],
            "at": at},
           {"id": "e6", "type": "complained", "person_id": "b-1", "touch_id": bob_ids[1],
            "at": at},
           # Known to tact by person only: counted for no source.
           {"id": "e7", "type": "replied", "person_id": "walk-in", "channel": "email", "at": at})


def test_outcomes_count_for_the_campaign_and_sender_of_their_touch(make_server):
    server = make_server(policy=REPORT_POLICY)
    send_campaigns(server)
    # A dry run asks nothing of anyone's budget and is not counted.
    decide(server, "a-9", dry_run=True, campaign="researched")

    senders = report(server, f"/v1/reports/league?by=sender&from={DAY}&to={DAY}")
    assert [r["name"] for r in senders["rows"]] == ["ana@acme.example", "bob@acme.example", ""]
    ana, bob = row(senders, "ana@acme.example"), row(senders, "bob@acme.example")
    assert (ana["sent"], ana["replied"], ana["meetings"], ana["opened"]) == (3, 1, 1, 1)
    assert ana["value_per_100"] == 66.67 and ana["harm_per_1000"] == 0
    assert (bob["asked"], bob["sent"], bob["suppressed"]) == (5, 4, 1)
    assert (bob["unsubscribed"], bob["complained"]) == (1, 1)
    assert bob["harm_per_1000"] == 500 and bob["value_per_100"] == 0
    assert bob["suppressed_by_rule"] == {"consent.email": 1}
    assert row(senders, "")["replied"] == 1

    overview = report(server, f"/v1/reports/overview?from={DAY}&to={DAY}")
    totals = overview["totals"]
    assert (totals["asked"], totals["sent"], totals["suppressed"]) == (8, 7, 1)
    assert (totals["replied"], totals["meetings"]) == (2, 1)
    assert [d["day"] for d in overview["days"]] == [DAY]

    blast = report(server, f"/v1/reports/overview?from={DAY}&to={DAY}&campaign=blast")
    assert blast["totals"]["sent"] == 4 and blast["totals"]["replied"] == 0
    teams = report(server, f"/v1/reports/league?by=team&from={DAY}&to={DAY}")
    assert row(teams, "sales")["sent"] == 7

    held = report(server, "/v1/reports/held-back")
    assert held["people"] == [{"person_id": "gone", "at": f"{DAY}T15:00:00Z",
                               "decision": "suppress", "rule": "consent.email", "team": "sales",
                               "campaign": "blast", "sender": "bob@acme.example",
                               "channel": "email", "kind": "cold", "policy_version": 1,
                               "reasons": [{"rule": "consent.email",
                                            "sentence": "This person opted out of email."}]}]


def test_the_mirror_is_kept_across_a_restart(make_server):
    server = make_server(policy=REPORT_POLICY)
    send_campaigns(server)
    before = report(server, f"/v1/reports/league?by=campaign&from={DAY}&to={DAY}")
    directory = server.directory
    assert server.stop() == 0, server.log()
    restarted = start_server(directory, policy=REPORT_POLICY)
    try:
        assert report(restarted, f"/v1/reports/league?by=campaign&from={DAY}&to={DAY}") == before
        # A late outcome for a touch sent before the restart still finds its campaign.
        events(restarted, {"id": "e8", "type": "meeting", "person_id": "a-2", "channel": "email",
                           "touch_id": decide(restarted, "a-2", campaign="researched",
                                              at=f"{DAY}T16:00:00Z")["touch_id"],
                           "at": f"{DAY}T19:00:00Z"})
        after = report(restarted, f"/v1/reports/league?by=campaign&from={DAY}&to={DAY}")
        assert row(after, "researched")["meetings"] == row(before, "researched")["meetings"] + 1
    finally:
        assert restarted.stop() == 0, restarted.log()


def test_bad_queries_name_the_parameter_and_reports_need_the_admin_scope(server):
    for query, field in [("from=March", "from"), ("to=2030-13-01", "to"),
                         ("from=2030-03-02&to=2030-03-01", "from"),
                         ("from=2028-01-01&to=2030-03-01", "from"), ("colour=red", "colour"),
                         ("channel=fax", "channel")]:
        status, _, data = server.request("GET", f"/v1/reports/overview?{query}")
        assert_error(status, data, 400, field=field)
    for query, field in [("by=colour", "by"), ("limit=0", "limit"), ("limit=5000", "limit")]:
        status, _, data = server.request("GET", f"/v1/reports/league?{query}")
        assert_error(status, data, 400, field=field)
    status, _, data = server.request("GET", "/v1/reports/held-back?limit=-1")
    assert_error(status, data, 400, field="limit")
    status, _, data = server.request("GET", "/v1/reports/overview", token=DECIDE_TOKEN)
    assert_error(status, data, 403)
    status, _, data = server.request("GET", "/v1/reports/league", token=None)
    assert_error(status, data, 401)
