"""`regia load` step for aids: the bundled source files into the catalogue, then the search index.

Both halves are idempotent: an unchanged file changes no row, and the index is rebuilt only when the
catalogue's fingerprint differs from the saved index's (embeddings come from the on-disk cache).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, inspect, select

from regia.aids.catalogue import ImportReport, content_hashes, import_file
from regia.aids.models import SOURCES, Aid
from regia.aids.search import build_index, catalogue_fingerprint, index_manifest
from regia.config import get_settings
from regia.db import get_engine, session_scope
from regia.progress import status

DEFAULT_FILES = {
    "aides-jeunes": "benefits_consolidated.json.gz",
    "aides-velo": "aides_velo_flat.json.gz",
    "aides-territoires": "aides-territoires_periurbain.csv.gz",
}


def default_file(source: str) -> Path:
    return get_settings().data_dir / "aids" / DEFAULT_FILES[source]


def load_default() -> list[ImportReport]:
    reports = [import_file(source, default_file(source)) for source in SOURCES]
    for report in reports:
        if report.undetermined:
            status(
                f"aides ({report.source}) : {len(report.undetermined)} aide(s) au périmètre indéterminé, "
                "proposées seulement quand aucun lieu n'est connu"
            )
    refresh_index()
    return reports


def refresh_index(force: bool = False) -> dict:
    """Rebuild the search index if the catalogue changed since it was built."""
    manifest = index_manifest()
    if not force and manifest and manifest.get("fingerprint") == catalogue_fingerprint(content_hashes()):
        return manifest
    return build_index()


def is_loaded() -> bool:
    if not inspect(get_engine()).has_table(Aid.__tablename__):
        return False
    with session_scope() as session:
        sources = set(session.scalars(select(Aid.source).group_by(Aid.source)).all())
        count = session.scalar(select(func.count()).select_from(Aid))
    return sources == set(SOURCES) and bool(count) and index_manifest() is not None
