"""An in-memory, column-wise copy of the projects table, so that a near-me query over tens of thousands
of projects is a few vectorised comparisons. Rebuilt when a new import has been stored (checked by
one cheap query on the import log), so every web worker stays in step with the database."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError, ProgrammingError

from regia.config import get_settings
from regia.db import get_engine
from regia.projects.models import ImportRow, ProjectRow, SourceRow
from regia.projects.themes import THEMES

SLUGS = list(THEMES)


@dataclass
class Snapshot:
    url: str  # database it was read from
    stamp: int | None
    ids: list[str]
    titles: list[str]
    communes: list[str | None]
    insee: np.ndarray  # str codes ("" when unknown)
    epci: np.ndarray
    department: np.ndarray
    region: np.ndarray
    lat: np.ndarray  # float, NaN when unknown
    lon: np.ndarray
    amount: np.ndarray  # float, NaN when unknown
    year: np.ndarray  # int, -1 when unknown
    primary: np.ndarray  # index in SLUGS of the primary theme, -1 when none
    theme_bits: np.ndarray  # bit i set when the project has theme SLUGS[i]
    assumed: np.ndarray  # True when the theme is the default for a bare beneficiary name
    themes: list[list[str]]
    funder_names: list[str]
    funder: np.ndarray  # index in funder_names
    source_keys: list[str]
    source: np.ndarray  # index in source_keys
    source_labels: dict[str, str]
    position: dict[str, int]

    def __len__(self) -> int:
        return len(self.ids)


_lock = threading.Lock()
_current: Snapshot | None = None


def _stamp() -> int | None:
    """Id of the latest import (None before any): one indexed query."""
    try:
        with get_engine().connect() as conn:
            return conn.execute(select(func.max(ImportRow.id))).scalar()
    except (OperationalError, ProgrammingError):  # tables not created yet
        return None


def current() -> Snapshot:
    """The snapshot of the latest import (rebuilt when the import log has moved on)."""
    global _current
    url, stamp = get_settings().db_url, _stamp()

    def fresh(snap: Snapshot | None) -> bool:
        return snap is not None and snap.url == url and snap.stamp == stamp and stamp is not None

    if fresh(_current):
        return _current
    with _lock:
        if not fresh(_current):
            _current = _build(url, stamp)
        return _current


def _build(url: str, stamp: int | None) -> Snapshot:
    columns = (
        ProjectRow.id,
        ProjectRow.title,
        ProjectRow.commune,
        ProjectRow.insee,
        ProjectRow.epci,
        ProjectRow.department,
        ProjectRow.region,
        ProjectRow.lat,
        ProjectRow.lon,
        ProjectRow.amount,
        ProjectRow.year,
        ProjectRow.themes,
        ProjectRow.theme_method,
        ProjectRow.funder,
        ProjectRow.source,
    )
    rows, labels = [], {}
    if stamp is not None:
        with get_engine().connect() as conn:
            rows = conn.execute(select(*columns).order_by(ProjectRow.id)).all()
            labels = dict(conn.execute(select(SourceRow.key, SourceRow.label)).all())
    bit = {slug: 1 << i for i, slug in enumerate(SLUGS)}
    themes = [list(r.themes or []) for r in rows]
    funder_names, funder_idx = _codes([r.funder or "" for r in rows])
    source_keys, source_idx = _codes([r.source for r in rows])

    def text(values) -> np.ndarray:
        return np.array([v or "" for v in values], dtype="U9")

    def number(values, missing) -> np.ndarray:
        return np.array([missing if v is None else v for v in values], dtype=float)

    return Snapshot(
        url=url,
        stamp=stamp,
        ids=[r.id for r in rows],
        titles=[r.title for r in rows],
        communes=[r.commune for r in rows],
        insee=text(r.insee for r in rows),
        epci=text(r.epci for r in rows),
        department=text(r.department for r in rows),
        region=text(r.region for r in rows),
        lat=number((r.lat for r in rows), np.nan),
        lon=number((r.lon for r in rows), np.nan),
        amount=number((r.amount for r in rows), np.nan),
        year=np.array([-1 if r.year is None else r.year for r in rows], dtype=np.int32),
        primary=np.array([SLUGS.index(t[0]) if t and t[0] in bit else -1 for t in themes], dtype=np.int8),
        theme_bits=np.array([sum(bit.get(s, 0) for s in set(t)) for t in themes], dtype=np.int32),
        assumed=np.array([r.theme_method == "default" for r in rows], dtype=bool),
        themes=themes,
        funder_names=funder_names,
        funder=funder_idx,
        source_keys=source_keys,
        source=source_idx,
        source_labels=labels,
        position={r.id: i for i, r in enumerate(rows)},
    )


def _codes(values: list[str]) -> tuple[list[str], np.ndarray]:
    """Distinct values and, per row, the index of its value."""
    distinct = sorted(set(values))
    index = {v: i for i, v in enumerate(distinct)}
    return distinct, np.array([index[v] for v in values], dtype=np.int32)
