"""Near-me queries: the projects of a commune, its EPCI, its department or region, or within a radius,
with filters (theme, years, amounts), aggregates per theme and per commune, and the written summary."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from regia import territory
from regia.errors import InputError, NotFound
from regia.projects import snapshot
from regia.projects.summary import Facts, reword, write
from regia.projects.themes import THEMES

SCOPES = ("commune", "epci", "department", "region")
SORTS = ("amount", "distance", "year")
MAX_RADIUS_KM = 200.0
MAX_LIMIT = 500
NEARBY_KM = 10.0  # what the summary of an area without projects looks at instead
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Filters:
    themes: tuple[str, ...] = ()  # a project matches when it has any of them (primary or secondary)
    year_min: int | None = None
    year_max: int | None = None
    amount_min: float | None = None
    amount_max: float | None = None

    def check(self) -> Filters:
        for slug in self.themes:
            if slug not in THEMES:
                raise InputError(f"thème inconnu : « {slug} » (thèmes : {', '.join(THEMES)})", "theme")
        if self.year_min is not None and self.year_max is not None and self.year_min > self.year_max:
            raise InputError("année de début postérieure à l'année de fin", "year_min")
        for name in ("amount_min", "amount_max"):
            value = getattr(self, name)
            if value is not None and (value < 0 or math.isnan(value)):
                raise InputError("montant négatif ou invalide", name)
        return self

    def words(self) -> list[str]:
        """The active filters in French, for the summary."""
        out = []
        if self.themes:
            out.append("thème " + " ou ".join(THEMES[t].lower() for t in self.themes))
        if self.year_min is not None and self.year_max is not None:
            out.append(f"années {self.year_min} à {self.year_max}")
        elif self.year_min is not None:
            out.append(f"depuis {self.year_min}")
        elif self.year_max is not None:
            out.append(f"jusqu'en {self.year_max}")
        if self.amount_min is not None:
            out.append(f"montant d'au moins {self.amount_min:,.0f} €".replace(",", "\u202f"))
        if self.amount_max is not None:
            out.append(f"montant d'au plus {self.amount_max:,.0f} €".replace(",", "\u202f"))
        return out

    def to_dict(self) -> dict:
        return {
            "themes": list(self.themes),
            "year_min": self.year_min,
            "year_max": self.year_max,
            "amount_min": self.amount_min,
            "amount_max": self.amount_max,
        }


@dataclass(frozen=True)
class Area:
    place: territory.Place | None  # None: every project loaded
    scope: str  # commune, epci, department, region, radius or all
    code: str | None  # code of the commune or area (None for a radius)
    name: str
    radius_km: float | None
    center: tuple[float, float] | None

    @property
    def where(self) -> str:
        """The area as the start of a French sentence."""
        if self.place is None:
            return "Dans l'ensemble des données chargées"
        if self.scope == "radius":
            return f"Dans un rayon de {self.radius_km:g} km autour de {self.place.name}"
        if self.scope == "commune":
            return f"À {self.name}"
        if self.scope == "epci":
            return f"Dans l'intercommunalité {self.name}"
        if self.scope == "department":
            return f"Dans le département {self.name} ({self.code})"
        return f"Dans la région {self.name}"


EVERYWHERE = Area(None, "all", None, "", None, None)


def area_of(place_text: str | None, scope: str | None = None, radius_km: float | None = None) -> Area:
    """The area a query covers: the place itself, a wider area containing it, or a radius around it;
    every project when no place is given."""
    if not (place_text or "").strip():
        if radius_km is not None or scope:
            raise InputError("indiquez une commune pour un rayon ou un périmètre", "place")
        return EVERYWHERE
    place = territory.resolve_place(place_text)
    commune = place.commune
    center = (commune.lat, commune.lon) if commune and commune.lat is not None else None
    if radius_km is not None:
        if not 0 < radius_km <= MAX_RADIUS_KM:
            raise InputError(f"rayon hors limites : entre 0 et {MAX_RADIUS_KM:g} km", "radius_km")
        if center is None:
            raise InputError("un rayon se mesure autour d'une commune : indiquez une commune", "radius_km")
        return Area(place, "radius", None, place.name, float(radius_km), center)
    scope = scope or place.kind
    if scope not in SCOPES:
        raise InputError(f"périmètre inconnu : « {scope} » ({', '.join(SCOPES)})", "scope")
    if SCOPES.index(scope) < SCOPES.index(place.kind):
        raise InputError(f"« {place.name} » est plus large qu'une zone de type {scope}", "scope")
    chosen = {"commune": commune, "epci": place.epci, "department": place.department, "region": place.region}
    target = chosen[scope]
    if target is None:
        raise NotFound(f"{place.name} n'appartient à aucune zone de type {scope}", "scope")
    code = target.insee if scope == "commune" else target.code
    return Area(place, scope, code, target.name, None, center)


def _mask(snap: snapshot.Snapshot, area: Area, filters: Filters) -> tuple[np.ndarray, np.ndarray]:
    """Which projects fall in the area and pass the filters, and their distances to the centre."""
    distance = np.full(len(snap), np.nan)
    if area.center is not None and len(snap):
        distance = _haversine(snap.lat, snap.lon, *area.center)
    if area.scope == "all":
        mask = np.ones(len(snap), dtype=bool)
    elif area.scope == "radius":
        mask = distance <= area.radius_km  # NaN (unlocated) compares False
    else:
        column = {
            "commune": snap.insee,
            "epci": snap.epci,
            "department": snap.department,
            "region": snap.region,
        }
        mask = column[area.scope] == area.code
    return mask & _filter_mask(snap, filters), distance


def _filter_mask(snap: snapshot.Snapshot, filters: Filters) -> np.ndarray:
    mask = np.ones(len(snap), dtype=bool)
    if filters.themes:
        bits = sum(1 << snapshot.SLUGS.index(t) for t in filters.themes)
        mask &= (snap.theme_bits & bits) != 0
    if filters.year_min is not None:
        mask &= snap.year >= filters.year_min
    if filters.year_max is not None:
        mask &= (snap.year <= filters.year_max) & (snap.year >= 0)
    if filters.amount_min is not None:
        mask &= snap.amount >= filters.amount_min
    if filters.amount_max is not None:
        mask &= snap.amount <= filters.amount_max
    return mask


def _haversine(lat: np.ndarray, lon: np.ndarray, lat0: float, lon0: float) -> np.ndarray:
    p, p0 = np.radians(lat), math.radians(lat0)
    a = np.sin((p - p0) / 2) ** 2 + math.cos(p0) * np.cos(p) * np.sin(np.radians(lon - lon0) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(1.0, a)))


def _order(snap: snapshot.Snapshot, picked: np.ndarray, distance: np.ndarray, sort: str) -> np.ndarray:
    amount = np.nan_to_num(snap.amount[picked], nan=-1.0)
    year = snap.year[picked]
    if sort == "distance":
        keys = (-amount, np.nan_to_num(distance[picked], nan=np.inf))
    elif sort == "year":
        keys = (-amount, -year)
    else:
        keys = (-year, -amount)
    return picked[np.lexsort(keys)]


def project_brief(snap: snapshot.Snapshot, i: int, distance: float) -> dict:
    amount = snap.amount[i]
    return {
        "id": snap.ids[i],
        "title": snap.titles[i],
        "commune": snap.communes[i],
        "insee": snap.insee[i] or None,
        "distance_km": None if math.isnan(distance) else round(float(distance), 1),
        "amount": None if math.isnan(amount) else float(amount),
        "year": int(snap.year[i]) if snap.year[i] >= 0 else None,
        "themes": snap.themes[i],
        "theme_assumed": bool(snap.assumed[i]),
        "funder": snap.funder_names[snap.funder[i]],
        "source": snap.source_keys[snap.source[i]],
    }


def _by_theme(snap: snapshot.Snapshot, picked: np.ndarray) -> dict[str, dict]:
    primary = snap.primary[picked]
    known = primary >= 0
    counts = np.bincount(primary[known], minlength=len(snapshot.SLUGS))
    amounts = np.bincount(
        primary[known], weights=np.nan_to_num(snap.amount[picked][known]), minlength=len(snapshot.SLUGS)
    )
    assumed = np.bincount(primary[known & snap.assumed[picked]], minlength=len(snapshot.SLUGS))
    order = sorted((i for i in range(len(counts)) if counts[i]), key=lambda i: (-counts[i], -amounts[i]))
    return {
        snapshot.SLUGS[i]: {
            "count": int(counts[i]),
            "amount": round(float(amounts[i]), 2),
            "label": THEMES[snapshot.SLUGS[i]],
            "assumed": int(assumed[i]),  # themed by default: a beneficiary's name alone, without clue
        }
        for i in order
    }


def _by_commune(snap: snapshot.Snapshot, picked: np.ndarray, top: int) -> list[dict]:
    codes = snap.insee[picked]
    located = picked[codes != ""]
    if not located.size:
        return []
    distinct, first, inverse = np.unique(snap.insee[located], return_index=True, return_inverse=True)
    counts = np.bincount(inverse)
    amounts = np.bincount(inverse, weights=np.nan_to_num(snap.amount[located]))
    order = np.lexsort((-amounts, -counts))[:top]
    return [
        {
            "insee": str(distinct[k]),
            "name": snap.communes[located[first[k]]],
            "count": int(counts[k]),
            "amount": round(float(amounts[k]), 2),
        }
        for k in order
    ]


def _top(snap: snapshot.Snapshot, index: np.ndarray, top: int) -> list[int]:
    """The ``top`` most frequent codes of ``index``."""
    if not index.size:
        return []
    counts = np.bincount(index)
    return [int(k) for k in np.argsort(-counts, kind="stable")[:top] if counts[k]]


def _source_label(snap: snapshot.Snapshot, k: int) -> str:
    return snap.source_labels.get(snap.source_keys[k], snap.source_keys[k])


def select(
    place: str | None,
    *,
    radius_km: float | None = None,
    scope: str | None = None,
    filters: Filters | None = None,
    sort: str | None = None,
) -> tuple[snapshot.Snapshot, Area, np.ndarray, np.ndarray]:
    """The snapshot, the area, the positions of the matching projects in order, and all distances."""
    filters = (filters or Filters()).check()
    if sort is not None and sort not in SORTS:
        raise InputError(f"tri inconnu : « {sort} » ({', '.join(SORTS)})", "sort")
    area = area_of(place, scope, radius_km)
    snap = snapshot.current()
    mask, distance = _mask(snap, area, filters)
    ordered = _order(
        snap, np.flatnonzero(mask), distance, sort or ("distance" if area.scope == "radius" else "amount")
    )
    return snap, area, ordered, distance


def communes_on_map(
    place: str | None,
    *,
    radius_km: float | None = None,
    scope: str | None = None,
    filters: Filters | None = None,
) -> dict:
    """One marker per commune with matching projects (count, known amount, main theme), for the map."""
    snap, area, ordered, _distance = select(place, radius_km=radius_km, scope=scope, filters=filters)
    located = ordered[~np.isnan(snap.lat[ordered]) & (snap.insee[ordered] != "")]
    markers = []
    if located.size:
        distinct, inverse = np.unique(snap.insee[located], return_inverse=True)
        counts = np.bincount(inverse)
        amounts = np.bincount(inverse, weights=np.nan_to_num(snap.amount[located]))
        lats = np.bincount(inverse, weights=snap.lat[located]) / counts
        lons = np.bincount(inverse, weights=snap.lon[located]) / counts
        first = {}
        for k, i in zip(inverse.tolist(), located.tolist(), strict=True):
            first.setdefault(k, i)
        themes = np.zeros((len(distinct), len(snapshot.SLUGS)), dtype=np.int32)
        primary = snap.primary[located]
        known = primary >= 0
        np.add.at(themes, (inverse[known], primary[known]), 1)
        for k, code in enumerate(distinct.tolist()):
            markers.append(
                {
                    "insee": code,
                    "name": snap.communes[first[k]],
                    "lat": round(float(lats[k]), 5),
                    "lon": round(float(lons[k]), 5),
                    "count": int(counts[k]),
                    "amount": round(float(amounts[k]), 2),
                    "theme": snapshot.SLUGS[int(themes[k].argmax())] if themes[k].any() else None,
                }
            )
    return {
        "scope": area.scope,
        "center": list(area.center) if area.center else None,
        "radius_km": area.radius_km,
        "total": int(ordered.size),
        "unlocated": int(ordered.size - located.size),
        "communes": markers,
    }


def near(
    place: str | None,
    *,
    radius_km: float | None = None,
    scope: str | None = None,
    filters: Filters | None = None,
    sort: str | None = None,
    limit: int = 50,
    offset: int = 0,
    communes_top: int = 20,
    rephrase: bool = True,
) -> dict:
    """The projects of an area around ``place`` (commune name, postcode, INSEE code...; every project
    when None), best first, with aggregates and a sourced French summary."""
    if not 0 <= limit <= MAX_LIMIT:
        raise InputError(f"limit entre 0 et {MAX_LIMIT}", "limit")
    if offset < 0:
        raise InputError("offset négatif", "offset")
    filters = (filters or Filters()).check()
    snap, area, ordered, distance = select(
        place, radius_km=radius_km, scope=scope, filters=filters, sort=sort
    )
    picked = np.sort(ordered)
    page = ordered[offset : offset + limit]
    amounts = snap.amount[picked]
    known = ~np.isnan(amounts)
    years = snap.year[picked][snap.year[picked] >= 0]
    by_theme = _by_theme(snap, picked)
    facts = Facts(
        where=area.where,
        count=int(picked.size),
        amount=float(amounts[known].sum()),
        with_amount=int(known.sum()),
        years=(int(years.min()), int(years.max())) if years.size else None,
        themes=[(slug, v["count"], v["amount"], v["assumed"]) for slug, v in by_theme.items()],
        biggest=_biggest(snap, picked),
        funders=[snap.funder_names[k] for k in _top(snap, snap.funder[picked], 3) if snap.funder_names[k]],
        sources=[_source_label(snap, k) for k in _top(snap, snap.source[picked], 5)],
        elsewhere=_elsewhere(snap, area, filters),
        nearby=_nearby(snap, area, filters, distance) if not picked.size else None,
        filtered=filters.words(),
    )
    summary, reworded = write(facts), False
    if rephrase:
        summary, reworded = reword(summary, lambda: _known_names(area))
    return {
        "place": area.place.to_dict() if area.place else None,
        "scope": area.scope,
        "area": {"code": area.code, "name": area.name},
        "radius_km": area.radius_km,
        "filters": filters.to_dict(),
        "summary": summary,
        "summary_reworded": reworded,
        "total": int(picked.size),
        "amount_total": round(facts.amount, 2),
        "years": list(facts.years) if facts.years else None,
        "projects": [project_brief(snap, int(i), distance[i]) for i in page],
        "limit": limit,
        "offset": offset,
        "by_theme": by_theme,
        "by_commune": _by_commune(snap, picked, communes_top),
        "sources": [
            {"key": snap.source_keys[k], "label": _source_label(snap, k)}
            for k in _top(snap, snap.source[picked], 10)
        ],
    }


def _known_names(area: Area) -> list[str]:
    """Names a rewording must not bring in: the communes of the area's department (or region)."""
    if area.place is None:
        return []
    dept = area.place.department
    kind, code = ("department", dept.code) if dept else ("region", area.place.code)
    return [c.name for c in territory.communes_of(kind, code)]


