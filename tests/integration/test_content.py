"""The content and relevance gates over HTTP: what a touch says, in which
language, to whom and how often, through the real server and its store,
including what must survive a restart (fingerprints in the histories,
template counts rebuilt from the touch ledger)."""
import re

import pytest

from conftest import DECIDE_TOKEN, assert_error, start_server, touch

CONTENT_POLICY = """
[[budget]]
scope = "all"
window = "1d"
max = 50

[kinds.cold]
requires_icp = false

[relevance]
language = "required"
max_event_distance_km = 800
event_region = "continent"

[content]
repeat = { window = "30d" }
bump = { max_words = 60 }
mass_template = { max_recipients = 3, window = "30d" }
"""

GERMAN = ("Hallo Frau Berger, nächsten Monat veranstalten wir in München ein Frühstücksseminar "
          "zur Automatisierung im Lager. Soll ich Ihnen einen Platz reservieren?")
ENGLISH = ("Hi Anna, we are hosting a breakfast seminar on warehouse automation in Leeds next "
           "month. Would you like me to save you a seat?")
NEWSLETTER = ("This month in logistics: three depots cut their picking errors by half with voice "
              "picking, and our spring webinar on yard management is open for registration.")


def script(name, company):
    return (f"Hi {name},\nI noticed {company} is growing fast. Companies like yours use our "
            "platform to cut onboarding time in half. Do you have 15 minutes next week?")


def put_person(server, person_id, **fields):
    fields.setdefault("consent", {"email": "opted_in"})
    status, _, data = server.request("PUT", f"/v1/people/{person_id}", fields)
    assert status in (200, 201), data
    return data


def decide(server, **fields):
    status, _, data = server.request("POST", "/v1/decide", touch(**fields), token=DECIDE_TOKEN)
    assert status == 200, data
    return data


def test_language_is_detected_and_a_contradicted_declaration_is_noted(make_server):
    server = make_server(policy=CONTENT_POLICY)
    put_person(server, "p-1", languages=["en-GB"])
    german = decide(server, person="p-1", body=GERMAN)
    assert german["decision"] == "suppress"
    assert [r["rule"] for r in german["reasons"]] == ["relevance.language"]
    assert "German" in german["reasons"][0]["message"]
    assert german["content"]["language"] == "de" and german["content"]["detected"] == "de"
    assert re.fullmatch(r"[0-9a-f]{16}", german["content"]["fingerprint"])

    english = decide(server, person="p-1", body=ENGLISH, language="en-US")
    assert english["decision"] == "send"
    notes = {note["note"]: note for note in english["notes"]}
    assert notes["content.self_focus"]["self"] == 2  # we, me
    assert notes["content.self_focus"]["reader"] == 2  # you, you
    assert notes["content.self_focus"]["score"] == 0.5

    # Declared English, reliably German: the detection decides (the person
    # reads English only), and the note says so.
    declared = decide(server, person="p-1", body=GERMAN, language="en", at="2030-03-06T15:00:00Z")
    assert declared["decision"] == "suppress", declared
    mismatch = [n for n in declared["notes"] if n["note"] == "relevance.language_mismatch"]
    assert mismatch and mismatch[0]["declared"] == "en" and mismatch[0]["detected"] == "de"
    assert mismatch[0]["judged_as"] == "detected"


PORTUGUESE = ("Olá Ana, no próximo mês vamos organizar em Lisboa um pequeno-almoço sobre "
              "automação de armazéns. Gostaria que lhe reservasse um lugar?")


def test_a_confident_detection_outweighs_a_wrong_declaration(make_server):
    server = make_server(policy=CONTENT_POLICY)
    put_person(server, "reads-pt", languages=["pt"])
    put_person(server, "reads-en", languages=["en"])
    assert decide(server, person="reads-pt", body=PORTUGUESE, language="en")["decision"] == "send"
    english_only = decide(server, person="reads-en", body=PORTUGUESE, language="en")
    assert english_only["decision"] == "suppress", english_only
    assert "Portuguese" in english_only["reasons"][0]["message"]
    # The policy can keep the declaration in charge.
    trusting = make_server(policy=CONTENT_POLICY.replace(
        'language = "required"', 'language = "required"\ndetection_overrides_at = 0'))
    put_person(trusting, "reads-en", languages=["en"])
    assert decide(trusting, person="reads-en", body=PORTUGUESE, language="en")["decision"] == "send"


def test_invitations_far_away_are_suppressed(make_server):
    server = make_server(policy=CONTENT_POLICY)
    put_person(server, "p-berlin", country="DE", lat=52.52, lon=13.40)
    near = decide(server, person="p-berlin",
                  event_location={"country": "DE", "lat": 48.14, "lon": 11.58})
    assert near["decision"] == "send"
    far = decide(server, person="p-berlin", at="2030-03-06T15:00:00Z",
                 event_location={"country": "ES", "lat": 40.42, "lon": -3.70})
    assert far["decision"] == "suppress"
    assert far["reasons"][0]["rule"] == "relevance.region"
    assert far["reasons"][0]["score"] > 1800
    other_continent = decide(server, person="p-berlin", at="2030-03-07T15:00:00Z",
                             event_location={"country": "BR"})
    assert other_continent["decision"] == "suppress"
    assert "Europe" in other_continent["reasons"][0]["message"]


