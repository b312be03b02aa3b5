"""Reading a conversation's messages: slots, bare answers to the last question, corrections, refusals."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from regia.aids.understanding import number_words, read


def test_everything_said_at_once(loaded):
    r = read("J'ai 20 ans, j'habite à Bordeaux et je suis étudiante, je cherche un logement")
    assert r.age == 20 and r.place.name == "Bordeaux"
    assert {"etudiant", "enseignement_superieur"} <= r.statuses
    assert r.need == "logement" and r.themes == ["logement"]


def test_bare_answers_use_the_question_asked(loaded):
    assert read("19", "age").age == 19
    assert read("19", None).age is None  # a number alone is no age out of context
    assert read("dix-neuf ans", "age").age == 19
    assert read("Vannes", "place").place.code == "56260"
    assert read("35000", "place").place.name == "Rennes"
    assert read("lycée", "status").statuses == {"lyceen"}
    assert read("oui", "boursier").statuses == {"boursier"}
    assert read("non", "situation_handicap").not_statuses == {"situation_handicap"}
    unknown = read("Zzyzx-les-Bains", "place")
    assert unknown.place is None and unknown.place_unknown == "Zzyzx-les-Bains" and unknown.need is None


def test_situations_become_needs(loaded):
    moving = read("je déménage à Lyon le mois prochain")
    assert moving.place.name == "Lyon" and "logement" in moving.need and "mois" not in moving.need
    assert read("je passe le permis").need.startswith("permis de conduire")
    assert "étranger" in read("je pars faire un stage à l'étranger").need


def test_corrections_refusals_and_questions_about_an_aid(loaded):
    assert read("en fait j'ai 22 ans", "place").age == 22
    assert read("en fait j'ai 22 ans", "place").place is None
    assert read("je ne sais pas", "age").dont_know
    assert read("je préfère ne pas le dire", "status").dont_know
    assert read("pourquoi pas le pass culture ?").why_not == "pass culture"
    assert read("on recommence").restart
    denied = read("je ne suis pas boursier mais étudiant")
    assert "boursier" in denied.not_statuses and "etudiant" in denied.statuses
    also = read("je cherche aussi une aide pour le bus", "age")
    assert also.need == "bus" and also.need_also


def test_markup_is_read_as_text(loaded):
    r = read("<script>alert('x')</script><b>Rennes</b>", "place")
    assert r.place.name == "Rennes" and r.need is None


def test_number_words():
    assert number_words("vingt et un ans") == 21
    assert number_words("soixante-dix") == 70
    assert number_words("quatre-vingt-deux") == 82
    assert number_words("rien") is None


@settings(max_examples=80, deadline=None)
@given(
    text=st.text(max_size=300), pending=st.sampled_from([None, "age", "place", "status", "need", "boursier"])
)
def test_reading_any_text_never_fails(loaded, text, pending):
    r = read(text, pending)
    assert r.age is None or 10 <= r.age <= 99
    assert r.need is None or r.need.strip()
