"""JSON API of the territory capability, mounted under /api/v1/territory."""

from __future__ import annotations

from dataclasses import asdict
from typing import Literal

from fastapi import APIRouter, Query

from regia.errors import NotFound
from regia.territory.resolver import MAX_PLACE_CHARS

router = APIRouter()


@router.get("/resolve")
def resolve(
    q: str = Query(
        ..., min_length=1, max_length=MAX_PLACE_CHARS, description="A place or a sentence naming one."
    ),
) -> dict:
    """The place named by ``q`` (commune, postal or INSEE code, department, region) with its full chain."""
    from regia.territory import locate_place

    return locate_place(q).to_dict()


@router.get("/communes/{insee}")
def commune(insee: str) -> dict:
    """A commune by INSEE code, with its EPCI, department and region."""
    from regia.territory import place_of

    place = place_of("commune", insee.strip().upper())
    if place is None:
        raise NotFound(f"Aucune commune n'a le code INSEE « {insee} ».", "insee")
    return place.to_dict()


@router.get("/communes")
def communes(
    kind: Literal["department", "region", "epci"] = Query(..., description="Kind of area."),
    code: str = Query(..., min_length=1, max_length=9, description="Code of the area (SIREN for an EPCI)."),
) -> list[dict]:
    """The member communes of a department, a region or an EPCI."""
    from regia.territory import communes_of

    rows = communes_of(kind, code.strip().upper())
    if not rows:
        raise NotFound(f"Aucun territoire de type {kind} n'a le code « {code} ».", "code")
    return [asdict(c) for c in rows]


@router.get("/contours/{kind}")
def contours(kind: Literal["region", "department"]) -> dict:
    """Simplified GeoJSON boundaries of the regions or the departments."""
    from regia.territory import contours as read_contours

    return read_contours(kind)
