"""Perimeters of aids, built from what the sources say (the search tests them against a place).

Sources describe where an aid applies in many ways (an institution's territory, lists of codes, EPCI
names, logical formulas). Everything is reduced to a :class:`Zone` (a union of areas minus excluded
areas) through the territory referential, so that intersections are exact: a commune list inside a
region stays a commune list, an EPCI that straddles two departments is cut to its communes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from regia import territory
from regia.aids.models import Perimeter
from regia.errors import NotFound
from regia.text import fold

Area = tuple[str, str]  # (kind, code), kind in region / department / epci / commune
_COARSE = {"region": 0, "department": 1, "epci": 2, "commune": 3}


@lru_cache(maxsize=4096)
def communes_in(kind: str, code: str) -> frozenset[str]:
    """INSEE codes of the communes of an area (empty when the code is unknown)."""
    if kind == "commune":
        return frozenset([code]) if territory.get_commune(code) is not None else frozenset()
    return frozenset(c.insee for c in territory.communes_of(kind, code))


def known(area: Area) -> bool:
    return bool(communes_in(*area))


@dataclass
class Zone:
    """Union of ``areas`` minus ``excluded`` (the whole country is written ``None``, not a Zone)."""

    areas: list[Area] = field(default_factory=list)
    excluded: list[Area] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def intersect(a: Zone | None, b: Zone | None) -> Zone | None:
    """Intersection of two zones; ``None`` stands for the whole country."""
    if a is None:
        return b
    if b is None:
        return a
    out: list[Area] = []
    for x in a.areas:
        for y in b.areas:
            cx, cy = communes_in(*x), communes_in(*y)
            common = cx & cy
            if not common:
                continue
            if common == cy:
                out.append(y)
            elif common == cx:
                out.append(x)
            else:  # partial overlap: keep the shared communes
                out.extend(("commune", c) for c in sorted(common))
    return Zone(_dedupe(out), _dedupe(a.excluded + b.excluded), a.notes + b.notes)


def union(zones: list[Zone | None]) -> Zone | None:
    if any(z is None for z in zones):
        return None
    out = Zone()
    for z in zones:
        out.areas += z.areas
        out.excluded += z.excluded
        out.notes += z.notes
    out.areas = _dedupe(out.areas)
    return out


def _dedupe(areas: list[Area]) -> list[Area]:
    return list(dict.fromkeys(areas))


def drop_strays(areas: list[Area]) -> tuple[list[Area], list[str]]:
    """Remove a lone commune of another department from a long commune list (a known source slip:
    carpooling lists of Savoie or Sarthe that contain 62001). Narrowing is always the safe side."""
    communes = [code for kind, code in areas if kind == "commune"]
    if len(communes) < 10:
        return areas, []
    by_department: dict[str, list[str]] = {}
    for code in communes:
        c = territory.get_commune(code)
        by_department.setdefault(c.department if c else "?", []).append(code)
    main = max(by_department.values(), key=len)
    if len(main) < 0.9 * len(communes):
        return areas, []
    strays = {codes[0] for codes in by_department.values() if len(codes) == 1 and codes is not main}
    if not strays:
        return areas, []
    note = f"commune(s) isolée(s) hors du territoire principal retirée(s) : {', '.join(sorted(strays))}"
    return [a for a in areas if not (a[0] == "commune" and a[1] in strays)], [note]


def to_perimeter(zone: Zone | None, note: str | None = None) -> Perimeter:
    """The stored form of a zone: explicit lists, national, or undetermined when nothing is left."""
    notes = ([note] if note else []) + (zone.notes if zone else [])
    if zone is None:
        return Perimeter(national=True, note="; ".join(notes) or None)
    unknown = [a for a in zone.areas if not known(a)]
    areas, strays = drop_strays([a for a in zone.areas if known(a)])
    notes += strays
    if unknown:
        notes.append("codes inconnus ignorés : " + ", ".join(f"{k} {c}" for k, c in unknown))
    if not areas:
        return Perimeter(determined=False, note="; ".join(notes) or "périmètre inconnu")
    lists: dict[str, list[str]] = {"region": [], "department": [], "epci": [], "commune": []}
    for kind, code in sorted(areas, key=lambda a: (_COARSE[a[0]], a[1])):
        lists[kind].append(code)
    excluded = [a for a in zone.excluded if known(a)]
    return Perimeter(
        regions=lists["region"],
        departments=lists["department"],
        epcis=lists["epci"],
        communes=lists["commune"],
        excluded_epcis=[c for k, c in excluded if k == "epci"],
        excluded_communes=[c for k, c in excluded if k == "commune"]
        + [c for k, code in excluded if k in ("region", "department") for c in sorted(communes_in(k, code))],
        note="; ".join(notes) or None,
    )


def epci_by_name(name: str) -> str | None:
    """SIREN of the EPCI whose official name is ``name`` (accents and case ignored), else None."""
    try:
        place = territory.resolve_place(name)
    except NotFound:
        return None
    if place.kind == "epci" and fold(place.name) == fold(name):
        return place.code
    return None


def commune_of_postcode(postcode: str) -> str | None:
    """The main commune of a postal code (its most populated one)."""
    try:
        place = territory.resolve_place(postcode)
    except NotFound:
        return None
    return place.commune.insee if place.commune else None


def from_perimeter(perimeter: Perimeter) -> Zone | None:
    if perimeter.national:
        return None
    areas = [(kind, code) for kind, codes in perimeter.included().items() for code in codes]
    excluded = [(kind, code) for kind, codes in perimeter.excluded().items() for code in codes]
    return Zone(areas, excluded, [perimeter.note] if perimeter.note else [])


def apply_corrections(records: list, source: str, corrections: dict) -> None:
    """Narrow the perimeters listed in ``corrections`` (aid id -> areas and reason), in place."""
    for record in records:
        fix = corrections.get(record.id)
        if not fix or fix.get("source") != source or not record.perimeter.determined:
            continue
        kinds = {"regions": "region", "departments": "department", "epcis": "epci", "communes": "commune"}
        narrowing = Zone([(kinds[k], code) for k in kinds for code in fix.get(k, [])])
        zone = intersect(from_perimeter(record.perimeter), narrowing)
        record.perimeter = to_perimeter(zone, note=f"corrigé : {fix['reason']}")