def test_repeats_and_bumps_are_suppressed_and_fingerprints_survive_a_restart(make_server):
    server = make_server(policy=CONTENT_POLICY)
    put_person(server, "p-1")
    assert decide(server, person="p-1", body=NEWSLETTER)["decision"] == "send"
    again = decide(server, person="p-1", body=NEWSLETTER, at="2030-03-10T15:00:00Z")
    assert again["decision"] == "suppress" and again["reasons"][0]["rule"] == "content.repeat"

    assert decide(server, person="p-1", body=ENGLISH, thread="t-1", step=1,
                  at="2030-03-11T15:00:00Z")["decision"] == "send"
    bump = decide(server, person="p-1", thread="t-1", step=2, at="2030-03-14T15:00:00Z",
                  body="Just checking in on my note below. Any thoughts?")
    assert bump["decision"] == "suppress" and bump["reasons"][0]["rule"] == "content.bump"
    assert "just checking in" in bump["reasons"][0]["message"]

    directory = server.directory
    assert server.stop() == 0, server.log()
    restarted = start_server(directory, policy=CONTENT_POLICY)
    try:
        after = decide(restarted, person="p-1", body=NEWSLETTER, at="2030-03-20T15:00:00Z")
        assert after["decision"] == "suppress" and after["reasons"][0]["rule"] == "content.repeat"
    finally:
        assert restarted.stop() == 0, restarted.log()


def test_one_cold_script_reaches_at_most_n_people_even_across_a_restart(make_server):
    server = make_server(policy=CONTENT_POLICY)
    names = [("Anna", "Northwind"), ("Bob", "Initech"), ("Chen", "Globex"), ("Dana", "Umbrella"),
             ("Emil", "Hooli")]
    outcomes = []
    for index, (name, company) in enumerate(names[:4]):
        put_person(server, f"p-{index}")
        outcomes.append(decide(server, person=f"p-{index}", kind="cold",
                               body=script(name, company)))
    assert [o["decision"] for o in outcomes] == ["send", "send", "send", "suppress"]
    assert outcomes[3]["reasons"][0]["rule"] == "content.mass_template"
    assert outcomes[3]["reasons"][0]["count"] == 3
    # A promotional touch with the same text is not judged by it.
    assert decide(server, person="p-3", kind="promotional",
                  body=script("Dana", "Umbrella"))["decision"] == "send"

    directory = server.directory
    assert server.stop() == 0, server.log()
    restarted = start_server(directory, policy=CONTENT_POLICY)
    try:
        put_person(restarted, "p-4")
        fifth = decide(restarted, person="p-4", kind="cold", body=script(*names[4]))
        assert fifth["decision"] == "suppress", fifth
        assert fifth["reasons"][0]["rule"] == "content.mass_template"
    finally:
        assert restarted.stop() == 0, restarted.log()


def test_a_batch_counts_a_scripts_recipients_touch_by_touch(make_server):
    # A batch decides its touches together, but one whose text is counted
    # sees the sends of the touches before it: the fourth script is refused.
    server = make_server(policy=CONTENT_POLICY)
    names = [("Anna", "Northwind"), ("Bob", "Initech"), ("Chen", "Globex"), ("Dana", "Umbrella"),
             ("Emil", "Hooli")]
    touches = []
    for index, (name, company) in enumerate(names):
        put_person(server, f"p-{index}")
        touches.append(touch(person=f"p-{index}", kind="cold", body=script(name, company)))
        touches.append(touch(person=f"q-{index}", kind="promotional"))
    status, _, data = server.request("POST", "/v1/decide/batch", {"touches": touches},
                                     token=DECIDE_TOKEN)
    assert status == 200, data
    cold = [d for d, t in zip(data["decisions"], touches) if t["kind"] == "cold"]
    assert [d["decision"] for d in cold] == ["send", "send", "send", "suppress", "suppress"]
    assert cold[3]["reasons"][0]["rule"] == "content.mass_template"
    assert cold[3]["reasons"][0]["count"] == 3


def test_bad_content_fields_are_named(make_server):
    server = make_server(policy=CONTENT_POLICY)
    status, _, data = server.request("POST", "/v1/decide", touch(body=42), token=DECIDE_TOKEN)
    assert_error(status, data, 400, field="body")
    status, _, data = server.request(
        "POST", "/v1/decide", touch(event_location={"country": "Germany"}), token=DECIDE_TOKEN)
    assert_error(status, data, 400, field="event_location.country")


def test_a_policy_naming_a_broken_lexicon_does_not_start(tmp_path):
    lexicon = tmp_path / "mine.toml"
    lexicon.write_text('[en]\nbump = ["just checking in"]\nwords = ["x"]\n')
    policy = "[content]\nlexicon = \"%s\"\nbump = {}\n" % lexicon
    try:
        start_server(tmp_path / "s", policy=policy)
        raise AssertionError("the server started with a broken lexicon")
    except RuntimeError as error:
        assert "content.lexicon" in str(error) and "en.words: unknown key" in str(error)


def test_a_policy_put_over_http_reads_its_lexicon_beside_the_served_policy(make_server):
    server = make_server(policy=CONTENT_POLICY)
    (server.directory / "mine.toml").write_text('[en]\nbump = ["gentle nudge"]\n')
    status, _, data = server.request("PUT", "/v1/policy",
                                     CONTENT_POLICY.replace("[content]\n",
                                                            '[content]\nlexicon = "mine.toml"\n'))
    assert status == 200, data
    put_person(server, "p-1")
    assert decide(server, person="p-1", body=ENGLISH, thread="t-1", step=1)["decision"] == "send"
    bump = decide(server, person="p-1", thread="t-1", step=2, at="2030-03-08T15:00:00Z",
                  body="A gentle nudge on my note below.")
    assert bump["decision"] == "suppress" and "gentle nudge" in bump["reasons"][0]["message"]

    status, _, data = server.request("PUT", "/v1/policy",
                                     '[content]\nlexicon = "absent.toml"\n')
    assert_error(status, data, 400, field="content.lexicon",
                 contains=str(server.directory / "absent.toml"))
