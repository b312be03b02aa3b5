"""The in-memory referential: communes, EPCI, departments and regions with the lookup tables the
resolver needs. Built once per process (and per database) from the ``territory_*`` tables, or from the
bundled files while the database is not loaded yet."""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

import numpy as np

from regia.territory.names import LINK_WORDS, name_key, split_article

AreaKind = Literal["epci", "department", "region"]

# Region names people use besides the official ones (acronyms, the pre-2016 regions).
REGION_ALIASES = {
    "PACA": "93",
    "Région Sud": "93",
    "IDF": "11",
    "AURA": "84",
    "Centre": "24",
}
FORMER_REGIONS = {
    "Alsace": "44",
    "Aquitaine": "75",
    "Auvergne": "84",
    "Basse-Normandie": "28",
    "Bourgogne": "27",
    "Champagne-Ardenne": "44",
    "Franche-Comté": "27",
    "Haute-Normandie": "28",
    "Languedoc-Roussillon": "76",
    "Limousin": "75",
    "Lorraine": "44",
    "Midi-Pyrénées": "76",
    "Nord-Pas-de-Calais": "32",
    "Picardie": "32",
    "Poitou-Charentes": "75",
    "Rhône-Alpes": "84",
}
FUZZY_MIN_POPULATION = 2000
SHORT_NAME_MIN_POPULATION = 20_000
EPCI_TYPES = {
    "CC": ("Communauté de communes",),
    "CA": ("Communauté d'agglomération", "Agglomération"),
    "CU": ("Communauté urbaine",),
}
EPCI_WORDS = {"agglomeration", "agglo", "metropole", "communaute", "eurometropole"}


