"""Typed eligibility conditions checked against what is known of a person, three-valued: True (met),
False (not met), None (cannot tell yet), each with the French words of what it requires and the fact that
would settle it.

The types are those the sources carry: aides-jeunes ``conditions_generales`` and profile conditions (age,
quotient_familial, boursier, annee_etude...), the person leaves of aides-velo formulas (age, statut,
handicap, revenu fiscal de référence...), aides-territoires beneficiaries, and the conditions read by hand
from an aid's own text (``data/aids/conditions.json``). ``any`` / ``all`` group them. Geography is the
perimeter's job (:mod:`regia.aids.eligibility`).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

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

# who a status or situation names, in the plural ("réservée aux apprentis")
PLURALS = {
    "enseignement_superieur": "étudiants du supérieur",
    "etudiant": "élèves et étudiants",
    "lyceen": "lycéens",
    "collegien": "collégiens",
    "apprenti": "apprentis",
    "professionnalisation": "alternants en contrat de professionnalisation",
    "stagiaire": "stagiaires de la formation professionnelle",
    "service_civique": "volontaires en service civique",
    "chomeur": "demandeurs d'emploi",
    "salarie": "salariés",
    "independant": "travailleurs indépendants",
    "inactif": "personnes sans activité",
    "retraite": "retraités",
    "beneficiaire_rsa": "bénéficiaires du RSA",
    "parent": "parents",
    "situation_handicap": "personnes en situation de handicap",
    "boursier": "boursiers",
    "reconversion": "personnes en reconversion professionnelle",
}

# what a person does (one answer to "quelle est votre situation ?"); saying one rules out the others
OCCUPATIONS = frozenset(
    {
        "collegien",
        "lyceen",
        "etudiant",
        "enseignement_superieur",
        "apprenti",
        "professionnalisation",
        "stagiaire",
        "service_civique",
        "chomeur",
        "salarie",
        "independant",
        "inactif",
        "retraite",
    }
)

# yes/no facts about a person, known only when said ("je suis boursier", "je ne suis pas handicapé")
SITUATIONS = {
    "situation_handicap": "être en situation de handicap",
    "beneficiaire_rsa": "être bénéficiaire du RSA",
    "parent": "avoir un enfant à charge",
    "boursier": "être boursier",
    "formation_sanitaire_social": "suivre une formation sanitaire ou sociale",
    "difficultes_logement": "avoir des difficultés pour se loger ou payer son logement",
    "interim": "travailler en intérim (agence de travail temporaire)",
    "non_imposable": "faire partie d'un foyer non imposable",
    "abonne_ter": "être abonné TER",
    "forfait_mobilites_durables": "percevoir le forfait mobilités durables de son employeur",
    "attached_to_institution": "être inscrit dans un établissement rattaché à l'organisme qui verse l'aide",
    "sans_domicile": "être sans domicile stable",
    "reconversion": "être en reconversion professionnelle",
    "promesse_embauche": "avoir une promesse d'embauche",
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

# condition types whose fact is one of the situations above
_SITUATION_TYPES = {
    "beneficiaire_rsa": "beneficiaire_rsa",
    "boursier": "boursier",
    "formation_sanitaire_social": "formation_sanitaire_social",
    "difficultes_acces_ou_frais_logement": "difficultes_logement",
    "agence_travail_temporaire": "interim",
    "non_imposable": "non_imposable",
    "abonne_ter": "abonne_ter",
    "forfait_mobilites_durables": "forfait_mobilites_durables",
    "attached_to_institution": "attached_to_institution",
    "situation_handicap": "situation_handicap",
    "promesse_embauche": "promesse_embauche",
}

YEARS = {
    "cap_1": "1re année de CAP",
    "cap_2": "2e année de CAP",
    "seconde": "seconde",
    "premiere": "première",
    "terminale": "terminale",
    "licence_1": "1re année de licence",
    "licence_2": "2e année de licence",
    "licence_3": "3e année de licence",
    "master_1": "1re année de master",
    "master_2": "2e année de master",
}
_BOUND_WORDS = {
    "<=": ("de ", " au plus"),
    "<": ("inférieur à ", ""),
    ">=": ("d'au moins ", ""),
    ">": ("supérieur à ", ""),
}
_MENTIONS = {
    "mention_tres_bien": "mention très bien",
    "mention_tres_bien_felicitations_jury": "félicitations du jury",
}
_PERIODS = {"year": "par an", "an": "par an", "month": "par mois", "mois": "par mois"}


@dataclass(frozen=True)
class Person:
    """What is known of the person asking; unknown facts stay None / absent.

    ``statuses``: occupations and yes/no situations the person said are true; ``not_statuses``: those
    said to be false; ``facts``: other values (quotient_familial in €/year, beneficiaire kind...).
    """

    age: int | None = None
    statuses: frozenset[str] = field(default_factory=frozenset)
    not_statuses: frozenset[str] = field(default_factory=frozenset)
    facts: Mapping[str, object] = field(default_factory=dict)

    def has_any(self) -> bool:
        return self.age is not None or bool(self.statuses) or bool(self.not_statuses) or bool(self.facts)

    def occupation_known(self) -> bool:
        return bool(self.statuses & OCCUPATIONS)

    def is_(self, status: str) -> bool | None:
        """Is the person in this occupation or situation (None: not said)?"""
        if status in expanded(self.statuses):
            return True
        if status in self.not_statuses:
            return False
        if status in OCCUPATIONS and self.occupation_known():
            return False
        return None


class Outcome(NamedTuple):
    result: bool | None
    requirement: str  # French: what the condition asks ("avoir 18 ans ou plus")
    fact: str | None  # the fact that would settle it when result is None ("age", "status", "boursier"...)


def expanded(statuses: Iterable[str]) -> set[str]:
    out = set(statuses)
    for status in list(out):
        out |= IMPLIED.get(status, set())
    return out


def _compare(op: str | None, left: float, right: object) -> bool | None:
    compare = _OPERATORS.get(op or "")
    if compare is None or not isinstance(right, (int, float)) or isinstance(right, bool):
        return None
    return bool(compare(left, right))


def euros(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ") + " €"


def age_bounds(conditions: Iterable[dict]) -> tuple[int | None, int | None]:
    """Smallest and largest allowed age (inclusive) of a list of age conditions."""
    low, high = None, None
    for c in conditions:
        value = c.get("value")
        if c.get("type") != "age" or not isinstance(value, (int, float)):
            continue
        op = c.get("operator")
        if op in (">=", ">"):
            bound = int(value) + (1 if op == ">" else 0)
            low = bound if low is None else max(low, bound)
        elif op in ("<=", "<"):
            bound = int(value) - (1 if op == "<" and float(value).is_integer() else 0)
            high = bound if high is None else min(high, bound)
        elif op == "==":
            low = high = int(value)
    return low, high


def age_phrase(low: int | None, high: int | None) -> str:
    """ "16-25 ans", "18 ans et plus", "moins de 26 ans"."""
    if low is not None and high is not None:
        return f"{low} ans" if low == high else f"{low}-{high} ans"
    if low is not None:
        return f"{low} ans et plus"
    return f"moins de {high + 1} ans" if high is not None else "tous âges"


def _age(c: dict, person: Person) -> Outcome:
    low, high = age_bounds([c])
    requirement = f"avoir {age_phrase(low, high)}"
    if person.age is None:
        return Outcome(None, requirement, "age")
    return Outcome(_compare(c.get("operator"), person.age, c.get("value")), requirement, None)


def _statuses(values: list[str], person: Person) -> Outcome:
    names = [PLURALS.get(v, v) for v in values]
    requirement = "faire partie des " + ", ".join(names)
    results = [person.is_(v) for v in values]
    if any(r is True for r in results):
        return Outcome(True, requirement, None)
    if results and all(r is False for r in results):
        return Outcome(False, requirement, None)
    unknown = [v for v, r in zip(values, results, strict=True) if r is None]
    fact = "status" if any(v in OCCUPATIONS for v in unknown) else (unknown[0] if unknown else None)
    return Outcome(None, requirement, fact)


def _situation(key: str, person: Person, requirement: str | None = None) -> Outcome:
    return Outcome(person.is_(key), requirement or SITUATIONS.get(key, key), key)


def _number(c: dict, person: Person, fact: str, label: str) -> Outcome:
    value = c.get("value")
    period = _PERIODS.get(str(c.get("period") or "year"), "par an")
    before, after = _BOUND_WORDS.get(c.get("operator"), ("", ""))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        requirement = f"{label} {before}{euros(value)} {period}{after}"
    else:
        requirement = f"{label} sous un plafond ({c.get('label') or 'voir la fiche'})"
    known = person.facts.get(fact)
    if not isinstance(known, (int, float)) or isinstance(known, bool):
        return Outcome(None, requirement, fact)
    return Outcome(_compare(c.get("operator"), float(known), value), requirement, fact)


def _one_of(c: dict, person: Person, fact: str, labels: Mapping[str, str], prefix: str) -> Outcome:
    values = [str(v) for v in c.get("values") or c.get("includes") or []]
    requirement = prefix + " " + ", ".join(labels.get(v, v.replace("_", " ")) for v in values)
    known = person.facts.get(fact)
    if known is None:
        return Outcome(None, requirement, fact)
    return Outcome(str(known) in values, requirement, None)


def outcome(c: dict, person: Person) -> Outcome:
    """One typed condition against the person."""
    kind = c.get("type")
    if kind == "age":
        return _age(c, person)
    if kind == "statuts":
        return _statuses([str(v) for v in c.get("values") or []], person)
    if kind == "not_statuts":
        values = [str(v) for v in c.get("values") or []]
        inside = _statuses(values, person)
        result = None if inside.result is None else not inside.result
        return Outcome(
            result, "ne pas faire partie des " + ", ".join(PLURALS.get(v, v) for v in values), inside.fact
        )
    if kind in _SITUATION_TYPES:
        return _situation(_SITUATION_TYPES[kind], person)
    if kind == "statut_occupation_logement":
        values = c.get("includes") or []
        if values == ["sans_domicile"]:
            return _situation("sans_domicile", person)
        return _one_of(c, person, "logement", {}, "être logé : ")
    if kind == "quotient_familial":
        return _number(c, person, "quotient_familial", "quotient familial")
    if kind == "revenu_fiscal_par_part":
        return _number(c, person, "revenu_fiscal_par_part", "revenu fiscal de référence par part")
    if kind == "taux_incapacite":
        if person.is_("situation_handicap") is False:
            return Outcome(False, "avoir un taux d'incapacité reconnu", None)
        value = c.get("value")
        rate = f"{round(100 * value)} %" if isinstance(value, (int, float)) else "fixé"
        return Outcome(None, f"avoir un taux d'incapacité d'au moins {rate}", "taux_incapacite")
    if kind == "enfants_eligibles":
        low, high, count = c.get("age_min"), c.get("age_max"), c.get("value") or 1
        ages = f" de {low} à {high} ans" if low is not None and high is not None else ""
        if low is None and high is not None:
            ages = f" de moins de {high + 1} ans"
        children = "un enfant" if count == 1 else f"{count} enfants"
        requirement = f"avoir au moins {children} à charge{ages}"
        if person.is_("parent") is False:
            return Outcome(False, requirement, None)
        return Outcome(None, requirement, "parent")
    if kind == "annee_etude":
        return _one_of(c, person, "annee_etude", YEARS, "être en")
    if kind == "mention_baccalaureat":
        return _one_of(c, person, "mention_baccalaureat", _MENTIONS, "avoir obtenu au bac :")
    if kind == "regime_securite_sociale":
        labels = {"regime_general": "régime général", "regime_agricole": "régime agricole (MSA)"}
        return _one_of(c, person, "regime_securite_sociale", labels, "relever du")
    if kind == "beneficiaires":
        values = [str(v) for v in c.get("values") or []]
        requirement = "s'adresser aux : " + ", ".join(v.lower() for v in values)
        known = person.facts.get("beneficiaire")
        if known is None:
            return Outcome(None, requirement, "beneficiaire")
        return Outcome(str(known) in values, requirement, None)
    if kind in ("any", "all"):
        return _group(kind, c.get("conditions") or [], person)
    return Outcome(None, str(c.get("label") or kind or "condition"), None)


def _group(kind: str, conditions: list[dict], person: Person) -> Outcome:
    parts = [outcome(c, person) for c in conditions]
    joiner = " ou " if kind == "any" else " et "
    requirement = joiner.join(p.requirement for p in parts)
    results = [p.result for p in parts]
    decisive, other = (True, False) if kind == "any" else (False, True)
    if any(r is decisive for r in results):
        return Outcome(decisive, requirement, None)
    if results and all(r is other for r in results):
        return Outcome(other, requirement, None)
    return Outcome(None, requirement, next((p.fact for p in parts if p.result is None and p.fact), None))


def add_read_conditions(records: list, source: str, table: dict) -> None:
    """Add the conditions read by hand in an aid's own text (``data/aids/conditions.json``), in place."""
    for record in records:
        entry = table.get(record.id)
        if not entry or entry.get("source") != source:
            continue
        quote = entry.get("citation")
        record.conditions = record.conditions + [{**c, "citation": quote} for c in entry["conditions"]]


def check(condition: dict, person: Person) -> bool | None:
    """One typed condition; None when it is not about a known fact."""
    return outcome(condition, person).result


def check_all(conditions: Iterable[dict], person: Person) -> bool | None:
    """All conditions: False if one fails, True if all are met, None otherwise."""
    results = [check(c, person) for c in conditions]
    if any(r is False for r in results):
        return False
    if results and all(r is True for r in results):
        return True
    return None


def profile_check(
    profiles: list[str], profile_conditions: dict[str, list[dict]], person: Person
) -> bool | None:
    """An aid limited to some profiles: does the person fit one of them (with its own conditions)?"""
    if not profiles:
        return None
    results = []
    for profile in profiles:
        fits = person.is_(profile)
        own = check_all(profile_conditions[profile], person) if profile_conditions.get(profile) else True
        if fits is False or own is False:
            results.append(False)
        else:
            results.append(True if fits is True and own is True else None)
    if any(r is True for r in results):
        return True
    if all(r is False for r in results):
        return False
    return None


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
