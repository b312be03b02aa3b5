"""Reading the territory referential from its open-data files (the bundle in data/territory or the
full ../shared/data/territoires folder): same file names and columns, optionally gzip-compressed.

- ``communes.csv``: code_insee, nom, codes_postaux (space separated), code_departement, code_region,
  siren_epci, population, latitude, longitude (other columns are ignored);
- ``departements.json``, ``regions.json``: decoupage-administratif lists (code, nom, region);
- ``epci.json``: decoupage-administratif EPCI (code, nom, type); membership comes from communes.csv.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from regia.errors import DataFileError

COMMUNE_COLUMNS = (
    "code_insee",
    "nom",
    "codes_postaux",
    "code_departement",
    "code_region",
    "siren_epci",
    "population",
    "latitude",
    "longitude",
)
_INSEE = re.compile(r"^(\d[\dAB]\d{3})$")
_POSTCODE = re.compile(r"^\d{5}$")
_SIREN = re.compile(r"^\d{9}$")
_DEPT = re.compile(r"^(\d{2}|2[AB]|\d{3})$")


@dataclass(frozen=True)
class RawData:
    """Validated rows, ready for the database or the in-memory referential."""

    regions: list[dict]
    departments: list[dict]
    epcis: list[dict]
    communes: list[dict]


def find_file(folder: Path, name: str) -> Path:
    """``name`` or ``name.gz`` in ``folder`` (also looked up in a ``decoupage-administratif`` subfolder)."""
    for base in (folder, folder / "decoupage-administratif"):
        for candidate in (base / name, base / f"{name}.gz"):
            if candidate.is_file():
                return candidate
    raise DataFileError("fichier introuvable", source=str(folder / name))


def read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        return raw.decode("utf-8")
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError) as exc:
        raise DataFileError(f"lecture impossible ({exc})", source=path.name) from exc


def _json_list(path: Path) -> list[dict]:
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise DataFileError(f"JSON invalide ({exc})", source=path.name) from exc
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise DataFileError("une liste d'objets JSON est attendue", source=path.name)
    return data


def _required(item: dict, field: str, source: str, record: str, pattern: re.Pattern | None = None) -> str:
    value = item.get(field)
    if not isinstance(value, str) or not value.strip():
        raise DataFileError("valeur manquante", source=source, record=record, field=field)
    value = value.strip()
    if pattern and not pattern.match(value):
        raise DataFileError(f"valeur invalide « {value} »", source=source, record=record, field=field)
    return value


def _number(value: str, cast, source: str, record: str, field: str):
    value = (value or "").strip()
    if not value:
        return None
    try:
        return cast(value)
    except ValueError as exc:
        message = f"nombre invalide « {value} »"
        raise DataFileError(message, source=source, record=record, field=field) from exc


def read_folder(folder: Path) -> RawData:
    """Read and validate the four files; raises DataFileError naming the file, record and field."""
    regions = []
    path = find_file(folder, "regions.json")
    for i, item in enumerate(_json_list(path), 1):
        rec = str(item.get("code") or f"#{i}")
        regions.append(
            {"code": _required(item, "code", path.name, rec), "name": _required(item, "nom", path.name, rec)}
        )
    region_codes = {r["code"] for r in regions}

    departments = []
    path = find_file(folder, "departements.json")
    for i, item in enumerate(_json_list(path), 1):
        rec = str(item.get("code") or f"#{i}")
        dept = {
            "code": _required(item, "code", path.name, rec, _DEPT),
            "name": _required(item, "nom", path.name, rec),
            "region_code": _required(item, "region", path.name, rec),
        }
        if dept["region_code"] not in region_codes:
            raise DataFileError("région inconnue", source=path.name, record=rec, field="region")
        departments.append(dept)
    dept_codes = {d["code"] for d in departments}

    epcis = []
    path = find_file(folder, "epci.json")
    for i, item in enumerate(_json_list(path), 1):
        rec = str(item.get("code") or f"#{i}")
        epcis.append(
            {
                "siren": _required(item, "code", path.name, rec, _SIREN),
                "name": _required(item, "nom", path.name, rec),
                "type": str(item.get("type") or ""),
            }
        )
    epci_codes = {e["siren"] for e in epcis}

    path = find_file(folder, "communes.csv")
    reader = csv.DictReader(io.StringIO(read_text(path)))
    missing = [c for c in COMMUNE_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise DataFileError(f"colonnes manquantes : {', '.join(missing)}", source=path.name)
    source = path.name
    communes = []
    seen: set[str] = set()
    for i, row in enumerate(reader, 2):
        rec = f"ligne {i}"
        insee = _required(row, "code_insee", source, rec, _INSEE)
        rec = f"{insee} (ligne {i})"
        if insee in seen:
            raise DataFileError("code INSEE en double", source=source, record=rec, field="code_insee")
        seen.add(insee)
        postcodes = (row.get("codes_postaux") or "").split()
        bad = [p for p in postcodes if not _POSTCODE.match(p)]
        if bad:
            raise DataFileError(
                f"code postal invalide « {bad[0]} »", source=source, record=rec, field="codes_postaux"
            )
        dept = _required(row, "code_departement", source, rec)
        if dept not in dept_codes:
            raise DataFileError("département inconnu", source=source, record=rec, field="code_departement")
        region = _required(row, "code_region", source, rec)
        if region not in region_codes:
            raise DataFileError("région inconnue", source=source, record=rec, field="code_region")
        epci = (row.get("siren_epci") or "").strip() or None
        if epci is not None and epci not in epci_codes:
            raise DataFileError("EPCI inconnu", source=source, record=rec, field="siren_epci")
        lat = _number(row.get("latitude"), float, source, rec, "latitude")
        lon = _number(row.get("longitude"), float, source, rec, "longitude")
        located = lat is not None and lon is not None
        if (lat is None) != (lon is None) or (located and not (-90 <= lat <= 90 and -180 <= lon <= 180)):
            raise DataFileError("coordonnées invalides", source=source, record=rec, field="latitude")
        communes.append(
            {
                "insee": insee,
                "name": _required(row, "nom", source, rec),
                "postcodes": " ".join(postcodes),
                "department_code": dept,
                "region_code": region,
                "epci_siren": epci,
                "population": _number(row.get("population"), int, source, rec, "population") or 0,
                "lat": lat,
                "lon": lon,
            }
        )
    if not communes:
        raise DataFileError("aucune commune", source=source)
    return RawData(regions=regions, departments=departments, epcis=epcis, communes=communes)
