"""A resolved place: a commune or an area, with its full chain commune -> EPCI -> department -> region."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from regia.territory.referential import Area, Commune, Referential, get_referential

PlaceKind = Literal["commune", "epci", "department", "region"]


@dataclass(frozen=True)
class Place:
    kind: PlaceKind
    code: str  # INSEE code, SIREN, department or region code
    name: str
    commune: Commune | None
    epci: Area | None
    department: Area | None
    region: Area | None
    guessed: bool  # a homonym or a fuzzy match was chosen without certainty
    matched: str  # the span of the input text that named the place
    note: str | None = None  # French explanation when guessed

    def to_dict(self) -> dict:
        commune = self.commune
        return {
            "insee": commune.insee if commune else None,
            "name": self.name,
            "department": self.department.code if self.department else None,
            "region": self.region.code if self.region else None,
            "guessed": self.guessed,
            "kind": self.kind,
            "code": self.code,
            "department_name": self.department.name if self.department else None,
            "region_name": self.region.name if self.region else None,
            "epci": {"code": self.epci.code, "name": self.epci.name} if self.epci else None,
            "lat": commune.lat if commune else None,
            "lon": commune.lon if commune else None,
            "postcodes": list(commune.postcodes) if commune else [],
            "population": commune.population if commune else None,
            "matched": self.matched,
            "note": self.note,
        }

    def commune_codes(self) -> tuple[str, ...]:
        """INSEE codes of the communes this place covers."""
        if self.commune:
            return (self.commune.insee,)
        return get_referential().members.get((self.kind, self.code), ())

    def within(
        self,
        *,
        regions: Iterable[str] = (),
        departments: Iterable[str] = (),
        epcis: Iterable[str] = (),
        communes: Iterable[str] = (),
    ) -> bool | None:
        """True if this place lies inside the union of the given areas, False if it lies outside,
        None if it cannot be told (the place is coarser than the perimeter, e.g. a department
        against a list of communes that covers part of it)."""
        regions, departments, epcis, communes = set(regions), set(departments), set(epcis), set(communes)
        if self.region and self.region.code in regions:
            return True
        if self.department and self.department.code in departments:
            return True
        if self.kind == "epci" and self.code in epcis:
            return True
        ref = get_referential()

        def inside(c: Commune) -> bool:
            return (
                c.insee in communes or c.epci in epcis or c.department in departments or c.region in regions
            )

        if self.commune:
            return inside(self.commune)
        found = {inside(ref.communes[code]) for code in self.commune_codes()}
        if found == {True}:
            return True
        if True in found:
            return None
        return False


def make_place(
    ref: Referential,
    kind: PlaceKind,
    code: str,
    matched: str,
    guessed: bool = False,
    note: str | None = None,
) -> Place:
    """The place of that kind and code, with its chain filled from the referential."""
    if kind == "commune":
        c = ref.communes[code]
        return Place(
            kind="commune",
            code=code,
            name=c.name,
            commune=c,
            epci=ref.epcis.get(c.epci) if c.epci else None,
            department=ref.departments.get(c.department),
            region=ref.regions.get(c.region),
            guessed=guessed,
            matched=matched,
            note=note,
        )
    if kind == "department":
        return Place(
            kind="department",
            code=code,
            name=ref.departments[code].name,
            commune=None,
            epci=None,
            department=ref.departments[code],
            region=ref.regions.get(ref.department_region[code]),
            guessed=guessed,
            matched=matched,
            note=note,
        )
    if kind == "region":
        area = ref.regions[code]
        return Place("region", code, area.name, None, None, None, area, guessed, matched, note)
    # an EPCI: its department and region when all its members share them
    members = [ref.communes[c] for c in ref.members.get(("epci", code), ())]
    depts = {c.department for c in members}
    regions = {c.region for c in members}
    return Place(
        kind="epci",
        code=code,
        name=ref.epcis[code].name,
        commune=None,
        epci=ref.epcis[code],
        department=ref.departments.get(depts.pop()) if len(depts) == 1 else None,
        region=ref.regions.get(regions.pop()) if len(regions) == 1 else None,
        guessed=guessed,
        matched=matched,
        note=note,
    )
