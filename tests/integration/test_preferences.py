"""The person's own say over HTTP: GET and PUT /v1/people/{id}/preferences,
changes reported late and out of order, choices the policy does not offer
refused with suggestions, and decisions from every tool obeying them."""
import re
import urllib.parse
from datetime import datetime, timedelta, timezone

import pytest

from conftest import assert_error, start_server


def stamp(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


# tact keeps preference changes to the minute.
NOW = datetime.now(timezone.utc).replace(second=0, microsecond=0)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    instance = start_server(tmp_path_factory.mktemp("preferences") / "server")
    yield instance
    assert instance.stop() == 0, instance.log()


def put(server, person, body):
    return server.request("PUT", f"/v1/people/{person}/preferences", body)


def get(server, person):
    return server.request("GET", f"/v1/people/{person}/preferences")


def decide(server, person, **fields):
    body = {"person_id": person, "channel": "email", "kind": "promotional",
            "at": stamp(NOW + timedelta(hours=1)), "dry_run": True, **fields}
    status, _, answer = server.request("POST", "/v1/decide", body)
    assert status == 200, answer
    return answer


def rules(answer):
    return [reason["rule"] for reason in answer["reasons"]]


def test_a_person_without_a_profile_has_no_preferences_to_read(server):
    status, _, answer = get(server, "nobody")
    assert_error(status, answer, 404, field="id", contains="no profile for person 'nobody'")


def test_a_change_is_kept_and_read_back_with_when_each_part_changed(server):
    status, _, answer = server.request("PUT", "/v1/people/ana", {"email": "ana@example.com"})
    assert status == 201, answer
    status, _, answer = get(server, "ana")
    assert status == 200, answer
    assert answer == {"person_id": "ana", "frequency": None, "channels": [], "topics": [],
                      "languages": [], "paused_until": None, "paused": False,
                      "changed": {"frequency": None, "channels": None, "topics": None,
                                  "languages": None, "paused_until": None}}
    at = stamp(NOW - timedelta(minutes=10))
    status, _, answer = put(server, "ana", {"frequency": "weekly", "topics": ["events"],
                                            "channels": ["email", "email"], "at": at})
    assert status == 200, answer
    assert answer["frequency"] == "weekly" and answer["topics"] == ["events"]
    assert answer["channels"] == ["email"]
    assert answer["replaced"] == ["frequency", "channels", "topics"]
    assert answer["outranked"] == []
    assert answer["changed"]["frequency"] == at and answer["changed"]["languages"] is None
    status, _, read = get(server, "ana")
    assert status == 200 and read["frequency"] == "weekly" and read["changed"] == answer["changed"]


def test_an_older_change_never_overwrites_a_newer_one(server):
    newer, older = stamp(NOW - timedelta(minutes=5)), stamp(NOW - timedelta(hours=2))
    status, _, answer = put(server, "bo", {"frequency": "weekly", "at": newer})
    assert status == 200, answer
    # A tool reports late: its frequency is older than the one kept, its
    # topics are the first ever chosen.
    status, _, answer = put(server, "bo", {"frequency": "account_only", "topics": ["offers"],
                                           "at": older})
    assert status == 200, answer
    assert answer["frequency"] == "weekly" and answer["topics"] == ["offers"]
    assert answer["replaced"] == ["topics"] and answer["outranked"] == ["frequency"]
    assert answer["changed"]["frequency"] == newer and answer["changed"]["topics"] == older
    # At the same minute the later report wins; an empty frequency is "as
    # often as the policy allows".
    status, _, answer = put(server, "bo", {"frequency": "", "at": newer})
    assert status == 200 and answer["frequency"] is None, answer


def league_by_tool(server):
    status, _, league = server.request("GET", "/v1/reports/league?by=tool")
    assert status == 200, league
    return {row["name"]: row for row in league["rows"]}


def test_the_mirror_counts_people_who_chose_less_or_a_break_under_the_tool(server):
    body = {"frequency": "weekly", "paused_until": stamp(NOW + timedelta(weeks=2)),
            "tool": "hubspot"}
    status, _, answer = put(server, "gil", body)
    assert status == 200, answer
    row = league_by_tool(server)["hubspot"]
    assert (row["opted_down"], row["paused"], row["asked"]) == (1, 1, 0), row
    # The same choices again are no change; more channels are not less.
    assert put(server, "gil", body)[0] == 200
    assert put(server, "gil", {"channels": ["email", "sms"], "tool": "hubspot"})[0] == 200
    assert put(server, "gil", {"channels": ["email"], "tool": "hubspot"})[0] == 200
    row = league_by_tool(server)["hubspot"]
    assert (row["opted_down"], row["paused"]) == (3, 1), row
    # Without a tool, the API's own name.
    before = league_by_tool(server).get("(api)", {"opted_down": 0})["opted_down"]
    assert put(server, "gil", {"topics": ["events"]})[0] == 200
    assert league_by_tool(server)["(api)"]["opted_down"] == before + 1


def test_a_profile_put_keeps_the_person_s_preferences(server):
    status, _, answer = put(server, "cy", {"topics": ["product"], "languages": ["de"]})
    assert status == 200, answer
    # A CRM sync replaces the profile: it does not know the person's say.
    status, _, answer = server.request("PUT", "/v1/people/cy", {"email": "cy@example.com",
                                                                 "languages": ["en"]})
    assert status == 200, answer
    status, _, answer = get(server, "cy")
    assert status == 200, answer
    assert answer["topics"] == ["product"] and answer["languages"] == ["de"]


def test_choices_the_policy_does_not_offer_are_refused_with_suggestions(server):
    cases = [
        ({"topics": ["evnts"]}, "topics", "'evnts' is not one of the policy's topics (did you mean "
                                          "'events'?); choose from product, events, offers"),
        ({"channels": ["emial"]}, "channels", "'emial' is not a channel (did you mean 'email'?)"),
        ({"languages": ["German"]}, "languages", "did you mean 'de'?"),
        ({"frequency": "weekley"}, "frequency", "(did you mean 'weekly'?)"),
        ({"paused_until": stamp(NOW + timedelta(weeks=30))}, "paused_until",
         "more than the policy's longest pause (182d) away"),
        ({"paused_until": "next week"}, "paused_until", None),
        ({"topics": ["events"], "at": stamp(NOW + timedelta(hours=1))}, "at", "is in the future"),
        ({"topic": ["events"]}, "topic", "unknown field (did you mean 'topics'?)"),
        ({}, None, "the body changes nothing"),
    ]
    for body, field, message in cases:
        status, _, answer = put(server, "dee", body)
        assert_error(status, answer, 400, field=field, contains=message)
    # Nothing refused was kept, and no profile was made for it.
    status, _, answer = get(server, "dee")
    assert status == 404, answer


def test_decisions_from_every_tool_obey_the_person_s_choices(server):
    server.request("PUT", "/v1/people/eve", {"email": "eve@example.com", "phone": "+4915112345678",
                                             "consent": {"sms": "opted_in"}})
    until = stamp(NOW + timedelta(weeks=4))
    status, _, answer = put(server, "eve", {"channels": ["email"], "topics": ["events"],
                                            "paused_until": until})
    assert status == 200 and answer["paused"] is True, answer
    later = stamp(NOW + timedelta(weeks=5))
    # Marketing automation: promotions are not sent during the pause...
    answer = decide(server, "eve", tool="marketo", topic="events")
    assert answer["decision"] == "suppress" and rules(answer) == ["preference.pause"], answer
    # ...and after it, only about the topic chosen.
    assert decide(server, "eve", tool="marketo", topic="events", at=later)["decision"] == "send"
    answer = decide(server, "eve", tool="marketo", topic="offers", at=later)
    assert answer["decision"] == "suppress" and rules(answer) == ["preference.topic"], answer
    # An account manager's SMS: not a channel the person chose.
    answer = decide(server, "eve", tool="gong", kind="relationship", channel="sms", at=later)
    assert answer["decision"] == "suppress" and rules(answer) == ["preference.channel"], answer
    # The account manager's email waits for the end of the pause.
    answer = decide(server, "eve", tool="outreach", kind="relationship")
    assert answer["decision"] == "defer" and rules(answer) == ["preference.pause"], answer
    assert answer["not_before"] == until, answer
    # Receipts are never held back by a preference.
    answer = decide(server, "eve", tool="stripe", kind="transactional", channel="sms",
                    topic="offers")
    assert answer["decision"] == "send", answer
    # Ending the pause lets the promotion go now.
    status, _, answer = put(server, "eve", {"paused_until": ""})
    assert status == 200 and answer["paused_until"] is None and not answer["paused"], answer
    assert decide(server, "eve", tool="marketo", topic="events")["decision"] == "send"


def test_a_touch_s_topic_must_be_one_the_policy_names(server):
    status, _, answer = server.request("POST", "/v1/decide", {
        "person_id": "eve", "channel": "email", "kind": "promotional", "topic": "offer"})
    assert_error(status, answer, 400, field="topic", contains="(did you mean 'offers'?)")


def test_a_policy_without_preferences_keeps_none(tmp_path):
    instance = start_server(tmp_path / "server", policy='[[budget]]\nscope = "all"\n'
                                                        'window = "1d"\nmax = 3\n')
    try:
        status, _, answer = put(instance, "fay", {"topics": ["events"]})
        assert_error(status, answer, 409, contains="the policy has no [preferences] section")
        # Touches may still carry any topic: there is nothing to check it against.
        status, _, answer = instance.request("POST", "/v1/decide", {
            "person_id": "fay", "channel": "email", "kind": "promotional", "topic": "anything",
            "dry_run": True})
        assert status == 200 and answer["decision"] == "send", answer
    finally:
        assert instance.stop() == 0, instance.log()


# The preference page over HTTP (the browser test, tests/e2e/preferences.test.mjs,
# operates it in Chromium).

def page_link(server, person):
    """The preference link of an email send to `person`, as a path."""
    status, _, answer = server.request("POST", "/v1/decide", {
        "person_id": person, "channel": "email", "kind": "promotional",
        "at": stamp(NOW + timedelta(days=3)), "dry_run": False})
    assert status == 200 and answer["decision"] == "send", answer
    url = answer["preferences_url"]
    assert re.fullmatch(r"http://[^/]+/v1/preferences/[\w-]+\.[\w-]+", url), url
    return url[url.index("/v1/preferences/"):]


def form_token(html):
    return re.search(r'name="form" value="([^"]+)"', html).group(1)


def post_form(server, path, fields, headers=None):
    body = urllib.parse.urlencode(fields, doseq=True)
    return server.request("POST", path, body, token=None, headers={
        "Content-Type": "application/x-www-form-urlencoded", **(headers or {})})


@pytest.fixture
def clocked(tmp_path):
    clock = tmp_path / "now.txt"
    clock.write_text(stamp(NOW))
    instance = start_server(tmp_path / "server", "--clock-file", str(clock))
    yield instance, clock
    assert instance.stop() == 0, instance.log()


def test_the_page_saves_a_form_and_answers_with_the_page_again(clocked):
    server, _ = clocked
    server.request("PUT", "/v1/people/gus", {"email": "gus@example.com", "languages": ["pt-BR"]})
    path = page_link(server, "gus")
    status, response, html = server.request("GET", path, token=None)
    assert status == 200, html
    assert '<html lang="pt">' in html and "Como mantemos o contacto" in html
    assert response.getheader("Cache-Control") == "no-store"
    assert response.getheader("Referrer-Policy") == "no-referrer"
    assert "default-src 'none'" in response.getheader("Content-Security-Policy")
    status, response, _ = post_form(server, path, {
        "form": form_token(html), "frequency": "weekly", "channel": ["email", "sms"],
        "topic": "events", "language": "pt", "pause": "none"})
    assert status == 303
    assert response.getheader("Location") == path + "?lang=pt&saved=1"
    status, _, kept = get(server, "gus")
    assert kept["frequency"] == "weekly" and kept["channels"] == ["email", "sms"], kept
    assert kept["topics"] == ["events"] and kept["paused_until"] is None
    # The profile's language, left as the page showed it, is not a choice.
    assert kept["languages"] == [] and kept["changed"]["languages"] is None
    status, _, league = server.request("GET", "/v1/reports/league?by=tool")
    rows = {row["name"]: row for row in league["rows"]}
    assert (rows["preference page"]["opted_down"], rows["preference page"]["paused"]) == (1, 0)


def test_a_form_with_unknown_or_out_of_range_choices_is_refused_naming_each_field(clocked):
    server, _ = clocked
    path = page_link(server, "hal")
    _, _, html = server.request("GET", path + "?lang=en", token=None)
    status, _, page = post_form(server, path + "?lang=en", {
        "form": form_token(html), "frequency": "hourly", "channel": "fax", "topic": "cats",
        "pause": "99", "colour": "blue"})
    assert status == 400
    for field, problem in [("frequency", "How often: &#39;hourly&#39; is not one of the choices."),
                           ("channel", "Where: &#39;fax&#39; is not one of the choices."),
                           ("channel", "Where: choose at least one"),
                           ("topic", "About what: &#39;cats&#39; is not one of the choices."),
                           ("pause", "Take a break: &#39;99&#39; is not one of the choices."),
                           ("colour", "colour: &#39;colour&#39; is not one of the choices.")]:
        assert f'<a href="#{field}">{problem}' in page, (field, page)
    assert get(server, "hal")[0] == 404  # nothing kept


def test_a_post_without_the_page_s_form_token_or_from_another_site_changes_nothing(clocked):
    server, clock = clocked
    path = page_link(server, "ida")
    _, _, html = server.request("GET", path, token=None)
    fields = {"frequency": "weekly", "channel": "email", "topic": "events", "pause": "none"}
    for extra, headers in [({}, None), ({"form": "1." + form_token(html).split(".")[1]}, None),
                           ({"form": form_token(html)}, {"Sec-Fetch-Site": "cross-site"})]:
        status, _, page = post_form(server, path, {**fields, **extra}, headers)
        assert status == 403 and "nothing was saved" in page, page
    # A page left open for more than a day.
    clock.write_text(stamp(NOW + timedelta(hours=25)))
    status, _, page = post_form(server, path, {**fields, "form": form_token(html)})
    assert status == 403, page
    assert get(server, "ida")[0] == 404


def test_a_tampered_or_expired_link_gets_a_page_that_says_so(clocked):
    server, clock = clocked
    server.request("PUT", "/v1/people/jo", {"email": "jo@example.com"})
    path = page_link(server, "jo")
    tampered = path[:-1] + ("A" if path[-1] != "A" else "B")
    status, _, page = server.request("GET", tampered + "?lang=es", token=None)
    assert status == 404 and "Este enlace no funciona" in page, page
    status, _, page = server.request("GET", "/v1/preferences/not-a-link", token=None)
    assert status == 404 and "This link does not work" in page
    clock.write_text(stamp(NOW + timedelta(days=61)))
    status, _, page = server.request("GET", path + "?lang=en", token=None)
    assert status == 410, page
    assert "This link has expired" in page and "work for 60 days" in page
    # An expired link still unsubscribes from everything, as an unsubscribe
    # link never expires; it changes no choice.
    status, _, _ = post_form(server, path + "?lang=en", {
        "form": form_token(page), "frequency": "weekly", "channel": "email"})
    assert status == 410
    status, response, _ = post_form(server, path + "?lang=en", {
        "form": form_token(page), "leave": "everything"})
    assert status == 303 and response.getheader("Location").endswith("&left=1")
    status, _, person = server.request("GET", "/v1/people/jo")
    assert set(person["consent"].values()) == {"opted_out"}, person


def test_too_many_requests_for_one_link_are_refused_for_a_while(clocked):
    server, clock = clocked
    path = page_link(server, "kit")
    statuses = [server.request("GET", path, token=None)[0] for _ in range(31)]
    assert statuses[:30] == [200] * 30 and statuses[30] == 429
    clock.write_text(stamp(NOW + timedelta(minutes=11)))
    assert server.request("GET", path, token=None)[0] == 200


def test_the_unsubscribe_pages_offer_the_preference_page(clocked):
    server, _ = clocked
    status, _, answer = server.request("POST", "/v1/decide", {
        "person_id": "lou", "channel": "email", "kind": "promotional", "dry_run": False,
        "at": stamp(NOW + timedelta(days=3))})
    unsubscribe = answer["unsubscribe"]["url"]
    status, _, page = server.request("GET", unsubscribe[unsubscribe.index("/v1/"):], token=None)
    assert status == 200 and "Rather hear less, or take a break?" in page
    assert re.search(r'href="http://[^"]+/v1/preferences/[\w-]+\.[\w-]+"', page), page
