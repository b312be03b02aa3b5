"""Typed conditions and what a question says about the person."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from regia.aids.conditions import Person, check, check_all, eligibility, profile_check
from regia.aids.query import expansion, person_from_text

ADULT_UNDER_26 = [
    {"type": "age", "operator": ">=", "value": 18},
    {"type": "age", "operator": "<=", "value": 25},
]


def test_age_bounds_are_three_valued():
    assert check_all(ADULT_UNDER_26, Person(age=20)) is True
    assert check_all(ADULT_UNDER_26, Person(age=30)) is False
    assert check_all(ADULT_UNDER_26, Person()) is None
    assert check({"type": "quotient_familial", "value": 1000, "operator": "<="}, Person(age=20)) is None


def test_profiles_match_statuses_and_their_conditions():
    apprentice = {"apprenti": [{"type": "age", "operator": "<", "value": 20}]}
    assert profile_check(["apprenti"], apprentice, Person(age=18, statuses=frozenset({"apprenti"}))) is True
    assert profile_check(["apprenti"], apprentice, Person(age=22, statuses=frozenset({"apprenti"}))) is False
    assert profile_check(["apprenti"], {}, Person(statuses=frozenset({"chomeur"}))) is False
    assert profile_check(["enseignement_superieur"], {}, Person(statuses=frozenset({"etudiant"}))) is True
    assert profile_check([], {}, Person(statuses=frozenset({"etudiant"}))) is None


def test_eligibility_combines_general_conditions_and_profiles():
    chomeur = Person(age=30, statuses=frozenset({"chomeur"}))
    assert eligibility(ADULT_UNDER_26, ["chomeur"], {}, chomeur) is False
    assert (
        eligibility(ADULT_UNDER_26, ["chomeur"], {}, Person(age=22, statuses=frozenset({"chomeur"}))) is True
    )
    assert eligibility([], ["etudiant"], {}, Person()) is None


def test_person_from_text():
    assert person_from_text("j'ai 19 ans et je suis étudiante à Lyon") == Person(
        age=19, statuses=frozenset({"etudiant", "enseignement_superieur"})
    )
    assert person_from_text("Âgée de 22 ans, au chômage").age == 22
    assert "chomeur" in person_from_text("je suis demandeur d'emploi").statuses
    assert person_from_text("mon fils de 12 ans veut faire du sport").age is None
    assert person_from_text("aide pour les moins de 26 ans").age is None
    assert "apprenti" in person_from_text("je suis en alternance").statuses


def test_informal_words_are_expanded():
    assert "logement" in expansion("un appart pas cher")
    assert "emploi" in expansion("je cherche du taf")
    assert expansion("rien de spécial") == ""


@given(st.text(max_size=200))
def test_reading_any_text_never_fails(text):
    person = person_from_text(text)
    assert person.age is None or 10 <= person.age <= 99
