"""`regia load` step for projects: the bundled datasets of ``data/projects`` into the database."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, select
from sqlalchemy.exc import OperationalError, ProgrammingError

from regia.config import get_settings
from regia.db import get_engine
from regia.progress import status
from regia.projects.importers import acv, detr, import_file, scdl
from regia.projects.importers.common import Report
from regia.projects.models import ProjectRow

DEFAULT_FILES = (
    ("subventions-pays-de-la-loire.csv.gz", scdl.PAYS_DE_LA_LOIRE),
    ("detr-dsil-yvelines.csv.gz", detr.YVELINES),
    ("action-coeur-de-ville-2024-09.geojson.gz", acv.ACTION_COEUR_DE_VILLE),
)


def default_folder() -> Path:
    return get_settings().data_dir / "projects"


def load_default() -> list[Report]:
    reports = []
    for name, source in DEFAULT_FILES:
        report = import_file(default_folder() / name, source=source)
        status(f"projets : {report.loaded} chargés depuis {name}, {len(report.rejected)} lignes rejetées")
        reports.append(report)
    return reports


def is_loaded() -> bool:
    engine = get_engine()
    try:
        if not inspect(engine).has_table(ProjectRow.__tablename__):
            return False
        with engine.connect() as conn:
            return conn.execute(select(ProjectRow.id).limit(1)).first() is not None
    except (OperationalError, ProgrammingError):
        return False
