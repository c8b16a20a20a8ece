"""Accounts' briefs over HTTP: GET /v1/accounts/{id}/brief on a server started
with --facts, the account found by its cik (SEC companyfacts) or by its id (a
facts table), for the role given or the person's own."""
import urllib.parse

import pytest

from conftest import companyfacts, start_server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    directory = tmp_path_factory.mktemp("briefs")
    facts = companyfacts(directory / "facts", "0001045810", "0001835632")
    (facts / "private.csv").write_text(
        "account_id,concept,start,end,value,unit,source\n"
        "acme,revenue,2023-01-01,2023-12-31,12000000,EUR,annual report 2023\n"
        "acme,revenue,2024-01-01,2024-12-31,10500000,EUR,annual report 2024\n")
    instance = start_server(directory / "server", "--facts", str(facts))
    for account, cik in (("nvidia", "CIK0001045810"), ("marvell", "1835632"), ("no-cik", "")):
        body = {"industry": "semiconductors"} | ({"cik": cik} if cik else {})
        status, _, answer = instance.request("PUT", f"/v1/accounts/{account}", body)
        assert status in (200, 201), answer
    status, _, answer = instance.request("PUT", "/v1/people/cfo-1", {
        "account_id": "marvell", "role": "VP Finance", "email": "cfo@marvell.example"})
    assert status in (200, 201), answer
    yield instance
    assert instance.stop() == 0, instance.log()


def brief(server, account, **query):
    target = f"/v1/accounts/{account}/brief"
    if query:
        target += "?" + urllib.parse.urlencode(query)
    return server.request("GET", target)


def ids(answer):
    return [signal["id"] for signal in answer["signals"]]


def test_an_account_s_cik_finds_its_filings_and_each_signal_cites_them(server):
    status, _, answer = brief(server, "marvell", as_of="2024-04-01", role="CIO")
    assert status == 200, answer
    assert answer["cik"] == "1835632" and answer["role"]["id"] == "cio"
    decline = next(s for s in answer["signals"] if s["id"] == "revenue.declining")
    assert decline["sentence"].startswith("Revenue fell 7.0% to $5.51B in fiscal 2024")
    accessions = {fact["accession"] for item in decline["evidence"] for fact in item["facts"]}
    assert accessions == {"0001835632-24-000009"}
    assert decline["means_to_you"].startswith("Projects tied to growth are at risk")
    assert answer["questions"][0] == decline["questions"][0] or "profit.loss_making" in ids(answer)


def test_the_person_s_own_role_is_used_and_must_be_of_the_account(server):
    status, _, answer = brief(server, "marvell", person_id="cfo-1")
    assert status == 200, answer
    assert answer["role"]["id"] == "cfo" and answer["person_role"] == "VP Finance"
    status, _, answer = brief(server, "nvidia", person_id="cfo-1")
    assert status == 400 and answer["error"]["field"] == "person_id", answer
    status, _, answer = brief(server, "marvell", person_id="nobody")
    assert status == 404 and answer["error"]["field"] == "person_id", answer


def test_nvidia_then_and_now(server):
    _, _, then = brief(server, "nvidia", as_of="2010-04-30")
    assert "profit.loss_making" in ids(then) and "revenue.declining" in ids(then)
    _, _, now = brief(server, "nvidia")
    assert "profit.loss_making" not in ids(now)
    assert [year["fiscal_year"] for year in now["years"]][-1] == 2026


def test_a_private_company_s_facts_table(server):
    status, _, answer = brief(server, "acme")
    assert status == 200, answer
    assert answer["currency"] == "EUR"
    assert ids(answer) == ["revenue.declining"]
    facts = answer["signals"][0]["evidence"][0]["facts"]
    assert facts[0]["accession"] == "annual report 2024" and facts[0]["form"] is None


def test_what_has_no_facts_says_why(server):
    status, _, answer = brief(server, "no-cik")
    assert status == 404 and "it has no cik" in answer["error"]["message"], answer
    status, _, answer = brief(server, "nobody")
    assert status == 404 and answer["error"]["field"] == "id", answer
    status, _, answer = brief(server, "marvell", as_of="2024-02-30")
    assert status == 400 and answer["error"]["field"] == "as_of", answer
    status, _, answer = brief(server, "marvell", colour="blue")
    assert status == 400 and answer["error"]["field"] == "colour", answer
    status, _, answer = server.request("PUT", "/v1/accounts/bad", {"cik": "AAPL"})
    assert status == 400 and answer["error"]["field"] == "cik", answer


def test_a_server_without_facts_answers_409(make_server):
    instance = make_server()
    status, _, answer = instance.request("GET", "/v1/accounts/a-1/brief")
    assert status == 409 and answer["error"]["code"] == "no_facts", answer