@dataclass(frozen=True)
class Commune:
    insee: str
    name: str
    postcodes: tuple[str, ...]
    department: str
    region: str
    epci: str | None
    population: int
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Area:
    kind: AreaKind
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One place reachable by a name key. ``article`` is set when the key is the name without its
    leading article; ``alias`` holds the name people used when it is not the official one; ``short``
    marks the usual short name of a large town ("Cherbourg" for Cherbourg-en-Cotentin)."""

    kind: Literal["commune", "epci", "department", "region"]
    code: str
    article: str | None = None
    alias: str | None = None
    short: bool = False


class Referential:
    def __init__(self, regions: list[dict], departments: list[dict], epcis: list[dict], communes: list[dict]):
        self.regions = {r["code"]: Area("region", r["code"], r["name"]) for r in regions}
        self.departments = {d["code"]: Area("department", d["code"], d["name"]) for d in departments}
        self.department_region = {d["code"]: d["region_code"] for d in departments}
        self.epcis = {e["siren"]: Area("epci", e["siren"], e["name"]) for e in epcis}
        self.communes: dict[str, Commune] = {}
        members: dict[tuple[str, str], list[str]] = defaultdict(list)
        for row in sorted(communes, key=lambda r: r["insee"]):
            commune = Commune(
                insee=row["insee"],
                name=row["name"],
                postcodes=tuple((row["postcodes"] or "").split()),
                department=row["department_code"],
                region=row["region_code"],
                epci=row["epci_siren"],
                population=row["population"] or 0,
                lat=row["lat"],
                lon=row["lon"],
            )
            self.communes[commune.insee] = commune
            members["department", commune.department].append(commune.insee)
            members["region", commune.region].append(commune.insee)
            if commune.epci:
                members["epci", commune.epci].append(commune.insee)
        self.members = {key: tuple(codes) for key, codes in members.items()}
        self.area_population = {
            key: sum(self.communes[c].population for c in codes) for key, codes in self.members.items()
        }
        # most populated first: the default choice among homonyms and among a postcode's communes
        by_population = sorted(self.communes.values(), key=lambda c: (-c.population, c.insee))
        postcodes: dict[str, list[str]] = defaultdict(list)
        for commune in by_population:
            for code in commune.postcodes:
                postcodes[code].append(commune.insee)
        self.postcodes = {code: tuple(codes) for code, codes in postcodes.items()}
        self._index_names(by_population)
        self.bracketed_keys = {name_key(c.name) for c in self.communes.values() if "(" in c.name}
        located = [c for c in self.communes.values() if c.lat is not None]
        self.geo_codes = [c.insee for c in located]
        self.geo_lat = np.radians([c.lat for c in located])
        self.geo_lon = np.radians([c.lon for c in located])

    def _index_names(self, by_population: list[Commune]) -> None:
        """``names``: key -> places; ``name_prefixes``: every leading part of a key ("saint", "saint
        martin"...), so that a scan stops early; ``name_keys_by_initial``: the names a misspelling may
        be corrected to, by first letter: areas and communes of FUZZY_MIN_POPULATION inhabitants or
        more (a typo is far likelier to target a known town than to land on a hamlet's name)."""
        index: dict[str, list[Entry]] = defaultdict(list)
        fuzzy: dict[str, set[str]] = defaultdict(set)

        def add(name: str, entry: Entry, known: bool = True) -> None:
            key = name_key(name)
            index[key].append(entry)
            if known and len(key) >= 4:
                fuzzy[key[0]].add(key)
            article, rest = split_article(key)
            if article:
                index[rest].append(Entry(entry.kind, entry.code, article, entry.alias, entry.short))
                if known and " " in rest:  # "Sables d'Olone": misspelt without its article
                    fuzzy[rest[0]].add(rest)

        for code, area in self.regions.items():
            add(area.name, Entry("region", code))
        for name, code in {**REGION_ALIASES, **FORMER_REGIONS}.items():
            add(name, Entry("region", code, alias=name))
        for code, area in self.departments.items():
            add(area.name, Entry("department", code))
        for siren, area in self.epcis.items():
            for name in _epci_names(area.name):
                add(name, Entry("epci", siren))
        for commune in by_population:
            add(commune.name, Entry("commune", commune.insee), commune.population >= FUZZY_MIN_POPULATION)
        for commune in by_population:
            short = _short_name(commune)
            if short:
                add(short, Entry("commune", commune.insee, short=True), known=False)
        # areas first, then communes from the most populated: the default choice among homonyms
        rank = {"region": 0, "department": 1, "epci": 2}

        def order(e: Entry) -> tuple:
            return (rank.get(e.kind, 3), -self.communes[e.code].population if e.kind == "commune" else 0)

        self.names = {key: tuple(sorted(entries, key=order)) for key, entries in index.items()}
        self.name_prefixes = set(self.names)
        for key in self.names:
            while " " in key:
                key = key.rsplit(" ", 1)[0]
                self.name_prefixes.add(key)
        self.name_keys_by_initial = {initial: sorted(keys) for initial, keys in fuzzy.items()}

    def entry_name(self, entry: Entry) -> str:
        if entry.alias:
            return entry.alias
        return self.area_or_commune(entry.kind, entry.code).name

    def area_or_commune(self, kind: str, code: str):
        if kind == "commune":
            return self.communes[code]
        return {"region": self.regions, "department": self.departments, "epci": self.epcis}[kind][code]

    def population(self, entry: Entry) -> int:
        if entry.kind == "commune":
            return self.communes[entry.code].population
        return self.area_population.get((entry.kind, entry.code), 0)


def _short_name(commune: Commune) -> str | None:
    """The first part of a large town's compound name, which people use alone ("Cherbourg",
    "Boulogne", "Aix"), unless it is a generic word ("Saint", "Villeneuve" stays: it is a name)."""
    if commune.population < SHORT_NAME_MIN_POPULATION or "-" not in commune.name:
        return None
    first = commune.name.split("-")[0]
    key = name_key(first)
    if len(key) < 3 or key in ("saint", "sainte", "saints", "saintes") or key in LINK_WORDS:
        return None
    return first


def _epci_names(official: str) -> list[str]:
    """How an EPCI is written: "CC du Ternois", "Communauté de communes du Ternois"; and the name
    alone when it says what it is ("Saint-Louis Agglomération", "Rennes Métropole")."""
    head, _, body = official.partition(" ")
    names = [official]
    names += [f"{long} {body}" for long in EPCI_TYPES.get(head, ())]
    if head in EPCI_TYPES and set(name_key(body).split()) & EPCI_WORDS:
        names.append(body)
    return names


_lock = threading.Lock()
_cache: dict[str, Referential] = {}


def get_referential() -> Referential:
    """The referential of the current database (built on first use, then cached)."""
    from regia.config import get_settings

    url = get_settings().db_url
    ref = _cache.get(url)
    if ref is None:
        with _lock:
            ref = _cache.get(url)
            if ref is None:
                ref = _cache[url] = _build()
    return ref


def forget_referential() -> None:
    """Drop the cached referential (after an import)."""
    with _lock:
        _cache.clear()


def _build() -> Referential:
    from regia.territory.loader import default_folder, is_loaded
    from regia.territory.sources import read_folder

    if not is_loaded():
        raw = read_folder(default_folder())
        return Referential(raw.regions, raw.departments, raw.epcis, raw.communes)

    from sqlalchemy import select

    from regia.db import get_engine
    from regia.territory.models import CommuneRow, DepartmentRow, EpciRow, RegionRow

    with get_engine().connect() as conn:

        def rows(model) -> list[dict]:
            return [dict(row) for row in conn.execute(select(model.__table__)).mappings()]

        return Referential(rows(RegionRow), rows(DepartmentRow), rows(EpciRow), rows(CommuneRow))
