"""What every projects importer shares: reading files, checking values, placing and classifying rows,
and storing one source's projects in a single transaction.

A row that cannot be used (unknown commune, negative or absurd amount, broken geometry...) is rejected
with its number and the reason, and the other rows still load. A file that cannot be read at all, or
whose rows are all rejected, changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert

from regia.db import init_db, session_scope
from regia.errors import DataFileError
from regia.projects.classify import classify_texts
from regia.projects.models import ImportRow, ProjectRow, SourceRow
from regia.projects.places import Locator, PlaceError
from regia.projects.themes import THEMES

MAX_AMOUNT = 1e9  # euros: no single local subsidy or project comes near a billion
MIN_YEAR = 1980
MISSING = frozenset({"", "na", "n/a", "nan", "null", "none", "-", "nc"})
MAX_REPORTED = 1000  # rejections kept in the stored report (all are counted)


class RowError(ValueError):
    """A value that makes its row unusable; ``message`` is French, ``field`` names the column."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Source:
    key: str  # stable identifier: project ids start with it, a new import replaces its projects
    label: str  # what summaries cite
    url: str | None = None
    licence: str | None = None


@dataclass
class Draft:
    """One project as read from a file, before it is placed and classified."""

    row: int  # record number in the file, from 1
    title: str
    text: str = ""
    beneficiary: str | None = None
    key: str | None = None  # the file's own identifier, when it has one
    insee: str | None = None
    commune: str | None = None  # commune name
    postcode: str | None = None
    department: str | None = None  # narrows a commune name; the fallback place otherwise
    epci_name: str | None = None
    lat: float | None = None
    lon: float | None = None
    search: list[str] = field(default_factory=list)  # texts that may name the commune
    amount: float | None = None
    total_cost: float | None = None
    year: int | None = None
    funder: str = ""
    scheme: str | None = None
    themes: list[str] | None = None  # given by the file; classified otherwise

    @property
    def classified_text(self) -> str:
        return self.text or self.title


@dataclass(frozen=True)
class Rejection:
    row: int
    reason: str
    field: str | None = None

    def to_dict(self) -> dict:
        return {"row": self.row, "reason": self.reason, "field": self.field}


@dataclass
class Report:
    source: str
    file: str
    rows_read: int = 0
    loaded: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    located: Counter = field(default_factory=Counter)  # how projects were placed
    themes_by: Counter = field(default_factory=Counter)  # how their themes were found

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "file": self.file,
            "rows_read": self.rows_read,
            "loaded": self.loaded,
            "rejected_count": len(self.rejected),
            "rejected": [r.to_dict() for r in self.rejected],
            "located": dict(self.located),
            "themes_by": dict(self.themes_by),
        }


# --- reading ---------------------------------------------------------------------------------------


def read_text(path: Path) -> str:
    """A text file, plain or gzip, UTF-8 (with or without BOM) or else Windows-1252."""
    try:
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
    except (OSError, EOFError) as exc:
        raise DataFileError(f"fichier illisible ou corrompu ({exc})", source=path.name) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read_csv(path: Path, delimiter: str | None = None) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a CSV file; the delimiter (; , tab |) is detected when not given."""
    text = read_text(path)
    if not text.strip():
        raise DataFileError("fichier vide", source=path.name)
    if delimiter is None:
        first = text.split("\n", 1)[0]
        delimiter = max(";,\t|", key=first.count)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise DataFileError(f"CSV invalide ligne {reader.line_num} : {exc}", source=path.name) from exc
    return [h.strip() for h in reader.fieldnames or []], rows


def read_geojson(path: Path) -> list[Any]:
    """The features of a GeoJSON FeatureCollection (each checked later, row by row)."""
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise DataFileError(
            f"GeoJSON invalide ligne {exc.lineno}, colonne {exc.colno} : {exc.msg}", source=path.name
        ) from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise DataFileError("GeoJSON invalide : une FeatureCollection est attendue", source=path.name)
    features = data.get("features")
    if not isinstance(features, list):
        raise DataFileError("GeoJSON invalide : la liste « features » manque", source=path.name)
    return features


def feature_parts(feature: Any) -> tuple[dict, float | None, float | None]:
    """Properties and (lat, lon) of a feature: its point, or the mean of its polygon's outer ring."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise RowError("objet GeoJSON invalide : « Feature » attendu", "geometry")
    props = feature.get("properties") or {}
    if not isinstance(props, dict):
        raise RowError("propriétés invalides : un objet est attendu", "properties")
    geometry = feature.get("geometry")
    if geometry is None:
        return props, None, None
    if not isinstance(geometry, dict):
        raise RowError("géométrie invalide", "geometry")
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    try:
        if kind == "Point":
            points = [coords]
        elif kind == "MultiPoint":
            points = coords[:1]
        elif kind == "Polygon":
            points = coords[0]
        elif kind == "MultiPolygon":
            points = coords[0][0]
        else:
            raise RowError(f"géométrie non prise en charge : {kind!r}", "geometry")
        lons = [float(p[0]) for p in points]
        lats = [float(p[1]) for p in points]
    except (TypeError, ValueError, IndexError, KeyError):
        raise RowError("coordonnées invalides dans la géométrie", "geometry") from None
    if not lats:
        raise RowError("géométrie sans coordonnées", "geometry")
    return props, sum(lats) / len(lats), sum(lons) / len(lons)


