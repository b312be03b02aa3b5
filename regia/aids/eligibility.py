"""The eligibility engine: an aid's perimeter and typed conditions against a partial profile.

Each aid comes out ``eligible`` (every typed condition is met), ``ineligible`` (one is not, with the reasons
in French: "réservée aux 16-25 ans", "réservée aux habitants de Rennes Métropole") or ``unknown`` (nothing
fails, but some facts are missing: which ones, and what the aid asks). Free-text conditions that no source
types stay to be checked on the official sheet; they never make an aid ineligible.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from regia import territory
from regia.aids.conditions import (
    OCCUPATIONS,
    PLURALS,
    SITUATIONS,
    Person,
    age_bounds,
    age_phrase,
    check_all,
    outcome,
    requirement,
)

KINDS = ("region", "department", "epci", "commune")
OCCUPATION_WORDS = {
    "collegien": "collégien",
    "lyceen": "lycéen",
    "etudiant": "étudiant",
    "enseignement_superieur": "étudiant",
    "apprenti": "apprenti",
    "professionnalisation": "alternant",
    "stagiaire": "stagiaire",
    "service_civique": "service civique",
    "chomeur": "demandeur d'emploi",
    "salarie": "salarié",
    "independant": "indépendant",
    "inactif": "sans activité",
    "retraite": "retraité",
}
# what a missing fact is called when the person is told what to say
FACT_LABELS = {
    "age": "votre âge",
    "place": "votre commune",
    "status": "votre situation (études, emploi…)",
    "perimeter": "le territoire de l'aide (non précisé par la source)",
}


@dataclass(frozen=True)
class Rules:
    """What decides eligibility for one aid, from the index metadata or a full record."""

    id: str
    national: bool
    determined: bool
    include: dict[str, frozenset[str]]
    exclude: dict[str, frozenset[str]]
    profiles: tuple[str, ...]
    conditions: tuple[dict, ...]
    profile_conditions: dict[str, list[dict]]

    @classmethod
    def from_meta(cls, meta: dict) -> Rules:
        return cls(
            id=meta["id"],
            national=meta["national"],
            determined=meta["determined"],
            include={k: frozenset(v) for k, v in meta["include"].items()},
            exclude={k: frozenset(v) for k, v in meta["exclude"].items()},
            profiles=tuple(meta["profiles"]),
            conditions=tuple(meta["conditions"]),
            profile_conditions=meta["profile_conditions"],
        )

    @classmethod
    def from_record(cls, aid) -> Rules:
        p = aid.perimeter
        return cls(
            id=aid.id,
            national=p.national,
            determined=p.determined,
            include={k: frozenset(v) for k, v in p.included().items() if v},
            exclude={k: frozenset(v) for k, v in p.excluded().items() if v},
            profiles=tuple(aid.profiles),
            conditions=tuple(aid.conditions),
            profile_conditions=aid.profile_conditions,
        )


@dataclass
class Verdict:
    status: str  # eligible, ineligible, unknown
    reasons: list[str] = field(default_factory=list)  # why not (ineligible)
    fits: list[str] = field(default_factory=list)  # what the person meets
    missing: dict[str, str] = field(default_factory=dict)  # fact -> what the aid asks about it

    def explained(self) -> list[str]:
        """The French sentences shown with the aid: why not, or what fits and what is still to check."""
        if self.status == "ineligible":
            return list(self.reasons)
        return self.fits + [f"À préciser : {label}" for label in self.missing.values()]


# --- geography -------------------------------------------------------------------------------------


def covers(rules: Rules, place) -> bool | None:
    """Is ``place`` (a territory Place, or None) inside the aid's perimeter? None: cannot tell."""
    if not rules.determined:
        return None
    if rules.national:
        return True
    if place is None:
        return None
    if place.commune is not None:
        c = place.commune
        chain = {"region": c.region, "department": c.department, "epci": c.epci, "commune": c.insee}
        if any(chain[k] in codes for k, codes in rules.exclude.items() if chain.get(k)):
            return False
        return any(chain[k] in rules.include.get(k, ()) for k in KINDS if chain[k])
    inside = place.within(**{f"{k}s": rules.include.get(k, ()) for k in KINDS})
    if inside is True and rules.exclude:
        excluded = place.within(
            epcis=rules.exclude.get("epci", ()), communes=rules.exclude.get("commune", ())
        )
        if excluded is not False:
            return False if excluded is True else None
    return inside


