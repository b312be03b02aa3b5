""" "Pourquoi pas cette aide ?": the verdict of one aid for what a person says (or what a conversation
knows), with the reasons in French. Shared by the CLI (`regia aids why`), the API and the portal."""

from __future__ import annotations

from regia.aids import sessions
from regia.aids.answers import amount_of
from regia.aids.catalogue import get_aid
from regia.aids.eligibility import Rules, evaluate, perimeter_label
from regia.aids.profile import Profile
from regia.aids.search import place_of
from regia.aids.understanding import Reading, read
from regia.errors import InputError

LABELS = {
    "eligible": "d'après ce que vous avez indiqué, vous y avez droit",
    "ineligible": "cette aide n'est pas pour vous",
    "unknown": "il manque des informations pour le dire",
}


def profile_for(
    age: int | None = None, commune: str | None = None, status: str | None = None, session: str | None = None
) -> Profile:
    """The profile of a conversation (``session``), completed or corrected by the values given."""
    profile = Profile.from_dict(sessions.load(session)[0]) if session else Profile()
    if age is not None:
        if not 0 < age < 130:
            raise InputError("âge invalide : donnez un nombre d'années entre 1 et 129", "age")
        profile.age = age
    if commune:
        profile.apply(Reading(place=place_of("", commune)))
    if status:
        if len(status) > 200:
            raise InputError("situation trop longue (200 caractères au plus)", "status")
        reading = read(status, "status")
        if not (reading.statuses or reading.not_statuses):
            raise InputError(
                f"situation non reconnue « {status[:60]} » : par exemple étudiant, apprenti, salarié, "
                "demandeur d'emploi, lycéen",
                "status",
            )
        profile.apply(reading)
    return profile


def verdict_for(
    aid_id: str,
    age: int | None = None,
    commune: str | None = None,
    status: str | None = None,
    session: str | None = None,
    profile: Profile | None = None,
) -> dict:
    aid = get_aid(aid_id)
    profile = profile or profile_for(age, commune, status, session)
    rules = Rules.from_record(aid)
    verdict = evaluate(rules, profile.person(), profile.where())
    meta = {
        "amount": aid.amount,
        "amount_unit": aid.amount_unit,
        "amount_text": aid.amount_text,
        "periodicity": aid.periodicity,
        "source": aid.source,
    }
    return {
        "id": aid.id,
        "title": aid.title,
        "institution": aid.institution,
        "url": aid.url or "",
        "amount": amount_of(meta),
        "perimeter": perimeter_label(rules),
        "status": verdict.status,
        "label": LABELS[verdict.status],
        "reasons": verdict.explained(),
        "missing": sorted(verdict.missing),
        "profile": profile.public(),
    }
