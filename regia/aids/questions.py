"""Choosing the agent's next question: the missing fact that best splits the candidate aids.

For each fact the person has not given (age, status, yes/no situations), every plausible answer is tried on
the candidates whose verdict depends on it: a fact is worth asking when the three aids the person would be
shown change for a fair share of the plausible answers (``MIN_CHANGE``), and the best one is the most likely
to change them (ties: the one that rules out the most relevant aids). A fact that changes nothing is never
asked. The need comes first (nothing can be
ranked without it), then the place as long as local aids are in contention (it decides which exist at all).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from regia.aids.conditions import Person
from regia.aids.eligibility import evaluate

MAX_QUESTIONS = 3  # per need: then the agent answers with what it has
SHOWN = 3  # the answer that a question must be able to change
CONTENTION = 10  # candidates close enough to the top to matter
MIN_CHANGE = 0.1  # a question must change the aids shown for at least this share of the plausible answers

TEXTS = {
    "need": "Que cherchez-vous ? Par exemple : un logement, le permis de conduire, les transports, un vélo, "
    "des études, la santé, un emploi, des vacances…",
    "place": "Dans quelle commune habitez-vous ? (son nom ou son code postal)",
    "place_precise": "Dans quelle commune habitez-vous précisément ? (son nom ou son code postal)",
    "age": "Quel âge avez-vous ?",
    "status": "Quelle est votre situation : collégien, lycéen, étudiant, apprenti, salarié, "
    "demandeur d'emploi, sans activité… ?",
    "situation_handicap": "Êtes-vous en situation de handicap ? (oui / non)",
    "boursier": "Êtes-vous boursier ou boursière ? (oui / non)",
    "beneficiaire_rsa": "Touchez-vous le RSA ? (oui / non)",
    "parent": "Avez-vous un ou des enfants à charge ? (oui / non)",
}
ASKABLE = ("age", "status", "situation_handicap", "boursier", "beneficiaire_rsa", "parent")
PRIORITY = {slot: i for i, slot in enumerate(("need", "place", *ASKABLE))}

# plausible answers and their weights (occupations of people who use such a service)
OCCUPATION_ANSWERS = [
    ({"lyceen"}, 1.5),
    ({"etudiant", "enseignement_superieur"}, 2.0),
    ({"apprenti"}, 1.0),
    ({"salarie"}, 2.0),
    ({"chomeur"}, 1.5),
    ({"inactif"}, 0.7),
    ({"stagiaire"}, 0.5),
    ({"service_civique"}, 0.3),
    ({"independant"}, 0.5),
    ({"collegien"}, 0.5),
    ({"retraite"}, 0.5),
]
YES_SHARE = 0.25  # a yes/no situation is assumed to be the exception


@dataclass
class Question:
    slot: str
    text: str

    def to_dict(self) -> dict:
        return {"slot": self.slot, "text": self.text}


def _ages(candidates) -> list[tuple[int, float]]:
    """Representative ages between the bounds that the candidates' conditions use, with weights."""
    cuts = {14, 71}

    def walk(conditions):
        for c in conditions:
            if c.get("type") == "age" and isinstance(c.get("value"), (int, float)):
                v = int(c["value"])
                cuts.add(v + 1 if c.get("operator") in (">", "<=") else v)
            walk(c.get("conditions") or [])

    for cand in candidates:
        walk(cand.rules.conditions)
        for conditions in cand.rules.profile_conditions.values():
            walk(conditions)
    bounds = sorted(c for c in cuts if 14 <= c <= 71)
    return [(low, float(high - low)) for low, high in zip(bounds, bounds[1:], strict=False)]


def _answers(slot: str, person: Person, candidates) -> list[tuple[Person, float]]:
    if slot == "age":
        return [(replace(person, age=age), weight) for age, weight in _ages(candidates)]
    if slot == "status":
        return [(replace(person, statuses=person.statuses | frozenset(s)), w) for s, w in OCCUPATION_ANSWERS]
    return [
        (replace(person, statuses=person.statuses | {slot}), YES_SHARE),
        (replace(person, not_statuses=person.not_statuses | {slot}), 1 - YES_SHARE),
    ]


def _top(candidates, statuses: dict[int, str], bonus: Callable[[str], float]) -> list[int]:
    kept = [c for c in candidates if statuses.get(c.position, c.verdict.status) != "ineligible"]
    kept.sort(key=lambda c: -(c.score + bonus(statuses.get(c.position, c.verdict.status))))
    return [c.position for c in kept[:SHOWN]]


def split_value(slot: str, candidates, person: Person, place, bonus) -> tuple[float, float]:
    """(probability that the answer changes the top aids, relevance mass it rules out)."""
    dependent = [c for c in candidates if slot in c.verdict.missing]
    if not dependent:
        return 0.0, 0.0
    current = _top(candidates, {}, bonus)
    answers = _answers(slot, person, dependent)
    total = sum(w for _, w in answers) or 1.0
    changed = ruled_out = 0.0
    for answered, weight in answers:
        statuses = {c.position: evaluate(c.rules, answered, place).status for c in dependent}
        if _top(candidates, statuses, bonus) != current:
            changed += weight / total
        ruled_out += weight / total * sum(c.score for c in dependent if statuses[c.position] == "ineligible")
    return changed, ruled_out


def choose(profile, candidates, bonus) -> Question | None:
    """The next question, or None when no missing fact would change the answer."""
    if not profile.need:
        return (
            None
            if "need" in profile.declined and profile.pending == "need"
            else Question("need", TEXTS["need"])
        )
    if len(profile.asked) >= MAX_QUESTIONS:
        return None
    contention = [c for c in candidates if c.verdict.status != "ineligible"][:CONTENTION]
    open_slots = [s for s in ("place", *ASKABLE) if s not in profile.declined and s not in profile.asked]
    if "place" in open_slots and any("place" in c.verdict.missing for c in contention):
        return Question("place", TEXTS["place_precise" if profile.place else "place"])
    person, place = profile.person(), profile.where()
    best, best_key = None, None
    for slot in open_slots:
        if slot == "place" or profile.knows(slot):
            continue
        changed, ruled_out = split_value(slot, contention, person, place, bonus)
        if changed < MIN_CHANGE:
            continue
        key = (changed, ruled_out, -PRIORITY[slot])
        if best_key is None or key > best_key:
            best, best_key = slot, key
    return Question(best, TEXTS[best]) if best else None
