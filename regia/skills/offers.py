"""Job offers in the France Travail "offres v2" JSON shape: validation, place, held-out split."""

from __future__ import annotations

import hashlib
import re

from regia.skills.places import of_offer

TEST_SHARE = 3  # tenths of the offers held out for evaluation, never used to learn anything
_NOT_WORD = re.compile(r"\W+")


def split_of(description: str) -> str:
    """ "train" or "test", from a hash of the description: re-posted copies of one offer (same text,
    other id) always fall on the same side, so the held-out figures are not inflated by duplicates."""
    key = _NOT_WORD.sub("", (description or "").lower())[:2000]
    return "test" if int(hashlib.sha1(key.encode()).hexdigest(), 16) % 10 < TEST_SHARE else "train"


def tagged_items(offer: dict) -> list[str]:
    """The ROME item codes the recruiter tagged (``competences[].code``)."""
    return [str(c["code"]) for c in offer.get("competences") or [] if isinstance(c, dict) and c.get("code")]


def offer_row(offer: dict) -> dict:
    """The ``skills_offers`` row of a real offer."""
    place = of_offer(offer.get("lieuTravail"))
    description = str(offer.get("description") or "")
    return {
        "id": str(offer["id"]),
        "title": str(offer.get("intitule") or "")[:300],
        "description": description,
        "created": str(offer.get("dateCreation") or "")[:10],
        "place": place.label[:200],
        "insee": place.insee,
        "lat": place.lat,
        "lon": place.lon,
        "department": place.department,
        "region": place.region,
        "rome": str(offer.get("romeCode") or ""),
        "contract": str(offer.get("typeContratLibelle") or offer.get("typeContrat") or "")[:60],
        "working_time": str(offer.get("dureeTravailLibelleConverti") or "")[:60],
        "tagged": " ".join(tagged_items(offer)),
        "split": split_of(description),
        "source": str(offer.get("_source") or "")[:200],
    }