def _biggest(snap: snapshot.Snapshot, picked: np.ndarray):
    """The project with the largest known amount (the first one when no amount is known)."""
    if not picked.size:
        return None
    amounts = snap.amount[picked]
    i = int(picked[0] if np.all(np.isnan(amounts)) else picked[int(np.nanargmax(amounts))])
    amount = None if np.isnan(snap.amount[i]) else float(snap.amount[i])
    year = int(snap.year[i]) if snap.year[i] >= 0 else None
    return snap.titles[i], amount, year, snap.communes[i]


def _elsewhere(snap: snapshot.Snapshot, area: Area, filters: Filters):
    """Department-level projects (no commune known) of the area's department, for local scopes."""
    dept = area.place.department if area.place else None
    if area.scope in ("department", "region") or dept is None:
        return None
    unplaced = (snap.insee == "") & (snap.epci == "")
    mask = (snap.department == dept.code) & unplaced & _filter_mask(snap, filters)
    count = int(mask.sum())
    return (f"{dept.name} ({dept.code})", count, float(np.nansum(snap.amount[mask]))) if count else None


def _nearby(snap: snapshot.Snapshot, area: Area, filters: Filters, distance: np.ndarray):
    if area.center is None or area.scope == "radius":
        return None
    mask = (distance <= NEARBY_KM) & _filter_mask(snap, filters)
    return NEARBY_KM, int(mask.sum()), float(np.nansum(snap.amount[mask]))


def get_project(project_id: str) -> dict:
    """One project with all its fields."""
    from regia.db import session_scope
    from regia.projects.models import ProjectRow, SourceRow

    with session_scope() as session:
        row = session.get(ProjectRow, project_id)
        if row is None:
            raise NotFound(f"projet introuvable : « {project_id} »", "id")
        source = session.get(SourceRow, row.source)
        data = {c.key: getattr(row, c.key) for c in ProjectRow.__table__.columns}
        data["theme_labels"] = [THEMES[t] for t in row.themes or [] if t in THEMES]
        data["source_label"] = source.label if source else row.source
        data["source_url"] = source.url if source else None
        return data


def themes_list() -> list[dict]:
    return [{"slug": slug, "label": label} for slug, label in THEMES.items()]


def parse_themes(values: Sequence[str] | str | None) -> tuple[str, ...]:
    """Theme slugs from repeated or comma-separated values."""
    if not values:
        return ()
    if isinstance(values, str):
        values = [values]
    return tuple(dict.fromkeys(s.strip() for v in values for s in v.split(",") if s.strip()))
