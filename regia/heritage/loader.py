"""`regia load` step for heritage: the bundled knowledge base (Mérimée Toulouse buildings, DATAtourisme
points of interest) into ``heritage_records``. No video is analysed here: `regia heritage import` does it.

A source is replaced as a whole in one transaction: a failing import leaves the previous records.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import delete, exists, insert, inspect, select
from sqlalchemy.exc import OperationalError, ProgrammingError

from regia.config import get_settings
from regia.db import get_engine, init_db, session_scope
from regia.errors import DataFileError, InputError
from regia.heritage.knowledge import (
    DATATOURISME_SOURCE,
    MERIMEE_SOURCE,
    datatourisme_records,
    merimee_records,
)
from regia.heritage.models import HeritageRecord


def default_folder() -> Path:
    return get_settings().data_dir / "heritage"


def load_default() -> dict[str, int]:
    folder = default_folder()
    counts = load_file(folder / "merimee-toulouse.geojson.gz")
    counts.update(load_file(folder / "datatourisme.jsonl.gz"))
    return counts


def load_file(path: Path) -> dict[str, int]:
    """Import a Mérimée GeoJSON export or DATAtourisme JSON-LD points of interest (one object, a list,
    or JSON lines; optionally gzip-compressed); returns {source: number of records}."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"fichier introuvable : {path}", "path")
    text = _read_text(path)
    try:
        if text.lstrip().startswith("{") and '"features"' in text[:2000]:
            return {
                MERIMEE_SOURCE: replace_source(MERIMEE_SOURCE, merimee_records(json.loads(text), path.name))
            }
        items = _json_items(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(f"JSON invalide ({exc.msg}, ligne {exc.lineno})", source=path.name) from exc
    return {DATATOURISME_SOURCE: replace_source(DATATOURISME_SOURCE, datatourisme_records(items, path.name))}


def _read_text(path: Path) -> str:
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rt", encoding="utf-8") as f:
                return f.read()
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise DataFileError(f"lecture impossible ({exc})", source=path.name) from exc


def _json_items(text: str) -> list[dict]:
    stripped = text.lstrip()
    if stripped.startswith("["):
        return json.loads(stripped)
    if stripped.startswith("{") and "\n{" not in stripped:
        return [json.loads(stripped)]
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def replace_source(source: str, records: Iterable[dict]) -> int:
    """Replace every record of ``source`` by ``records`` (validated before anything is written)."""
    rows = list(records)
    ids = [r["id"] for r in rows]
    if len(set(ids)) != len(ids):
        raise DataFileError("identifiants en double", source=source)
    init_db()
    with session_scope() as session:
        session.execute(delete(HeritageRecord).where(HeritageRecord.source == source))
        for start in range(0, len(rows), 1000):
            session.execute(insert(HeritageRecord), rows[start : start + 1000])
    from regia.heritage.linking import forget_gazetteer

    forget_gazetteer()
    return len(rows)


def is_loaded() -> bool:
    engine = get_engine()
    try:
        if not inspect(engine).has_table(HeritageRecord.__tablename__):
            return False
        with engine.connect() as conn:
            return bool(conn.execute(select(exists().where(HeritageRecord.id.is_not(None)))).scalar())
    except (OperationalError, ProgrammingError):
        return False
