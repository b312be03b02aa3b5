"""Multi-turn conversations with the agent on the real catalogue: one question at a time, only questions
that change the answer, corrections, refusals, sessions that expire, grounded answers, optional rewording."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from llm_standin import StandIn

from regia.aids.agent import ask
from regia.aids.models import ConversationSession, Event
from regia.db import session_scope
from regia.errors import InputError, NotFound


def talk(*messages: str) -> list[dict]:
    replies, session = [], None
    for message in messages:
        replies.append(ask(message, session, channel="cli"))
        session = replies[-1]["session"]
    return replies


def top(reply: dict, n: int = 3) -> list[str]:
    return [a["id"] for a in reply["aids"] if a["status"] != "ineligible"][:n]


def test_student_in_bordeaux_wants_the_driving_licence(loaded):
    first, *rest = talk("je voudrais passer mon permis de conduire", "Bordeaux", "20 ans", "étudiant")
    assert first["question"]["slot"] == "place" and first["profile"]["need"]
    assert [r["question"]["slot"] for r in rest[:-1]] == ["age", "status"]
    last = rest[-1]
    assert last["question"] is None
    assert last["profile"]["age"] == 20 and last["profile"]["place"]["insee"] == "33063"
    assert "pret_formation_permis_eligibilite" in top(last)
    statuses = {a["id"]: a["status"] for a in last["aids"]}
    assert statuses["pret_formation_permis_eligibilite"] == "eligible"
    assert statuses.get("aide_financement_permis_apprenti", "ineligible") == "ineligible"
    gironde = "departement-gironde-aide-departementale-au-permis-de-conduire"
    assert statuses.get(gironde) != "eligible"  # for job seekers, RSA, service civique, inactive people
    for aid in [a for a in last["aids"] if a["status"] != "ineligible"][:3]:  # the answer cites them
        assert aid["title"] in last["answer"] and aid["url"] in last["answer"]


def test_one_message_with_everything(loaded):
    reply = ask("J'ai 22 ans, j'habite à Lille, je suis demandeur d'emploi et je veux passer le permis")
    assert "hauts_de_france_aide_permis" in top(reply)
    assert {a["status"] for a in reply["aids"] if a["id"] == "hauts_de_france_aide_permis"} == {"eligible"}
    assert reply["question"] is None or reply["question"]["slot"] not in ("age", "place", "status", "need")


def test_correction_changes_the_verdict(loaded):
    replies = talk("je n'ai plus d'argent pour vivre, j'habite à Lyon", "22 ans", "demandeur d'emploi")
    assert "revenu_solidaire_jeune" in top(replies[-1], 5)
    corrected = ask("en fait j'ai 27 ans", replies[-1]["session"])
    assert corrected["profile"]["age"] == 27 and "27 ans (et non 22)" in corrected["answer"]
    young = [a for a in corrected["aids"] if a["id"] == "revenu_solidaire_jeune"]
    assert young == [] or young[0]["status"] == "ineligible"


def test_no_question_that_would_not_change_the_answer(loaded):
    # BAFA aids in Haute-Savoie depend on age, never on status: the agent asks the age, then stops
    replies = talk("je veux passer le BAFA", "Annecy", "16 ans")
    slots = [r["question"]["slot"] if r["question"] else None for r in replies]
    assert slots == ["place", "age", None]
    assert set(top(replies[-1])) & {
        "aide-au-bafa-pour-une-session-de-formation-générale-caf-de-la-haute-savoie",
        "caf-aide-nationale-bafa",
    }


def test_dont_know_is_not_asked_again(loaded):
    replies = talk("je cherche une aide pour le permis", "Lille", "je ne sais pas")
    assert replies[1]["question"]["slot"] == "age"
    assert "age" in replies[2]["profile"]["declined"]
    assert replies[2]["question"] is None or replies[2]["question"]["slot"] != "age"


def test_greeting_asks_for_the_need_and_why_not_explains(loaded):
    hello = ask("Bonjour")
    assert hello["question"]["slot"] == "need" and hello["aids"] == []
    replies = talk("Bonjour", "un abonnement de bus", "Brest", "24 ans", "pourquoi pas le pass culture ?")
    why = replies[-1]
    assert why["aids"][0]["id"] == "pass_culture" and why["aids"][0]["status"] == "ineligible"
    assert "réservée aux 15-20 ans (vous avez 24 ans)" in why["answer"]


def test_unknown_place_is_asked_again(loaded):
    replies = talk("aide pour le permis", "Zzyzx-les-Bains")
    assert "Je ne trouve pas la commune « Zzyzx-les-Bains »" in replies[1]["answer"]
    assert replies[1]["question"]["slot"] == "place"


def test_sessions_persist_and_expire(loaded):
    first = ask("je cherche un logement")
    session = first["session"]
    assert ask("Rennes", session)["profile"]["place"]["name"] == "Rennes"
    with session_scope() as db:
        db.get(ConversationSession, session).expires_at = datetime.now() - timedelta(minutes=1)
    with pytest.raises(NotFound, match="session inconnue ou expirée"):
        ask("20 ans", session)
    with pytest.raises(NotFound):
        ask("20 ans", "x" * 40)
    ask("bonjour")  # a new session purges the expired ones
    with session_scope() as db:
        assert db.get(ConversationSession, session) is None


def test_bad_messages(loaded):
    for message in ("", "   ", "x" * 2001):
        with pytest.raises(InputError) as exc:
            ask(message)
        assert exc.value.field == "message"


def test_the_log_keeps_no_personal_data(loaded):
    reply = ask(
        "Je m'appelle Julie Martin, j'ai 19 ans, j'habite à Rennes, julie@example.org, 06 12 34 56 78, "
        "je cherche un logement"
    )
    with session_scope() as db:
        event = db.get(Event, reply["event"])
        stored = f"{event.query} {event.department} {event.themes}"
    for private in ("Julie", "Martin", "julie", "19", "06 12", "Rennes", "example"):
        assert private not in stored
    assert event.conversation and reply["session"] != event.conversation and reply["session"] not in stored
    assert event.department == "35" and event.themes == ["logement"]


def _with_llm(monkeypatch, url: str) -> None:
    from regia.config import get_settings

    monkeypatch.setenv("REGIA_LLM_URL", url)
    get_settings.cache_clear()


def test_rewording_never_adds_an_aid_or_a_figure(loaded, monkeypatch):
    from regia.config import get_settings

    plain = ask("aide pour acheter un vélo électrique à Lyon")["answer"]
    honest = lambda text: "Bonjour ! " + text.split("\n\n", 1)[-1]  # noqa: E731
    inventive = lambda text: "Vous avez droit au pass Culture et à 500 € de prime vélo."  # noqa: E731
    try:
        with StandIn(honest) as standin:
            _with_llm(monkeypatch, standin.url)
            reworded = ask("aide pour acheter un vélo électrique à Lyon")
            assert reworded["answer"] == "Bonjour ! " + plain
            assert standin.requests and plain in standin.requests[0]["messages"][-1]["content"]
        with StandIn(inventive) as standin:
            _with_llm(monkeypatch, standin.url)
            kept = ask("aide pour acheter un vélo électrique à Lyon")
            assert standin.requests and kept["answer"] == plain
            assert [a["id"] for a in kept["aids"]] == [a["id"] for a in reworded["aids"]]
    finally:
        monkeypatch.delenv("REGIA_LLM_URL")
        get_settings.cache_clear()
