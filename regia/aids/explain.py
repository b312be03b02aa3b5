"""Search results that say why each aid fits: the themes it shares with the question, where it applies,
and what the question says of the person (age, status) against its typed conditions. Used by the portal's
search page; every search is logged for steering (no personal data)."""

from __future__ import annotations

from regia.aids.answers import amount_of
from regia.aids.conditions import Person
from regia.aids.eligibility import evaluate, occupation_words, perimeter_label
from regia.aids.search import check_query, get_index, place_of
from regia.aids.steering import log_event, scrub, theme_label
from regia.aids.themes import THEMES, themes_of
from regia.errors import InputError

LEVELS = {
    "national": "nationale",
    "regional": "régionale",
    "departmental": "départementale",
    "intercommunal": "intercommunale",
    "communal": "communale",
}
BENEFICIARIES = (
    "Particuliers",
    "Communes",
    "Intercommunalités / Pays",
    "Départements",
    "Régions",
    "Associations",
    "Entreprises privées",
    "Agriculteurs",
)
PERSON_THEMES = tuple(t for t in THEMES if t != "collectivites")


def _item(meta: dict, rules, verdict, why: list[str]) -> dict:
    return {
        "id": meta["id"],
        "title": meta["title"],
        "institution": meta["institution"],
        "url": meta["url"],
        "level": meta["level"],
        "amount": amount_of(meta),
        "perimeter": perimeter_label(rules),
        "status": verdict.status,
        "why": why,
    }


def check_filters(themes: list[str], beneficiary: str | None, levels: list[str]) -> None:
    for theme in themes:
        if theme not in THEMES:
            raise InputError(f"thème inconnu « {theme[:40]} »", "theme")
    if beneficiary and beneficiary not in BENEFICIARIES:
        raise InputError(f"public inconnu « {beneficiary[:40]} »", "beneficiary")
    for level in levels:
        if level not in LEVELS:
            raise InputError(f"niveau inconnu « {level[:40]} »", "level")


def explained_search(
    query: str | None,
    commune: str | None = None,
    themes: list[str] = (),
    beneficiary: str | None = None,
    levels: list[str] = (),
    top: int = 20,
    channel: str = "portail",
) -> dict:
    """Search (or, without a question, browse the filtered catalogue) and say why each result fits."""
    themes, levels = list(themes), list(levels)
    check_filters(themes, beneficiary, levels)
    text = (query or "").strip()
    if not text and not (themes or beneficiary or levels or commune):
        raise InputError("écrivez ce que vous cherchez ou choisissez un filtre", "query")
    if text:
        text = check_query(text)
    index = get_index()
    place = place_of(text, commune)
    mask = index.mask(themes, beneficiary, levels)
    if text:
        hits, person = index.search(text, place=place, top=top, mask=mask)
        positions = [index.index.position[h.id] for h in hits]
    else:
        allowed = index.allowed(place)
        for extra in (mask, allowed):
            mask = extra if mask is None else (mask if extra is None else mask & extra)
        positions = [i for i in range(index.n) if mask is None or mask[i]]
        order = {"communal": 0, "intercommunal": 1, "departmental": 2, "regional": 3, "national": 4}
        positions.sort(key=lambda i: (order.get(index.meta[i]["level"], 5), index.meta[i]["title"].lower()))
        positions = positions[:top]
        person = Person()
    asked = set(themes_of(text)) | set(themes)
    found = []
    for i in positions:
        meta, rules = index.meta[i], index.rules[i]
        verdict = evaluate(rules, person, place)
        why = [f"thème : {theme_label(t)}" for t in meta["themes"] if t in asked][:2]
        why += verdict.explained() if verdict.status != "ineligible" else verdict.reasons
        found.append(_item(meta, rules, verdict, why))
    event = log_event(
        "search",
        channel,
        scrub(text, place.matched if place is not None else None),
        place.department.code if place is not None and place.department else None,
        sorted(asked),
        results=len(found),
        eligible=sum(f["status"] == "eligible" for f in found[:10]),
    )
    return {
        "query": text,
        "place": place.to_dict() if place is not None else None,
        "person": {"age": person.age, "statuses": sorted(person.statuses)},
        "person_words": ", ".join(
            [f"{person.age} ans"] * (person.age is not None)
            + [w for w in [occupation_words(person.statuses)] if w]
        ),
        "results": found,
        "event": event,
    }


def log_search(outcome, commune: str | None, channel: str) -> int:
    """Log a search made through the API contract (``regia.aids.search.search``); returns the event id."""
    index = get_index()
    place = place_of(outcome.query, commune)
    positions = [index.index.position[r.id] for r in outcome.results]
    eligible = sum(
        evaluate(index.rules[i], outcome.person, place).status == "eligible" for i in positions[:10]
    )
    return log_event(
        "search",
        channel,
        scrub(outcome.query, place.matched if place is not None else None),
        place.department.code if place is not None and place.department else None,
        themes_of(outcome.query),
        results=len(positions),
        eligible=eligible,
    )
