"""Where offers and trainings are: commune, coordinates, department and region, via ``regia.territory``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from regia.errors import InputError
from regia.territory import department as department_area
from regia.territory import get_commune, place_of, region, resolve_place

# France Travail "lieuTravail.libelle" without a commune: "33 - Gironde", "75 - Paris (Dept.)"
DEPARTMENT_LABEL = re.compile(r"^\s*(\d[\dAB]|97\d)\s*-")
# municipal arrondissements (offers use their codes) -> their commune
ARRONDISSEMENTS = (("751", "75056"), ("6938", "69123"), ("132", "13055"))


@dataclass(frozen=True)
class Located:
    label: str = ""
    insee: str | None = None
    lat: float | None = None
    lon: float | None = None
    department: str | None = None
    region: str | None = None


def at_commune(
    insee: str | None, label: str = "", lat: float | None = None, lon: float | None = None
) -> Located:
    """A commune by INSEE code (an arrondissement counts as its commune); the given coordinates win over
    the commune's centroid."""
    commune = get_commune(insee) if insee else None
    if commune is None and insee and len(insee) == 5:
        parent = next((code for prefix, code in ARRONDISSEMENTS if insee.startswith(prefix)), None)
        commune = get_commune(parent) if parent else None
    if commune is None:
        return Located(label=label, lat=lat, lon=lon)
    return Located(
        label=label or commune.name,
        insee=commune.insee,
        lat=lat if lat is not None else commune.lat,
        lon=lon if lon is not None else commune.lon,
        department=commune.department,
        region=commune.region,
    )


def in_department(code: str | None, label: str = "") -> Located:
    """A department only (no commune known): its code and region, no coordinates."""
    place = place_of("department", code) if code else None
    if place is None:
        return Located(label=label)
    return Located(label=label or place.name, department=place.code, region=place.region.code)


def of_offer(lieu: dict | None) -> Located:
    """The place of a France Travail offer (its ``lieuTravail``)."""
    lieu = lieu or {}
    label = str(lieu.get("libelle") or "")
    lat, lon = lieu.get("latitude"), lieu.get("longitude")
    located = at_commune(lieu.get("commune"), label, _float(lat), _float(lon))
    if located.insee:
        return located
    match = DEPARTMENT_LABEL.match(label)
    if match:
        return in_department(match.group(1), label)
    if label and label.strip().lower() != "france":
        try:
            place = resolve_place(label)
        except InputError:
            return Located(label=label)
        if place.kind == "region":
            return Located(label=label, region=place.code)
        if place.kind == "department":
            return in_department(place.code, label)
    return Located(label=label)


def area_name(kind: str, code: str) -> str | None:
    """The name of a region, department or commune, or None when unknown."""
    if kind == "region":
        found = region(code)
        return found.name if found else None
    if kind == "department":
        found = department_area(code)
        return found.name if found else None
    commune = get_commune(code)
    return commune.name if commune else None


def _float(value) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
