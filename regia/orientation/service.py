"""Orientation end to end: CV file and answers in, occupations, job offers and trainings out.

Everything happens in memory; nothing is stored unless the answers say ``save``, and nothing of the CV
or the answers is logged.
"""

from __future__ import annotations

import re
from collections import Counter

import regia.skills as skills
from regia.errors import InputError
from regia.orientation.cv import CV, parse_cv
from regia.orientation.matching import rank_occupations
from regia.orientation.profiles import save_profile
from regia.orientation.questionnaire import CONTRACTS, Answers
from regia.orientation.reading import Document, read_cv
from regia.territory import Place, distance_km, resolve_place
from regia.text import fold, lemma_tokens
from regia.text.embeddings import ephemeral

TOP_OCCUPATIONS = 10
OCCUPATIONS_FOR_OFFERS = 5
MAX_OFFERS = 20
MAX_TRAININGS = 20
MAX_SKILLS = 30


def orient(data: bytes, answers: Answers) -> dict:
    """The orientation of the person whose CV file is ``data``."""
    document = read_cv(data)
    return orient_text(document.text, answers, document)


def orient_text(text: str, answers: Answers, document: Document | None = None) -> dict:
    place = locate(answers.commune)
    cv = parse_cv(text)
    with ephemeral():  # the CV's lines are embedded for the searches, never cached on disk
        extracted = skills.extract_text(cv.text, top_occupations=10, max_skills=MAX_SKILLS)
        person = person_skills(cv, extracted)
        occupations = rank_occupations(cv, answers, extracted, {s["code"] for s in person}, k=TOP_OCCUPATIONS)
    result = {
        "skills": person,
        "occupations": occupations,
        "offers": nearby_offers(occupations, place, answers),
        "trainings": trainings(occupations, place, answers, cv),
        "place": _place_dict(place),
        "radius_km": answers.radius_km,
        "cv": cv.to_dict(),
        "document": {"kind": document.kind, "pages": document.pages, "ocr": document.ocr}
        if document
        else None,
        "notes": notes(place, cv, answers),
    }
    if answers.save:
        kept = {k: v for k, v in result.items() if k != "document"}
        result["profile"] = save_profile({"answers": answers.model_dump(exclude={"save"}), **kept})
    return result


def locate(commune: str | None) -> Place | None:
    """The person's commune (name, postal code or INSEE code), or None when not given."""
    if not commune:
        return None
    try:
        place = resolve_place(commune)
    except InputError as exc:
        raise InputError(exc.message, "commune", status_code=exc.status_code) from None
    if place.commune is None:
        raise InputError(
            f"« {commune} » désigne un territoire, pas une commune : "
            "indiquez votre commune ou son code postal.",
            "commune",
        )
    return place


def person_skills(cv: CV, extracted: dict) -> list[dict]:
    """The skills the CV evidences, each with the CV line that shows it."""
    out, seen = [], set()
    for skill in extracted.get("skills", []):
        if skill.get("source") != "text" or not skill.get("evidence") or skill["code"] in seen:
            continue
        seen.add(skill["code"])
        line = cv.line_of(skill["evidence"]) or skill["evidence"]
        out.append(
            {"code": skill["code"], "label": skill["label"], "evidence": line, "kind": skill.get("kind")}
        )
    return out


def nearby_offers(occupations: list[dict], place: Place | None, answers: Answers) -> list[dict]:
    """Real offers for the best occupations within the person's radius, respecting their wishes."""
    if place is None or not occupations:
        return []
    lat, lon = place.commune.lat, place.commune.lon
    labels = {o["code"]: o["label"] for o in occupations}
    codes = [o["code"] for o in occupations[:OCCUPATIONS_FOR_OFFERS]]
    out = []
    for offer in skills.offers_near(codes, lat, lon, answers.radius_km, limit=MAX_OFFERS * 3):
        distance = (
            distance_km(lat, lon, offer["lat"], offer["lon"])
            if offer.get("lat") is not None and offer.get("lon") is not None
            else offer.get("distance_km")
        )
        if distance is None or distance > answers.radius_km or not _wished(offer, answers):
            continue
        out.append(
            {
                "id": str(offer["id"]),
                "title": offer["title"],
                "commune": offer.get("commune") or "",
                "distance_km": round(distance, 1),
                "rome": offer["rome"],
                "lat": offer.get("lat"),
                "lon": offer.get("lon"),
                "contract": offer.get("contract"),
                "working_time": offer.get("working_time"),
                "why": f"Offre de « {labels.get(offer['rome'], offer['rome'])} », "
                + (f"à {distance:.0f} km de {place.name}." if distance >= 1 else f"à {place.name}."),
            }
        )
    out.sort(key=lambda o: (codes.index(o["rome"]) if o["rome"] in codes else 99, o["distance_km"]))
    return out[:MAX_OFFERS]


