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

_OPERATORS = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "=": operator.eq,
}

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
    "mission_locale": "être inscrit et suivi à la mission locale",
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
    "mission_locale": "mission_locale",
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
        elif op in ("==", "="):
            low = high = int(value)
    return low, high


def age_phrase(low: int | None, high: int | None) -> str:
    """ "16-25 ans", "18 ans et plus", "moins de 26 ans"."""
    if low is not None and high is not None:
        return f"{low} ans" if low == high else f"{low}-{high} ans"
    if low is not None:
        return f"{low} ans et plus"
    return f"moins de {high + 1} ans" if high is not None else "tous âges"


# condition type -> the fact it is about, for the types that compare a number or pick among values
_NUMBERS = {
    "quotient_familial": "quotient familial",
    "revenu_fiscal_par_part": "revenu fiscal de référence par part",
}
_CHOICES = {
    "annee_etude": ("annee_etude", YEARS, "être en"),
    "mention_baccalaureat": ("mention_baccalaureat", _MENTIONS, "avoir obtenu au bac :"),
    "regime_securite_sociale": (
        "regime_securite_sociale",
        {"regime_general": "régime général", "regime_agricole": "régime agricole (MSA)"},
        "relever du",
    ),
}


def _values(c: dict) -> list[str]:
    return [str(v) for v in c.get("values") or c.get("includes") or []]


def _any_status(values: list[str], person: Person) -> bool | None:
    results = [person.is_(v) for v in values]
    if any(r is True for r in results):
        return True
    if results and all(r is False for r in results):
        return False
    return None


def check(c: dict, person: Person) -> bool | None:
    """One typed condition: True (met), False (not met), None (the facts needed are not known)."""
    kind = c.get("type")
    if kind == "age":
        return None if person.age is None else _compare(c.get("operator"), person.age, c.get("value"))
    if kind == "statuts":
        return _any_status(_values(c), person)
    if kind == "not_statuts":
        inside = _any_status(_values(c), person)
        return None if inside is None else not inside
    if kind in _SITUATION_TYPES:
        return person.is_(_SITUATION_TYPES[kind])
    if kind == "statut_occupation_logement" and _values(c) == ["sans_domicile"]:
        return person.is_("sans_domicile")
    if kind in _NUMBERS:
        known = person.facts.get(kind)
        if not isinstance(known, (int, float)) or isinstance(known, bool):
            return None
        return _compare(c.get("operator"), float(known), c.get("value"))
    if kind in ("taux_incapacite", "enfants_eligibles"):
        situation = "situation_handicap" if kind == "taux_incapacite" else "parent"
        return False if person.is_(situation) is False else None
    if kind in _CHOICES or kind in ("beneficiaires", "statut_occupation_logement"):
        fact = (
            _CHOICES[kind][0] if kind in _CHOICES else {"beneficiaires": "beneficiaire"}.get(kind, "logement")
        )
        known = person.facts.get(fact)
        return None if known is None else str(known) in _values(c)
    if kind in ("any", "all"):
        results = [check(x, person) for x in c.get("conditions") or []]
        decisive, other = (True, False) if kind == "any" else (False, True)
        if any(r is decisive for r in results):
            return decisive
        return other if results and all(r is other for r in results) else None
    return None


def fact(c: dict, person: Person) -> str | None:
    """The fact that would settle a condition that cannot be told yet (None: no fact a person can give)."""
    kind = c.get("type")
    if kind == "age":
        return "age"
    if kind in ("statuts", "not_statuts"):
        unknown = [v for v in _values(c) if person.is_(v) is None]
        return "status" if any(v in OCCUPATIONS for v in unknown) else (unknown[0] if unknown else None)
    if kind in _SITUATION_TYPES:
        return _SITUATION_TYPES[kind]
    if kind == "statut_occupation_logement":
        return "sans_domicile" if _values(c) == ["sans_domicile"] else "logement"
    if kind in _NUMBERS or kind == "taux_incapacite":
        return kind
    if kind == "enfants_eligibles":
        return "parent"
    if kind in _CHOICES:
        return _CHOICES[kind][0]
    if kind == "beneficiaires":
        return "beneficiaire"
    if kind in ("any", "all"):
        children = c.get("conditions") or []
        return next((f for x in children if check(x, person) is None and (f := fact(x, person))), None)
    return None


def requirement(c: dict) -> str:
    """What the condition asks, in French ("avoir 16-25 ans", "faire partie des apprentis")."""
    kind = c.get("type")
    if kind == "age":
        return f"avoir {age_phrase(*age_bounds([c]))}"
    if kind == "statuts":
        return "faire partie des " + ", ".join(PLURALS.get(v, v) for v in _values(c))
    if kind == "not_statuts":
        return "ne pas faire partie des " + ", ".join(PLURALS.get(v, v) for v in _values(c))
    if kind in _SITUATION_TYPES:
        return SITUATIONS[_SITUATION_TYPES[kind]]
    if kind == "statut_occupation_logement":
        values = _values(c)
        return (
            SITUATIONS["sans_domicile"] if values == ["sans_domicile"] else "être logé : " + ", ".join(values)
        )
    if kind in _NUMBERS:
        value = c.get("value")
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return f"{_NUMBERS[kind]} sous un plafond ({c.get('label') or 'voir la fiche'})"
        period = _PERIODS.get(str(c.get("period") or "year"), "par an")
        before, after = _BOUND_WORDS.get(c.get("operator"), ("", ""))
        return f"{_NUMBERS[kind]} {before}{euros(value)} {period}{after}"
    if kind == "taux_incapacite":
        value = c.get("value")
        rate = f"{round(100 * value)} %" if isinstance(value, (int, float)) else "fixé"
        return f"avoir un taux d'incapacité d'au moins {rate}"
    if kind == "enfants_eligibles":
        low, high, count = c.get("age_min"), c.get("age_max"), c.get("value") or 1
        ages = f" de {low} à {high} ans" if low is not None and high is not None else ""
        if low is None and high is not None:
            ages = f" de moins de {high + 1} ans"
        return f"avoir au moins {'un enfant' if count == 1 else f'{count} enfants'} à charge{ages}"
    if kind in _CHOICES:
        _, labels, prefix = _CHOICES[kind]
        return prefix + " " + ", ".join(labels.get(v, v.replace("_", " ")) for v in _values(c))
    if kind == "beneficiaires":
        return "s'adresser aux : " + ", ".join(v.lower() for v in _values(c))
    if kind in ("any", "all"):
        joiner = " ou " if kind == "any" else " et "
        return joiner.join(requirement(x) for x in c.get("conditions") or [])
    return str(c.get("label") or kind or "condition")


def outcome(c: dict, person: Person) -> Outcome:
    """One typed condition with its words: the result, what it asks, and the fact that would settle it."""
    result = check(c, person)
    return Outcome(result, requirement(c), fact(c, person) if result is None else None)


def add_read_conditions(records: list, source: str, table: dict) -> None:
    """Add the conditions read by hand in an aid's own text (``data/aids/conditions.json``), in place."""
    for record in records:
        entry = table.get(record.id)
        if not entry or entry.get("source") != source:
            continue
        quote = entry.get("citation")
        record.conditions = record.conditions + [{**c, "citation": quote} for c in entry["conditions"]]


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