def _of(name: str) -> str:
    """French "de" before a name: "de Vannes", "du Mans", "de la Métropole de Lyon"."""
    head = name.split(" ", 1)[0].lower()
    if head == "le":
        return "du " + name[3:]
    if head == "les":
        return "des " + name[4:]
    if head in ("métropole", "communauté", "eurométropole", "agglomération", "ca", "cc", "cu"):
        return "de la " + name
    return "de " + name


@lru_cache(maxsize=4096)
def _area_name(kind: str, code: str) -> str:
    if kind == "region":
        area = territory.region(code)
        return f"la région {area.name}" if area else f"la région {code}"
    if kind == "department":
        area = territory.department(code)
        return f"le département {area.name} ({code})" if area else f"le département {code}"
    if kind == "epci":
        area = territory.epci(code)
        return area.name if area else f"l'intercommunalité {code}"
    commune = territory.get_commune(code)
    return commune.name if commune else code


def perimeter_label(rules: Rules, limit: int = 3) -> str:
    """Where the aid applies, in French: "Rennes Métropole", "la région Bretagne", "12 communes (...)"."""
    if not rules.determined:
        return "territoire non précisé par la source"
    if rules.national:
        return "toute la France"
    names = [_area_name(k, c) for k in KINDS for c in sorted(rules.include.get(k, ()))]
    if len(names) > limit:
        return f"{', '.join(names[:limit])} et {len(names) - limit} autre(s) territoire(s)"
    return ", ".join(names)


def residents_of(rules: Rules) -> str:
    """ "réservée aux habitants de la Métropole de Lyon" (named by the first area of the perimeter)."""
    areas = [(k, c) for k in KINDS for c in sorted(rules.include.get(k, ()))]
    if not areas:
        return "réservée aux habitants d'un autre territoire"
    kind, code = areas[0]
    name = _area_name(kind, code)
    phrase = {"region": "de " + name, "department": "du " + name.removeprefix("le ")}.get(kind) or _of(name)
    more = f" (et de {len(areas) - 1} autre(s) territoire(s))" if len(areas) > 1 else ""
    return f"réservée aux habitants {phrase}{more}"


# --- people ----------------------------------------------------------------------------------------


def _you(person: Person) -> str:
    said = occupation_words(person.statuses)
    return f" (vous avez indiqué : {said})" if said else ""


def occupation_words(statuses) -> str:
    """ "étudiant", "apprenti, salarié": the person's occupations in short words."""
    return ", ".join(dict.fromkeys(OCCUPATION_WORDS[s] for s in sorted(statuses) if s in OCCUPATION_WORDS))


def _names(values) -> str:
    """Who an aid is for, at most four groups named."""
    names = list(dict.fromkeys(PLURALS.get(v, v) for v in values))
    return ", ".join(names[:4]) + (", …" if len(names) > 4 else "")