def _wished(offer: dict, answers: Answers) -> bool:
    """Whether an offer fits the contract and working-time wishes (no wish: every offer fits)."""
    contract = (offer.get("contract") or "").upper()
    if answers.contracts and contract:
        names = {CONTRACTS[c].upper() for c in answers.contracts} | set(answers.contracts)
        if not any(n in contract for n in names):
            return False
    working = (offer.get("working_time") or "").lower()
    return not (answers.working_time and working and answers.working_time not in working)


def trainings(occupations: list[dict], place: Place | None, answers: Answers, cv: CV) -> list[dict]:
    """Trainings that teach the skills missing for the best occupations, within the constraints."""
    if not occupations:
        return []
    missing: list[str] = []
    for occupation in occupations[:OCCUPATIONS_FOR_OFFERS]:
        missing += [c for c in occupation.get("missing_codes", []) if c not in missing]
    codes = [o["code"] for o in occupations[:OCCUPATIONS_FOR_OFFERS]]
    lat, lon, radius = (None, None, None)
    if place is not None:
        lat, lon, radius = place.commune.lat, place.commune.lon, answers.radius_km
    found = skills.trainings_for(
        missing[:40],
        codes,
        lat,
        lon,
        radius,
        max_duration_years=answers.max_training_years,
        limit=MAX_TRAININGS * 2,
    )
    level = answers.education_level or cv.education_level
    held = [set(lemma_tokens(d.title)) for d in cv.diplomas]
    out, per_title = [], Counter()
    for training in found:
        distance = training.get("distance_km")
        if place is not None and distance is not None and distance > answers.radius_km:
            continue
        if level and (training_level := _level(training.get("level"))) and training_level > level + 2:
            continue
        title = set(lemma_tokens(training["title"]))
        if any(title <= diploma for diploma in held) or per_title[fold(training["title"])] >= 2:
            continue  # a diploma the person holds, or a third school for the same diploma
        per_title[fold(training["title"])] += 1
        out.append(
            {
                "id": str(training["id"]),
                "title": training["title"],
                "place": training.get("place") or "",
                "distance_km": None if distance is None else round(distance, 1),
                "level": training.get("level"),
                "covers": list(training.get("covers") or []),
                "duration_years": training.get("duration_years"),
                "kind": training.get("kind"),
                "why": training.get("why"),
            }
        )
    if "ALT" in answers.contracts or (answers.age or 99) < 30:
        # apprenticeship is open to people under 30 (and asked for): those trainings first
        out.sort(key=lambda t: "apprentissage" not in fold(t.get("kind") or ""))
    return out[:MAX_TRAININGS]


def _level(value) -> int | None:
    match = re.search(r"[2-8]", str(value or ""))
    return int(match.group(0)) if match else None


def _place_dict(place: Place | None) -> dict | None:
    if place is None:
        return None
    return {"insee": place.commune.insee, "name": place.name, "guessed": place.guessed, "note": place.note}


def notes(place: Place | None, cv: CV, answers: Answers) -> list[str]:
    """What the person should know about the results (French)."""
    out = []
    if place is None:
        out.append(
            "Indiquez votre commune pour voir les offres d'emploi et les formations proches de chez vous."
        )
    elif place.note:
        out.append(place.note)
    if place is not None and answers.vehicle is False:
        out.append(
            "Sans véhicule personnel : les distances sont à vol d'oiseau, vérifiez l'accès en transports en "
            "commun ou réduisez la distance maximale."
        )
    if not cv.experiences:
        out.append(
            "Aucune expérience datée n'a été reconnue dans le CV : "
            "les métiers proposés en tiennent moins compte."
        )
    return out
