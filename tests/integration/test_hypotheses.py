"""Sellers' hypotheses over HTTP: POST /v1/accounts/{id}/hypotheses judged for
own words against the account's brief and every other hypothesis, and the
rule brief.hypothesis holding cold touches back until their sender wrote one,
with the brief's top questions in the suppressed answer."""
import pytest

from conftest import TEST_POLICY, companyfacts, start_server

POLICY = TEST_POLICY + """
[brief.hypothesis]
max_age = "90d"
min_words = 12
max_brief_share = 0.5
"""

OWN_WORDS = (
    "Marvell's custom silicon wins are not offsetting the storage slump yet; their CFO has to "
    "fund the data-centre push from savings elsewhere, so cutting test time on the legacy "
    "lines could pay for itself before the next earnings call.")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    directory = tmp_path_factory.mktemp("hypotheses")
    facts = companyfacts(directory / "facts", "0001045810", "0001835632")
    instance = start_server(directory / "server", "--facts", str(facts), policy=POLICY)
    for account, cik in (("nvidia", "1045810"), ("marvell", "1835632")):
        status, _, answer = instance.request("PUT", f"/v1/accounts/{account}", {"cik": cik})
        assert status in (200, 201), answer
    for person, account in (("m-1", "marvell"), ("n-1", "nvidia")):
        status, _, answer = instance.request("PUT", f"/v1/people/{person}", {
            "account_id": account, "role": "CFO", "email": f"{person}@example.com"})
        assert status in (200, 201), answer
    yield instance
    assert instance.stop() == 0, instance.log()


def write(server, account, body):
    return server.request("POST", f"/v1/accounts/{account}/hypotheses", body)


def cold(server, person, sender):
    status, _, answer = server.request("POST", "/v1/decide", {
        "person_id": person, "channel": "email", "kind": "cold", "sender": sender,
        "subject": "Test time", "body": "A note written for you.", "dry_run": True})
    assert status == 200, answer
    return answer


def brief_of(server, account):
    status, _, answer = server.request("GET", f"/v1/accounts/{account}/brief?role=CFO")
    assert status == 200, answer
    return answer


def test_a_cold_touch_without_a_hypothesis_is_suppressed_with_the_brief_s_questions(server):
    answer = cold(server, "m-1", "nobody@seller.example")
    assert answer["decision"] == "suppress"
    assert [reason["rule"] for reason in answer["reasons"]] == ["brief.hypothesis"]
    assert "has written no hypothesis for account 'marvell'" in answer["reasons"][0]["message"]
    assert answer["questions"] == brief_of(server, "marvell")["questions"]
    assert answer["questions"]


def test_an_own_words_hypothesis_lets_the_seller_s_cold_touches_go(server):
    signal = brief_of(server, "marvell")["signals"][0]["id"]
    status, _, written = write(server, "marvell", {
        "seller": "ana@seller.example", "team": "enterprise", "text": OWN_WORDS,
        "signals": [signal]})
    assert status == 201, written
    assert written["id"].startswith("hy_") and written["originality"] == "own_words"
    assert written["meets_policy"] is True and written["problem"] is None
    assert written["copied_share"] < 0.2 and written["words"] >= 30
    answer = cold(server, "m-1", "ana@seller.example")
    assert answer["decision"] == "send", answer
    assert "questions" not in answer
    # Another seller still has work to do.
    assert cold(server, "m-1", "bo@seller.example")["decision"] == "suppress"


def test_the_brief_pasted_is_not_a_hypothesis(server):
    brief = brief_of(server, "marvell")
    pasted = " ".join(s["sentence"] + " " + s["means"] for s in brief["signals"])
    status, _, written = write(server, "marvell", {
        "seller": "bo@seller.example", "text": pasted,
        "signals": [s["id"] for s in brief["signals"]]})
    assert status == 201, written
    assert written["originality"] == "brief" and written["copied_share"] > 0.75
    assert written["meets_policy"] is False
    share = f"mostly the brief's own text ({round(written['copied_share'] * 100)} % of it"
    assert share in written["problem"], written["problem"]
    answer = cold(server, "m-1", "bo@seller.example")
    assert answer["decision"] == "suppress"
    assert share in answer["reasons"][0]["message"], answer


def test_another_account_s_or_another_seller_s_hypothesis_is_a_copy(server):
    ana = {"seller": "ana@seller.example", "evidence": "their last earnings call"}
    other_account = OWN_WORDS.replace("Marvell's", "NVIDIA's")
    status, _, written = write(server, "nvidia", ana | {"text": other_account})
    assert status == 201 and written["originality"] == "other_account", written
    assert written["copy_of"].startswith("hy_")
    assert cold(server, "n-1", "ana@seller.example")["decision"] == "suppress"

    status, _, written = write(server, "marvell", {
        "seller": "cy@seller.example", "text": OWN_WORDS, "evidence": "ana's notes"})
    assert status == 201 and written["originality"] == "other_seller", written
    assert "another seller's hypothesis" in written["problem"]


