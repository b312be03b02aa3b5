"""The eligibility engine on real records: typed conditions of every source, perimeters, French reasons,
missing facts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regia import territory
from regia.aids.catalogue import get_aid
from regia.aids.conditions import OCCUPATIONS, Person, check_all
from regia.aids.eligibility import Rules, evaluate, perimeter_label


def verdict(aid_id: str, place: str | None = None, age: int | None = None, *statuses: str, **facts):
    where = territory.resolve_place(place) if place else None
    person = Person(age=age, statuses=frozenset(statuses), facts=facts)
    return evaluate(Rules.from_record(get_aid(aid_id)), person, where)


def test_age_read_in_the_text_of_the_aid(loaded):
    # pass Culture: "pour les jeunes de 15 à 20 ans" (read by hand: the source types no age)
    too_old = verdict("pass_culture", None, 24)
    assert too_old.status == "ineligible"
    assert too_old.reasons == ["réservée aux 15-20 ans (vous avez 24 ans)"]
    assert verdict("pass_culture", "Orléans", 18).status == "eligible"
    assert verdict("pass_culture").missing.keys() == {"age"}


def test_perimeter_of_a_metropolis(loaded):
    # revenu solidaire jeunes: Métropole de Lyon, 18-24 ans
    assert verdict("revenu_solidaire_jeune", "Lyon", 20).status == "eligible"
    outside = verdict("revenu_solidaire_jeune", "Rennes", 20)
    assert outside.status == "ineligible"
    assert outside.reasons == ["réservée aux habitants de la Métropole de Lyon"]
    coarse = verdict("revenu_solidaire_jeune", "Rhône", 20)  # a department: some of it only
    assert coarse.status == "unknown" and "place" in coarse.missing
    assert verdict("revenu_solidaire_jeune", "Lyon", 27).status == "ineligible"


def test_profiles_and_their_situations(loaded):
    gironde = "departement-gironde-aide-departementale-au-permis-de-conduire"
    assert verdict(gironde, "Bordeaux", 20, "chomeur").status == "eligible"
    student = verdict(gironde, "Bordeaux", 20, "etudiant", "enseignement_superieur")
    assert student.status == "unknown" and "beneficiaire_rsa" in student.missing  # a student on RSA could
    worker = evaluate(
        Rules.from_record(get_aid(gironde)),
        Person(age=20, statuses=frozenset({"salarie"}), not_statuses=frozenset({"beneficiaire_rsa"})),
        territory.resolve_place("Bordeaux"),
    )
    assert worker.status == "ineligible" and worker.reasons[0].startswith("réservée aux demandeurs d'emploi")
    assert verdict(gironde, "Bordeaux", 30, "chomeur").reasons == [
        "réservée aux 18-25 ans (vous avez 30 ans)"
    ]
    unknown = verdict(gironde)
    assert unknown.status == "unknown" and {"place", "age", "status"} <= unknown.missing.keys()


def test_bike_aid_formula_and_income_ceiling(loaded):
    # aides . paris: "demandeur . âge . majeur" and an income ceiling or an adapted bike
    assert verdict("aides . paris", "Paris", 17).reasons == ["réservée aux 18 ans et plus (vous avez 17 ans)"]
    # an adapted bike is an alternative to the income ceiling: no person condition left but age
    assert verdict("aides . paris", "Paris", 30).status == "eligible"
    lyon = verdict("aides . lyon", "Lyon", 30)
    assert "revenu_fiscal_par_part" in lyon.missing
    assert "26 200 €" in lyon.missing["revenu_fiscal_par_part"]


def test_alternatives_of_age_and_status(loaded):
    card = "carte_sncf_eleve_apprenti_eligibilite"  # élève < 21, étudiant < 26 or apprenti < 23
    assert verdict(card, None, 22, "apprenti").status == "eligible"
    assert verdict(card, None, 24, "apprenti").status == "ineligible"
    assert verdict(card, None, 24, "etudiant", "enseignement_superieur").status == "eligible"


def test_aids_for_local_authorities_are_not_for_people(loaded):
    from regia.aids.catalogue import all_aids

    for_communes = next(
        a
        for a in all_aids(["aides-territoires"])
        if a.beneficiaries and "Particuliers" not in a.beneficiaries
    )
    v = evaluate(Rules.from_record(for_communes), Person(facts={"beneficiaire": "Particuliers"}), None)
    assert v.status == "ineligible" and v.reasons[0].startswith("condition non remplie : s'adresser aux")


def test_perimeter_labels(loaded):
    assert perimeter_label(Rules.from_record(get_aid("revenu_solidaire_jeune"))) == "Métropole de Lyon"
    assert perimeter_label(Rules.from_record(get_aid("pass_culture"))) == "toute la France"


def test_why_not_verdict(loaded):
    from regia.aids.verdicts import verdict_for

    result = verdict_for("pass_culture", age=24, commune="Nantes", status="salarié")
    assert result["status"] == "ineligible" and result["label"] == "cette aide n'est pas pour vous"
    assert result["reasons"] == ["réservée aux 15-20 ans (vous avez 24 ans)"]
    assert result["profile"]["place"]["name"] == "Nantes" and result["profile"]["status"] == ["salarie"]


@pytest.fixture(scope="module")
def sample_rules(loaded):
    from regia.aids.search import get_index

    index = get_index()
    return [index.rules[i] for i in range(0, index.n, 7)]


@settings(max_examples=60, deadline=None)
@given(
    age=st.one_of(st.none(), st.integers(min_value=10, max_value=90)),
    statuses=st.sets(
        st.sampled_from(sorted(OCCUPATIONS | {"situation_handicap", "boursier", "parent"})), max_size=2
    ),
)
def test_an_eligible_aid_meets_every_typed_age_condition(sample_rules, age, statuses):
    person = Person(age=age, statuses=frozenset(statuses), facts={"beneficiaire": "Particuliers"})
    for rules in sample_rules:
        v = evaluate(rules, person, None)
        assert v.status in ("eligible", "ineligible", "unknown")
        ages = [c for c in rules.conditions if c.get("type") == "age"]
        if v.status == "eligible":
            assert check_all(ages, person) in (True, None) and not v.missing
            assert age is not None or not ages
        if v.status == "ineligible":
            assert v.reasons and all(isinstance(r, str) and r for r in v.reasons)
