"""Territory referential: communes, EPCI, departments, regions; resolving places named in French text."""

from __future__ import annotations

from functools import lru_cache

from regia.territory.geo import communes_within, distance_km
from regia.territory.place import Place
from regia.territory.referential import Area, Commune, get_referential
from regia.territory.resolver import find_place, locate_place, resolve_place

__all__ = [
    "Area",
    "Commune",
    "Place",
    "communes_of",
    "communes_within",
    "contours",
    "department",
    "distance_km",
    "epci",
    "find_place",
    "get_commune",
    "locate_place",
    "place_of",
    "region",
    "resolve_place",
]


def get_commune(insee: str) -> Commune | None:
    """The commune with this INSEE code, or None."""
    return get_referential().communes.get((insee or "").strip().upper())


def communes_of(kind: str, code: str) -> list[Commune]:
    """Member communes of an EPCI, a department or a region (by INSEE code); [] when unknown."""
    if kind not in ("epci", "department", "region"):
        raise ValueError(f"unknown area kind {kind!r}: expected epci, department or region")
    ref = get_referential()
    return [ref.communes[c] for c in ref.members.get((kind, (code or "").strip().upper()), ())]


def department(code: str) -> Area | None:
    return get_referential().departments.get((code or "").strip().upper())


def region(code: str) -> Area | None:
    return get_referential().regions.get((code or "").strip())


def epci(siren: str) -> Area | None:
    return get_referential().epcis.get((siren or "").strip())


def place_of(kind: str, code: str) -> Place | None:
    """The Place of a known commune (INSEE), EPCI (SIREN), department or region code, or None."""
    from regia.territory.place import make_place

    ref = get_referential()
    table = {"commune": ref.communes, "epci": ref.epcis, "department": ref.departments, "region": ref.regions}
    if code not in table.get(kind, {}):
        return None
    return make_place(ref, kind, code, matched=code)


def contours(kind: str) -> dict:
    """Simplified GeoJSON boundaries of the regions or the departments (``kind`` "region" or "department")."""
    import json

    return json.loads(_contours_text(kind))


@lru_cache(maxsize=2)
def _contours_text(kind: str) -> str:
    from regia.territory.loader import default_folder
    from regia.territory.sources import read_text

    names = {"region": "regions.geojson.gz", "department": "departements.geojson.gz"}
    if kind not in names:
        raise ValueError(f"unknown contour kind {kind!r}: expected region or department")
    return read_text(default_folder() / names[kind])