def test_a_new_view_replaces_a_thin_one_and_the_list_is_latest_first(server):
    status, _, thin = write(server, "nvidia", {
        "seller": "dee@seller.example", "text": "Margins are great.", "evidence": "the brief"})
    assert status == 201 and thin["meets_policy"] is False
    assert thin["problem"].endswith("has 3 words; the policy wants at least 12.")
    assert cold(server, "n-1", "dee@seller.example")["decision"] == "suppress"
    status, _, better = write(server, "nvidia", {
        "seller": "dee@seller.example", "evidence": "their 10-K",
        "text": "Data-centre demand is outrunning their supply, so the CFO cares about "
                "lead times and allocation far more than price; a pitch about capacity "
                "planning lands better than one about savings."})
    assert status == 201 and better["meets_policy"] is True, better
    assert cold(server, "n-1", "dee@seller.example")["decision"] == "send"
    status, _, listed = server.request("GET", "/v1/accounts/nvidia/hypotheses?limit=2")
    assert status == 200, listed
    assert [h["id"] for h in listed["hypotheses"]] == [better["id"], thin["id"]]


@pytest.mark.parametrize("body, field", [
    ({"text": OWN_WORDS, "evidence": "x"}, "seller"),
    ({"seller": "a@x", "evidence": "x"}, "text"),
    ({"seller": "a@x", "text": "   ", "evidence": "x"}, "text"),
    ({"seller": "a@x", "text": OWN_WORDS}, "signals"),
    ({"seller": "a@x", "text": OWN_WORDS, "signals": ["revenue.declinng"]}, "signals[0]"),
    ({"seller": "a@x", "text": "x" * 8193, "evidence": "x"}, "text"),
    ({"seller": "a@x", "text": OWN_WORDS, "evidence": "x", "mood": "good"}, "mood"),
    ({"seller": "a@x", "text": OWN_WORDS, "evidence": "x", "at": "yesterday"}, "at"),
])
def test_bad_hypotheses_are_refused_naming_the_field(server, body, field):
    status, _, answer = write(server, "marvell", body)
    assert status == 400, answer
    assert answer["error"]["field"] == field, answer


def test_a_signal_the_brief_does_not_have_and_an_unknown_account(server):
    present = {s["id"] for s in brief_of(server, "marvell")["signals"]}
    absent = next(name for name in ("revenue.declining", "revenue.growing", "debt.rising",
                                    "cash.falling") if name not in present)
    status, _, answer = write(server, "marvell", {
        "seller": "a@x", "text": OWN_WORDS, "signals": [absent]})
    assert status == 400 and "not among this account's signals" in answer["error"]["message"]
    status, _, answer = write(server, "globex", {"seller": "a@x", "text": OWN_WORDS,
                                                 "evidence": "x"})
    assert status == 404 and answer["error"]["field"] == "id", answer
    status, _, answer = server.request("GET", "/v1/accounts/marvell/hypotheses?limit=0")
    assert status == 400 and answer["error"]["field"] == "limit", answer


def test_the_mirror_compares_cold_touches_with_and_without_a_hypothesis(make_server, tmp_path):
    """Without the rule, both sellers' cold touches go: the league shows which
    were backed by a hypothesis and what each kind produced."""
    facts = companyfacts(tmp_path / "facts", "0001835632")
    server = make_server("--facts", str(facts))
    assert server.request("PUT", "/v1/accounts/marvell", {"cik": "1835632"})[0] in (200, 201)
    at = "2027-03-01T10:00:00Z"
    # Written before the touches, so that it backs ana's.
    status, _, written = write(server, "marvell", {
        "seller": "ana@seller.example", "text": OWN_WORDS, "evidence": "their earnings call",
        "at": "2027-02-20T10:00:00Z"})
    assert status == 201 and written["originality"] == "own_words", written
    touches = {}
    for index, seller in enumerate(["ana@seller.example", "ana@seller.example",
                                    "bo@seller.example", "bo@seller.example"]):
        person = f"m-{index}"
        assert server.request("PUT", f"/v1/people/{person}", {
            "account_id": "marvell", "email": f"{person}@example.com"})[0] in (200, 201)
        status, _, answer = server.request("POST", "/v1/decide", {
            "person_id": person, "channel": "email", "kind": "cold", "sender": seller,
            "team": "enterprise", "at": at})
        assert status == 200 and answer["decision"] == "send", answer
        touches[person] = answer["touch_id"]
    events = [{"id": "r0", "type": "replied", "person_id": "m-0", "touch_id": touches["m-0"]},
              {"id": "g0", "type": "meeting", "person_id": "m-0",
               "touch_id": touches["m-0"]},
              {"id": "r2", "type": "replied", "person_id": "m-2", "touch_id": touches["m-2"]}]
    status, _, answer = server.request("POST", "/v1/events", events)
    assert status == 200, answer
    status, _, league = server.request(
        "GET", "/v1/reports/league?by=sender&from=2027-03-01&to=2027-03-01")
    assert status == 200, league
    rows = {row["name"]: row for row in league["rows"]}
    ana, bo = rows["ana@seller.example"], rows["bo@seller.example"]
    assert (ana["cold_sent"], ana["cold_backed"], ana["backed_replied"],
            ana["backed_meetings"]) == (2, 2, 1, 1)
    assert ana["cold_backed_share"] == 1.0 and ana["cold_value_per_100_backed"] == 100.0
    assert (bo["cold_sent"], bo["cold_backed"], bo["cold_replied"], bo["backed_replied"]) == (
        2, 0, 1, 0)
    assert bo["cold_value_per_100_unbacked"] == 50.0
    status, _, teams = server.request(
        "GET", "/v1/reports/league?by=team&from=2027-03-01&to=2027-03-01")
    team = next(row for row in teams["rows"] if row["name"] == "enterprise")
    assert team["cold_backed_share"] == 0.5
