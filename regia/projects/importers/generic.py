"""Any CSV or GeoJSON export of projects, read through a column mapping file (YAML or JSON), so that a
Region can load its own data. Example (see docs/projects.md):

    source: region-subventions-2023        # identifier: a new import of it replaces the previous one
    label: Subventions 2023 de la Région   # cited by summaries
    url: https://data.example.fr/subventions-2023
    format: csv                             # csv or geojson (default: from the file's extension)
    columns:                                # project field -> column (or GeoJSON property) of the file
      id: numero_dossier
      title: intitule
      beneficiary: beneficiaire
      commune: commune
      amount: montant_vote
      year: date_vote
    defaults:                               # constant values for fields that have no column
      funder: Région
      department: "44"
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from regia.errors import DataFileError, InputError
from regia.projects.importers.common import (
    Draft,
    Rejection,
    RowError,
    Source,
    clean,
    feature_parts,
    parse_amount,
    parse_themes,
    parse_year,
    read_csv,
    read_geojson,
)

FIELDS = (
    "id",
    "title",
    "text",
    "beneficiary",
    "commune",
    "insee",
    "postcode",
    "department",
    "lat",
    "lon",
    "amount",
    "total_cost",
    "year",
    "funder",
    "scheme",
    "themes",
)
KEYS = ("source", "label", "url", "licence", "format", "delimiter", "columns", "defaults")
SOURCE_KEY = re.compile(r"[a-z0-9][a-z0-9-]{1,39}")


@dataclass(frozen=True)
class Mapping:
    source: Source
    format: str | None
    delimiter: str | None
    columns: dict[str, str]
    defaults: dict[str, str]


def read_mapping(path: Path) -> Mapping:
    """The mapping file, checked: every error names the key at fault."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"fichier de correspondance illisible : {exc.strerror}", "mapping") from exc
    except yaml.YAMLError as exc:
        raise InputError(
            f"fichier de correspondance invalide (YAML ou JSON attendu) : {exc}", "mapping"
        ) from exc
    if not isinstance(data, dict):
        raise InputError("fichier de correspondance : un objet (clé: valeur) est attendu", "mapping")
    unknown = [k for k in data if k not in KEYS]
    if unknown:
        raise InputError(f"clé inconnue « {unknown[0]} » (clés possibles : {', '.join(KEYS)})", unknown[0])
    key = str(data.get("source") or "")
    if not SOURCE_KEY.fullmatch(key):
        raise InputError(
            "« source » : identifiant de 2 à 40 caractères (a-z, 0-9, tirets) obligatoire", "source"
        )
    fmt = data.get("format")
    if fmt not in (None, "csv", "geojson"):
        raise InputError("« format » : csv ou geojson", "format")
    columns = _field_map(data.get("columns"), "columns")
    defaults = _field_map(data.get("defaults"), "defaults") if data.get("defaults") is not None else {}
    if not ({"title", "text"} & set(columns)):
        raise InputError(
            "« columns » : indiquez au moins la colonne du titre (title) ou du texte (text)", "columns"
        )
    source = Source(key, str(data.get("label") or key), data.get("url"), data.get("licence"))
    return Mapping(source, fmt, data.get("delimiter"), columns, defaults)


def _field_map(value, name: str) -> dict[str, str]:
    if not isinstance(value, dict) or not value:
        raise InputError(
            f"« {name} » : un objet « champ: {'colonne' if name == 'columns' else 'valeur'} » est attendu",
            name,
        )
    for field in value:
        if field not in FIELDS:
            raise InputError(
                f"« {name} » : champ inconnu « {field} » (champs possibles : {', '.join(FIELDS)})",
                f"{name}.{field}",
            )
    return {field: str(column) for field, column in value.items()}


def read(path: Path, mapping: Mapping) -> list[Draft | Rejection]:
    fmt = mapping.format or ("geojson" if re.search(r"\.(geo)?json(\.gz)?$", path.name) else "csv")
    if fmt == "geojson":
        records = []
        for feature in read_geojson(path):
            try:
                props, lat, lon = feature_parts(feature)
                records.append({**props, "\0lat": lat, "\0lon": lon})
            except RowError as exc:
                records.append(exc)
        columns = {**mapping.columns, "lat": "\0lat", "lon": "\0lon"}
    else:
        header, records = read_csv(path, mapping.delimiter)
        missing = [f"« {c} » (champ {f})" for f, c in mapping.columns.items() if c not in header]
        if missing:
            raise DataFileError(f"colonne(s) absente(s) du fichier : {', '.join(missing)}", source=path.name)
        columns = mapping.columns
    return [_draft(number, record, columns, mapping.defaults) for number, record in enumerate(records, 1)]


def _draft(number: int, record, columns: dict[str, str], defaults: dict[str, str]) -> Draft | Rejection:
    if isinstance(record, RowError):
        return Rejection(number, record.message, record.field)

    def value(field: str):
        if field in columns and record.get(columns[field]) not in (None, ""):
            return record.get(columns[field])
        return defaults.get(field)

    def column(field: str) -> str:
        return columns.get(field, field)

    try:
        title, text = clean(value("title")), clean(value("text"))
        if not (title or text):
            raise RowError("titre et texte vides", column("title"))
        lat, lon = _coordinate(value("lat"), column("lat")), _coordinate(value("lon"), column("lon"))
        if (lat is None) != (lon is None):
            raise RowError("latitude et longitude vont ensemble : l'une manque", column("lat"))
        draft = Draft(
            row=number,
            key=clean(value("id")),
            title=title or text[:200],
            text=text or title,
            beneficiary=clean(value("beneficiary")),
            insee=clean(value("insee")),
            commune=clean(value("commune")),
            postcode=clean(value("postcode")),
            department=clean(value("department")),
            lat=lat,
            lon=lon,
            amount=parse_amount(value("amount"), column("amount")),
            total_cost=parse_amount(value("total_cost"), column("total_cost")),
            year=parse_year(value("year"), column("year")),
            funder=clean(value("funder")) or "",
            scheme=clean(value("scheme")),
            themes=parse_themes(value("themes"), column("themes")),
        )
    except RowError as exc:
        return Rejection(number, exc.message, exc.field)
    if draft.department and not (draft.insee or draft.commune):
        draft.search = [t for t in (draft.title, draft.text, draft.beneficiary) if t]
    return draft


def _coordinate(value, field: str) -> float | None:
    if value is None:
        return None
    try:
        return float(str(value).replace(",", "."))
    except ValueError:
        raise RowError(f"coordonnée illisible : « {value} »", field) from None
