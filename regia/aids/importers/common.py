"""Reading source files (plain or gzip) and checking their fields, with errors that name the record."""

from __future__ import annotations

import csv
import gzip
import io
import json
import zlib
from pathlib import Path
from typing import Any

from regia.errors import DataFileError
from regia.text.normalize import strip_html


def read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataFileError(f"fichier illisible ({exc.strerror})", source=path.name) from exc
    try:
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        return raw.decode("utf-8-sig")
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as exc:
        raise DataFileError(f"fichier corrompu ou mal encodé ({exc})", source=path.name) from exc


def read_json(path: Path) -> Any:
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(
            f"JSON invalide ligne {exc.lineno}, colonne {exc.colno} : {exc.msg}", source=path.name
        ) from exc


def read_csv(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    text = read_text(path)
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise DataFileError(f"colonne(s) absente(s) : {', '.join(missing)}", source=path.name)
    try:
        return list(reader)
    except csv.Error as exc:
        raise DataFileError(f"CSV invalide ligne {reader.line_num} : {exc}", source=path.name) from exc


class Fields:
    """Typed access to one source record; every failure names the file, the record and the field."""

    def __init__(self, data: Any, source: str, record: str):
        if not isinstance(data, dict):
            raise DataFileError("l'enregistrement n'est pas un objet", source=source, record=record)
        self.data, self.source, self.record = data, source, record

    def fail(self, field: str, message: str) -> DataFileError:
        return DataFileError(message, source=self.source, record=self.record, field=field)

    def text(self, field: str, required: bool = False, html: bool = False) -> str | None:
        value = self.data.get(field)
        if value is None or value == "":
            if required:
                raise self.fail(field, "valeur obligatoire absente")
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise self.fail(field, f"texte attendu, trouvé {type(value).__name__}")
        value = strip_html(value) if html else value.strip()
        if required and not value:
            raise self.fail(field, "valeur obligatoire vide")
        return value or None

    def number(self, field: str) -> float | None:
        value = self.data.get(field)
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(field, f"nombre attendu, trouvé {value!r}"[:200])
        return float(value)

    def items(self, field: str, kind: type = dict) -> list:
        value = self.data.get(field)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, kind) for v in value):
            raise self.fail(field, f"liste de {kind.__name__} attendue")
        return value

    def obj(self, field: str) -> dict:
        value = self.data.get(field)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(field, "objet attendu")
        return value
