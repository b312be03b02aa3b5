"""Readers of the files in ``data/skills/`` (see ``regia.skills.bundle``), with clear errors."""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from regia.errors import DataFileError


def _open(path: Path):
    if not path.exists():
        raise DataFileError("fichier absent (lancez `regia skills build-data`)", source=str(path))
    return gzip.open(path, "rt", encoding="utf-8", newline="") if path.suffix == ".gz" else open(path)


def read_csv(path: Path, required: tuple[str, ...] = ()) -> list[dict]:
    with _open(path) as f:
        reader = csv.DictReader(f)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise DataFileError(f"colonnes manquantes : {', '.join(missing)}", source=path.name)
        rows = list(reader)
    for i, row in enumerate(rows, 2):
        for column in required:
            if not row[column]:
                raise DataFileError("valeur vide", source=path.name, record=f"ligne {i}", field=column)
    return rows


def read_jsonl(path: Path) -> Iterator[dict]:
    with _open(path) as f:
        for i, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataFileError(
                    f"JSON invalide ({exc.msg})", source=path.name, record=f"ligne {i}"
                ) from exc


def read_occupations(folder: Path) -> list[dict]:
    return read_csv(folder / "rome_occupations.csv.gz", ("code", "label", "parent"))


def read_appellations(folder: Path) -> list[dict]:
    return read_csv(folder / "rome_appellations.csv.gz", ("code", "rome", "label"))


def read_items(folder: Path) -> list[dict]:
    return read_csv(folder / "rome_items.csv.gz", ("code", "label", "kind"))


def read_fiche_items(folder: Path) -> list[dict]:
    return read_csv(folder / "rome_fiche_items.csv.gz", ("rome", "item"))


def read_mobility(folder: Path) -> list[dict]:
    return read_csv(folder / "rome_mobility.csv.gz", ("rome", "target"))


def read_esco_occupations(folder: Path) -> list[dict]:
    return read_csv(folder / "esco_occupations.csv.gz", ("id", "label"))


def read_esco_skills(folder: Path) -> list[dict]:
    return read_csv(folder / "esco_skills.csv.gz", ("id", "label"))