def _profiles(rules: Rules, person: Person, verdict: Verdict) -> None:
    if not rules.profiles:
        return
    names = _names(rules.profiles)
    results = []
    for profile in rules.profiles:
        fits = person.is_(profile)
        own = rules.profile_conditions.get(profile) or []
        met = check_all(own, person) if own else True
        results.append((profile, fits, met))
    if any(fits is True and met is True for _, fits, met in results):
        verdict.fits.append(f"pour les {names} : c'est votre cas")
        return
    if all(fits is False or met is False for _, fits, met in results):
        own_fail = [p for p, fits, met in results if fits is True and met is False]
        if own_fail:
            p = own_fail[0]
            needs = " et ".join(outcome(c, person).requirement for c in rules.profile_conditions[p])
            verdict.reasons.append(f"pour les {PLURALS.get(p, p)}, il faut {needs}")
        else:
            verdict.reasons.append(f"réservée aux {names}{_you(person)}")
        return
    occupation_unknown = any(fits is None and p in OCCUPATIONS for p, fits, _ in results)
    for profile, fits, met in results:
        if fits is None and profile in OCCUPATIONS:
            verdict.missing.setdefault("status", f"{FACT_LABELS['status']} : aide pour les {names}")
        elif fits is None and not occupation_unknown:  # a situation matters once the occupation is known
            verdict.missing.setdefault(profile, SITUATIONS.get(profile, PLURALS.get(profile, profile)))
        elif met is None:
            for c in rules.profile_conditions.get(profile) or []:
                o = outcome(c, person)
                if o.result is None and o.fact:
                    verdict.missing.setdefault(o.fact, _fact_label(o.fact, o.requirement))


def _fact_label(fact: str, requirement: str) -> str:
    base = FACT_LABELS.get(fact)
    return f"{base} ({requirement})" if base else requirement


def _conditions(rules: Rules, person: Person, verdict: Verdict) -> None:
    ages = [c for c in rules.conditions if c.get("type") == "age"]
    if ages:
        phrase = age_phrase(*age_bounds(ages))
        met = check_all(ages, person)
        if met is True:
            verdict.fits.append(f"pour les {phrase} : c'est votre cas")
        elif met is False:
            verdict.reasons.append(f"réservée aux {phrase} (vous avez {person.age} ans)")
        else:
            verdict.missing.setdefault("age", f"votre âge (aide pour les {phrase})")
    for c in rules.conditions:
        if c.get("type") == "age":
            continue
        o = outcome(c, person)
        if o.result is True:
            verdict.fits.append(o.requirement)
        elif o.result is False:
            if c.get("type") == "statuts":
                verdict.reasons.append(f"réservée aux {_names(c.get('values') or [])}{_you(person)}")
            else:
                verdict.reasons.append(f"condition non remplie : {o.requirement}")
        else:  # a fact nobody asks (quotient familial...) or one only the official sheet can settle
            key = o.fact or f"fiche:{o.requirement}"
            verdict.missing.setdefault(key, _fact_label(key, o.requirement))


def requirements(rules: Rules) -> list[str]:
    """Every typed condition of the aid in French, the age bounds as one ("avoir 18-24 ans")."""
    ages = [c for c in rules.conditions if c.get("type") == "age"]
    out = [f"avoir {age_phrase(*age_bounds(ages))}"] if ages else []
    out += [requirement(c) for c in rules.conditions if c.get("type") != "age"]
    if rules.profiles:
        out.append(f"faire partie des {_names(rules.profiles)}")
    return out


def evaluate(rules: Rules, person: Person, place=None) -> Verdict:
    """The verdict for one aid, given what is known of the person and where they live."""
    verdict = Verdict("unknown")
    inside = covers(rules, place)
    if inside is True:
        verdict.fits.append("aide nationale" if rules.national else f"disponible à {place.name}")
    elif inside is False:
        verdict.reasons.append(residents_of(rules))
    elif not rules.determined:
        verdict.missing["perimeter"] = FACT_LABELS["perimeter"]
    elif place is None:
        verdict.missing["place"] = f"votre commune (aide réservée à : {perimeter_label(rules)})"
    else:
        verdict.missing["place"] = f"votre commune précise (aide réservée à : {perimeter_label(rules)})"
    _conditions(rules, person, verdict)
    _profiles(rules, person, verdict)
    if verdict.reasons:
        verdict.status = "ineligible"
    elif not verdict.missing:
        verdict.status = "eligible"
    return verdict


def evaluate_many(rules: Iterable[Rules], person: Person, place=None) -> list[Verdict]:
    return [evaluate(r, person, place) for r in rules]
