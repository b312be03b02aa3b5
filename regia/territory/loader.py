"""`regia load` step for the territory: the bundled referential into the ``territory_*`` tables.

Loading synchronises the tables with the files in one transaction: only the rows that differ are
written, so a second run changes nothing, and a failing run leaves the previous referential in place.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, exists, insert, inspect, select, update
from sqlalchemy.exc import OperationalError, ProgrammingError

from regia.config import get_settings
from regia.db import get_engine, session_scope
from regia.territory.models import TABLES, CommuneRow
from regia.territory.sources import RawData, read_folder


def default_folder() -> Path:
    return get_settings().data_dir / "territory"


def load_default() -> dict[str, int]:
    return load_folder(default_folder())


def load_folder(folder: Path) -> dict[str, int]:
    """Import a referential folder (see ``regia.territory.sources``); returns counts of changed rows."""
    from regia.db import init_db
    from regia.territory.referential import forget_referential

    raw = read_folder(Path(folder))  # validated before anything is written
    init_db()
    counts = {"inserted": 0, "updated": 0, "deleted": 0}
    with session_scope() as session:
        stale = {}
        for model in TABLES:
            key = inspect(model).primary_key[0]
            columns = [c.key for c in model.__table__.columns]
            rows = _rows_of(raw, model.__tablename__)
            wanted = {row[key.key]: row for row in rows}
            existing = {}
            for values in session.execute(select(*model.__table__.columns)):
                row = dict(zip(columns, values, strict=True))
                existing[row[key.key]] = row
            added = [row for pk, row in wanted.items() if pk not in existing]
            changed = [row for pk, row in wanted.items() if pk in existing and existing[pk] != row]
            if added:
                session.execute(insert(model.__table__), added)  # Core executemany: no ORM bookkeeping
            if changed:
                session.execute(update(model), changed)
            stale[model] = (key, [pk for pk in existing if pk not in wanted])
            counts["inserted"] += len(added)
            counts["updated"] += len(changed)
        for model in reversed(TABLES):  # children first
            key, gone = stale[model]
            for start in range(0, len(gone), 500):
                session.execute(delete(model).where(key.in_(gone[start : start + 500])))
            counts["deleted"] += len(gone)
    forget_referential()
    return counts


def _rows_of(raw: RawData, table: str) -> list[dict]:
    return {
        "territory_regions": raw.regions,
        "territory_departments": raw.departments,
        "territory_epcis": raw.epcis,
        "territory_communes": raw.communes,
    }[table]


def is_loaded() -> bool:
    engine = get_engine()
    try:
        if not inspect(engine).has_table(CommuneRow.__tablename__):
            return False
        with engine.connect() as conn:
            return bool(conn.execute(select(exists().where(CommuneRow.insee.is_not(None)))).scalar())
    except (OperationalError, ProgrammingError):
        return False
