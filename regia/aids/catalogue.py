"""The aid catalogue in the database: transactional, idempotent imports and reads."""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from regia.aids.conditions import add_read_conditions
from regia.aids.models import SOURCES, Aid, AidArea, AidRecord, ImportRun
from regia.aids.perimeters import apply_corrections
from regia.config import get_settings
from regia.db import session_scope
from regia.errors import DataFileError, InputError, NotFound

IMPORTERS = {
    "aides-jeunes": "regia.aids.importers.aides_jeunes",
    "aides-velo": "regia.aids.importers.aides_velo",
    "aides-territoires": "regia.aids.importers.aides_territoires",
}


@dataclass
class ImportReport:
    source: str
    file: str
    count: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    undetermined: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def parse_file(source: str, path: Path) -> list[AidRecord]:
    if source not in IMPORTERS:
        raise InputError(f"source inconnue « {source} » ; valeurs possibles : {', '.join(SOURCES)}", "source")
    records = importlib.import_module(IMPORTERS[source]).parse(Path(path))
    apply_corrections(records, source, corrections())
    add_read_conditions(records, source, read_conditions())
    return records


def _table(name: str) -> dict:
    path = get_settings().data_dir / "aids" / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def corrections() -> dict:
    """Hand-made narrowing of perimeters too broad in a source (``data/aids/corrections.json``)."""
    return _table("corrections.json")


def read_conditions() -> dict:
    """Typed conditions read by hand in aids' own texts (``data/aids/conditions.json``)."""
    return _table("conditions.json")


def import_file(source: str, path: Path, replace: bool = True) -> ImportReport:
    """Parse a whole file, then write it in one transaction (all or nothing).

    ``replace``: the file is the source's full catalogue (records absent from it are removed);
    otherwise its records are added or updated only (for partial files such as provider samples).
    """
    path = Path(path)
    digest = inputs_digest(source, path)
    if replace:
        with session_scope() as session:
            run = session.get(ImportRun, source)
            if run is not None and run.sha256 == digest:  # same file, same rules: nothing can change
                return ImportReport(source, path.name, count=run.count, unchanged=run.count)
    records = parse_file(source, path)
    return store(source, records, path.name, digest, replace)


def inputs_digest(source: str, path: Path) -> str:
    """Fingerprint of everything an import depends on: the file, the hand-made tables, the importer code
    and the territory data (a change in any of them re-parses the file)."""
    if source not in IMPORTERS:
        raise InputError(f"source inconnue « {source} » ; valeurs possibles : {', '.join(SOURCES)}", "source")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataFileError(f"fichier illisible ({exc.strerror})", source=path.name) from exc
    digest = hashlib.sha256(data)
    package = Path(__file__).parent
    settings = get_settings()
    dependencies = [
        Path(importlib.util.find_spec(IMPORTERS[source]).origin),
        package / "importers" / "common.py",
        package / "perimeters.py",
        package / "models.py",
        package / "themes.py",
        package / "conditions.py",
        settings.data_dir / "aids" / "corrections.json",
        settings.data_dir / "aids" / "conditions.json",
        settings.data_dir / "aids" / "financeurs.csv",
        *sorted((settings.data_dir / "territory").glob("*")),
    ]
    for dependency in dependencies:
        if dependency.is_file():
            digest.update(dependency.name.encode() + dependency.read_bytes())
    return digest.hexdigest()


