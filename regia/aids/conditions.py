"""Typed eligibility conditions (the ``conditions_generales`` and profiles of aides-jeunes) checked against
what is known of a person. Three-valued: True (met), False (not met), None (cannot tell).

The search ranks with it; an eligibility engine can build on :func:`check` and :func:`eligibility`.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from dataclasses import dataclass, field

_OPERATORS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq}

# profile types of the sources, and their French labels (indexed for search, shown to people)
PROFILE_LABELS = {
    "enseignement_superieur": "étudiant dans l'enseignement supérieur",
    "etudiant": "étudiant ou élève",
    "lyceen": "lycéen",
    "collegien": "collégien",
    "apprenti": "apprenti en alternance",
    "professionnalisation": "contrat de professionnalisation en alternance",
    "stagiaire": "stagiaire de la formation professionnelle",
    "service_civique": "volontaire en service civique",
    "chomeur": "demandeur d'emploi au chômage",
    "salarie": "salarié",
    "independant": "travailleur indépendant",
    "inactif": "sans activité",
    "beneficiaire_rsa": "bénéficiaire du RSA",
    "parent": "parent",
    "situation_handicap": "personne en situation de handicap",
}

# a person's status also satisfies these profile types
IMPLIED = {
    "etudiant": {"enseignement_superieur"},
    "enseignement_superieur": {"etudiant"},
    "lyceen": {"etudiant"},
    "collegien": {"etudiant"},
    "apprenti": {"professionnalisation"},
    "professionnalisation": {"apprenti"},
}


@dataclass(frozen=True)
class Person:
    """What is known of the person asking; unknown facts stay None / empty."""

    age: int | None = None
    statuses: frozenset[str] = field(default_factory=frozenset)

    def has_any(self) -> bool:
        return self.age is not None or bool(self.statuses)


def check(condition: dict, person: Person) -> bool | None:
    """One typed condition; None when it is not about a known fact."""
    kind = condition.get("type")
    if kind == "age" and person.age is not None:
        compare = _OPERATORS.get(condition.get("operator", ""))
        value = condition.get("value")
        if compare is None or not isinstance(value, (int, float)):
            return None
        return bool(compare(person.age, value))
    if kind == "beneficiaire_rsa" and person.statuses:
        return "beneficiaire_rsa" in person.statuses or None
    return None


def check_all(conditions: Iterable[dict], person: Person) -> bool | None:
    """All conditions: False if one fails, True if all are met, None otherwise."""
    results = [check(c, person) for c in conditions]
    if any(r is False for r in results):
        return False
    if results and all(r is True for r in results):
        return True
    return None


def expanded(statuses: Iterable[str]) -> set[str]:
    out = set(statuses)
    for status in list(out):
        out |= IMPLIED.get(status, set())
    return out


def profile_check(
    profiles: list[str], profile_conditions: dict[str, list[dict]], person: Person
) -> bool | None:
    """An aid limited to some profiles: does the person's status fit one of them?"""
    if not profiles or not person.statuses:
        return None
    fitting = [p for p in profiles if p in expanded(person.statuses)]
    if not fitting:
        return False
    results = [check_all(profile_conditions.get(p, []), person) for p in fitting]
    if all(r is False for r in results):
        return False
    return True if any(r is True for r in results) or all(r is None for r in results) else None


def eligibility(
    conditions: list[dict], profiles: list[str], profile_conditions: dict[str, list[dict]], person: Person
) -> bool | None:
    """General conditions and profiles together (geography is the perimeter's job)."""
    general = check_all(conditions, person)
    profile = profile_check(profiles, profile_conditions, person)
    if general is False or profile is False:
        return False
    if general is True or profile is True:
        return True
    return None