# --- values ----------------------------------------------------------------------------------------

_MOJIBAKE = re.compile(
    "[ÃÂÅâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2013-\u203a\u20ac\u2122]"
)


def repair(text: str) -> str:
    """Undo UTF-8 text decoded as Latin-1/Windows-1252, once or twice ("CÃ\u0085\u0092UR" -> "CŒUR")."""
    for _ in range(3):
        if not any(c in text for c in "ÃÂÅâ") or not _MOJIBAKE.search(text):
            break
        try:
            raw = bytes(ord(c) if ord(c) < 256 else c.encode("cp1252")[0] for c in text)
            text = raw.decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError, ValueError):
            break
    return text


def clean(value: Any) -> str | None:
    """A cell as trimmed text, None when empty or marked missing ("NA", "N/A", "-")."""
    if value is None:
        return None
    text = " ".join(repair(str(value)).split())
    return None if text.lower() in MISSING else text


def parse_amount(value: Any, field: str) -> float | None:
    """Euros from "3 504 500", "1 234,56 €" or 2495.0; rejects negative or absurd amounts."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        amount = float(value)
    else:
        text = clean(value)
        if text is None:
            return None
        compact = re.sub(r"[\s\u00a0\u202f€]|EUR", "", text, flags=re.IGNORECASE)
        if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", compact):  # 1.234.567,89
            compact = compact.replace(".", "")
        compact = compact.replace(",", ".")
        try:
            amount = float(compact)
        except ValueError:
            raise RowError(f"montant illisible : « {text} »", field) from None
    if amount != amount or amount in (float("inf"), float("-inf")):
        raise RowError("montant illisible", field)
    if amount < 0:
        raise RowError(f"montant négatif : {amount:.2f} €", field)
    if amount > MAX_AMOUNT:
        raise RowError(f"montant aberrant : {amount:,.0f} € (plus d'un milliard)".replace(",", " "), field)
    return amount


def parse_year(value: Any, field: str) -> int | None:
    """The year of "2018", "2018-03-22" or "22/03/2018"; rejects years outside 1980..next years."""
    text = clean(value)
    if text is None:
        return None
    match = re.search(r"(?<!\d)(\d{4})(?!\d)", text)
    if not match:
        raise RowError(f"année illisible : « {text} »", field)
    year = int(match.group(1))
    if not MIN_YEAR <= year <= dt.date.today().year + 5:
        raise RowError(f"année invalide : {year}", field)
    return year


def parse_themes(value: Any, field: str) -> list[str] | None:
    """Theme slugs (or their labels) separated by commas or semicolons."""
    text = clean(value)
    if text is None:
        return None
    by_label = {label.lower(): slug for slug, label in THEMES.items()}
    slugs = []
    for part in re.split(r"[;,|]", text):
        part = part.strip()
        slug = part if part in THEMES else by_label.get(part.lower())
        if slug is None:
            raise RowError(f"thème inconnu : « {part} » (thèmes possibles : {', '.join(THEMES)})", field)
        if part and slug not in slugs:
            slugs.append(slug)
    return slugs or None


# --- storing ---------------------------------------------------------------------------------------


def _place(draft: Draft, locator: Locator) -> dict:
    """Placement fields of a draft; raises PlaceError when no commune, EPCI or department fits.

    A point that lies far from the commune the file names (an inset on a printed map) gives way to the
    commune's centroid; a point alone must lie in the territory and is placed in the nearest commune.
    """
    commune, location, epci = None, None, None
    point = (draft.lat, draft.lon) if draft.lat is not None and draft.lon is not None else None
    if draft.insee:
        commune, location = locator.by_insee(draft.insee), "commune"
    elif draft.commune:
        commune, location = locator.by_name(draft.commune, draft.department, draft.postcode), "commune"
    elif point:
        commune, location = locator.at_point(*point), "point"
    else:
        epci = locator.epci_named(draft.epci_name, draft.department) if draft.epci_name else None
        if draft.department:
            commune = next(filter(None, (locator.in_text(t, draft.department) for t in draft.search)), None)
            location = "text" if commune else None
        if commune is None and epci is None and draft.epci_name:
            raise PlaceError(f"intercommunalité ou commune inconnue : « {draft.epci_name} »", "beneficiary")
    if commune is not None:
        if point and location != "point" and not locator.near(commune, *point):
            point = None
        lat, lon = point or (commune.lat, commune.lon)
        return {
            "insee": commune.insee,
            "commune": commune.name,
            "epci": commune.epci,
            "department": commune.department,
            "region": commune.region,
            "lat": lat,
            "lon": lon,
            "location": location,
        }
    if epci is not None:
        department, region = locator.epci_department(epci.code)
        return {"epci": epci.code, "department": department, "region": region, "location": "epci"}
    if draft.department:
        return {
            "department": draft.department,
            "region": locator.department_region(draft.department),
            "location": "department",
        }
    raise PlaceError("aucune commune, intercommunalité ni département pour situer le projet", "commune")


def _project_id(source: str, draft: Draft, seen: Counter) -> str:
    if draft.key:
        base = re.sub(r"[^A-Za-z0-9_.-]+", "-", draft.key).strip("-")[:36] or "x"
    else:
        content = "\x1f".join(
            str(v)
            for v in (
                draft.title,
                draft.text,
                draft.beneficiary,
                draft.amount,
                draft.year,
                draft.insee,
                draft.commune,
            )
        )
        base = hashlib.sha1(content.encode()).hexdigest()[:12]
    seen[base] += 1
    suffix = f"-{seen[base]}" if seen[base] > 1 else ""
    return f"{source}-{base}{suffix}"


def store(source: Source, file_label: str, items: Iterable[Draft | Rejection]) -> Report:
    """Place, classify and store one source's projects, replacing that source's previous import."""
    report = Report(source=source.key, file=file_label)
    locator = Locator()
    placed: list[tuple[Draft, dict]] = []
    for item in items:
        report.rows_read += 1
        if isinstance(item, Rejection):
            report.rejected.append(item)
            continue
        if item.amount is not None and item.total_cost is not None and item.amount > item.total_cost * 1.001:
            report.rejected.append(
                Rejection(item.row, "subvention supérieure au coût total du projet", "amount")
            )
            continue
        try:
            placed.append((item, _place(item, locator)))
        except PlaceError as exc:
            report.rejected.append(Rejection(item.row, exc.message, exc.field))
    if not placed:
        first = "; ".join(f"enregistrement {r.row} : {r.reason}" for r in report.rejected[:3])
        raise DataFileError(
            f"aucun projet utilisable ({first or 'fichier sans enregistrement'})", source=file_label
        )

    classes = classify_texts(d.classified_text for d, _ in placed if not d.themes)
    seen: Counter = Counter()
    rows = []
    for draft, place in placed:
        found = classes.get(draft.classified_text) if not draft.themes else None
        themes = draft.themes or (found.themes if found else [])
        method = "file" if draft.themes else (found.method if found else "none")
        report.located[place["location"]] += 1
        report.themes_by[method] += 1
        rows.append(
            {
                "id": _project_id(source.key, draft, seen),
                "source": source.key,
                "source_row": draft.row,
                "title": draft.title[:400],
                "text": draft.text,
                "beneficiary": (draft.beneficiary or None) and draft.beneficiary[:300],
                "insee": None,
                "commune": None,
                "epci": None,
                "department": None,
                "region": None,
                "lat": None,
                "lon": None,
                **place,
                "amount": draft.amount,
                "total_cost": draft.total_cost,
                "year": draft.year,
                "funder": draft.funder[:200],
                "scheme": draft.scheme,
                "themes": themes,
                "theme": themes[0] if themes else None,
                "theme_method": method,
            }
        )
    report.loaded = len(rows)

    init_db()
    with session_scope() as session:
        session.execute(delete(ProjectRow).where(ProjectRow.source == source.key))
        for start in range(0, len(rows), 2000):
            session.execute(insert(ProjectRow.__table__), rows[start : start + 2000])
        session.merge(SourceRow(key=source.key, label=source.label, url=source.url, licence=source.licence))
        stored = report.to_dict()
        stored["rejected"] = stored["rejected"][:MAX_REPORTED]
        session.add(
            ImportRow(
                source=source.key,
                file=file_label[:500],
                loaded_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                rows_read=report.rows_read,
                rows_loaded=report.loaded,
                rows_rejected=len(report.rejected),
                report=stored,
            )
        )
    return report