def store(source: str, records: list[AidRecord], file_name: str, digest: str, replace: bool) -> ImportReport:
    report = ImportReport(source, file_name, count=len(records))
    seen: set[str] = set()
    for rec in records:
        if rec.id in seen:
            raise DataFileError("identifiant en double", source=file_name, record=rec.id, field="id")
        seen.add(rec.id)
        if not rec.perimeter.determined:
            report.undetermined.append(rec.id)
        if rec.perimeter.note:
            report.notes[rec.id] = rec.perimeter.note
    with session_scope() as session:
        clash = (
            session.scalars(select(Aid.id).where(Aid.id.in_(seen), Aid.source != source)).first()
            if seen
            else None
        )
        if clash:
            raise DataFileError(
                "identifiant déjà utilisé par une autre source", source=file_name, record=clash, field="id"
            )
        existing = dict(session.execute(select(Aid.id, Aid.content_hash).where(Aid.source == source)).all())
        for rec in records:
            digest_rec = rec.content_hash()
            if existing.get(rec.id) == digest_rec:
                report.unchanged += 1
                continue
            if rec.id in existing:
                session.delete(session.get(Aid, rec.id))
                session.flush()
                report.updated += 1
            else:
                report.added += 1
            session.add(_row(rec, digest_rec))
        if replace:
            for gone in set(existing) - seen:
                session.delete(session.get(Aid, gone))
                report.removed += 1
        session.flush()
        run = session.get(ImportRun, source)
        if run is None or run.sha256 != digest or report.added or report.updated or report.removed:
            session.merge(
                ImportRun(
                    source=source,
                    file_name=file_name,
                    sha256=digest,
                    imported_at=datetime.now().replace(microsecond=0),
                    count=session.scalar(select(func.count()).select_from(Aid).where(Aid.source == source)),
                    report={"undetermined": report.undetermined, "notes": report.notes},
                )
            )
    return report


def _row(rec: AidRecord, digest: str) -> Aid:
    p = rec.perimeter
    areas = [AidArea(kind=k, code=c, excluded=False) for k, codes in p.included().items() for c in codes]
    areas += [AidArea(kind=k, code=c, excluded=True) for k, codes in p.excluded().items() for c in codes]
    return Aid(
        id=rec.id,
        source=rec.source,
        title=rec.title,
        institution=rec.institution,
        institution_type=rec.institution_type,
        institution_code=rec.institution_code,
        level=p.level,
        national=p.national,
        perimeter_determined=p.determined,
        perimeter_note=p.note,
        profiles=rec.profiles,
        conditions=rec.conditions,
        profile_conditions=rec.profile_conditions,
        conditions_text=rec.conditions_text,
        amount=rec.amount,
        amount_unit=rec.amount_unit,
        amount_text=rec.amount_text,
        periodicity=rec.periodicity,
        url=rec.url,
        how_to_apply=rec.how_to_apply.model_dump(),
        description=rec.description,
        beneficiaries=rec.beneficiaries,
        themes=rec.themes,
        updated=rec.updated,
        content_hash=digest,
        areas=areas,
    )


def get_aid(aid_id: str) -> AidRecord:
    with session_scope() as session:
        row = session.get(Aid, aid_id, options=[selectinload(Aid.areas)])
        if row is None:
            raise NotFound(f"aucune aide n'a l'identifiant « {aid_id} »", "id")
        return row.to_record()


def content_hashes() -> list[str]:
    """Content hashes of the catalogue's records, in id order (what the search index is built from)."""
    with session_scope() as session:
        return list(session.scalars(select(Aid.content_hash).order_by(Aid.id)))


def all_aids(sources: Iterable[str] = SOURCES) -> list[AidRecord]:
    with session_scope() as session:
        rows = session.scalars(
            select(Aid).where(Aid.source.in_(list(sources))).options(selectinload(Aid.areas)).order_by(Aid.id)
        ).all()
        return [row.to_record() for row in rows]


def import_runs() -> list[dict]:
    with session_scope() as session:
        return [
            {
                "source": r.source,
                "file": r.file_name,
                "sha256": r.sha256,
                "imported_at": r.imported_at.isoformat(),
                "count": r.count,
                "undetermined": len(r.report.get("undetermined", [])),
            }
            for r in session.scalars(select(ImportRun).order_by(ImportRun.source))
        ]


def undetermined_aids() -> list[dict]:
    """Aids whose perimeter could not be determined (never offered once a place is known)."""
    with session_scope() as session:
        rows = session.execute(
            select(Aid.id, Aid.source, Aid.perimeter_note)
            .where(Aid.perimeter_determined.is_(False))
            .order_by(Aid.id)
        ).all()
    return [{"id": i, "source": s, "note": n} for i, s, n in rows]
