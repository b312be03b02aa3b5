"""The described fund: importing a folder or a CSV manifest of videos, and searching it.

Every file is probed before any analysis, so a bad manifest or an unreadable file stops the import
before anything changes. Each video is then described into a fresh folder and recorded in one
transaction; its previous description stays in place until the new one is complete.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import select

from regia.config import get_settings
from regia.db import init_db, session_scope
from regia.errors import DataFileError, InputError, NotFound
from regia.heritage.describe import Meta, describe_video
from regia.heritage.models import HeritageVideo
from regia.heritage.probe import MediaInfo, is_video_file, probe
from regia.text.lemmas import lemma_tokens

MANIFEST_FIELDS = ("file", "title", "date", "place", "rights", "credits")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Entry:
    path: Path
    meta: Meta
    row: int | None = None  # manifest line


@dataclass
class ImportReport:
    described: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"described": self.described, "unchanged": self.unchanged, "skipped": self.skipped}


def video_id(path: Path) -> str:
    return hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:12]


def video_dir(vid: str) -> Path:
    return get_settings().home / "heritage" / "videos" / vid


def urls(vid: str) -> dict[str, str]:
    base = f"/api/v1/heritage/videos/{vid}"
    return {
        "video": f"{base}/media",
        "thumbnail": f"{base}/keyframes/1",
        "subtitles": f"{base}/subtitles.vtt",
    }


def read_manifest(path: Path) -> list[Entry]:
    """Rows of a CSV manifest (columns file, title, date, place, rights, credits; ``,`` or ``;``); file
    paths are relative to the manifest's folder."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"lecture impossible ({exc})", source=path.name) from exc
    delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    if "file" not in columns:
        raise DataFileError(
            f"colonne 'file' absente (colonnes attendues : {', '.join(MANIFEST_FIELDS)})", source=path.name
        )
    entries = []
    for n, raw in enumerate(reader, 2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        if not row.get("file"):
            raise DataFileError(
                "chemin de la vidéo vide", source=path.name, record=f"ligne {n}", field="file"
            )
        file = (path.parent / row["file"]).resolve()
        if not file.is_file():
            raise DataFileError(
                f"fichier introuvable : {file}", source=path.name, record=f"ligne {n}", field="file"
            )
        if row.get("date") and not _DATE.match(row["date"]):
            raise DataFileError(
                f"date « {row['date']} » : format AAAA, AAAA-MM ou AAAA-MM-JJ attendu",
                source=path.name, record=f"ligne {n}", field="date",
            )  # fmt: skip
        meta = Meta(**{k: row.get(k, "")[:500] for k in MANIFEST_FIELDS if k != "file"})
        entries.append(Entry(file, meta, n))
    if not entries:
        raise DataFileError("aucune vidéo listée", source=path.name)
    return entries


def entries_of(target: Path) -> list[Entry]:
    target = Path(target)
    if target.is_dir():
        files = sorted(p for p in target.rglob("*") if is_video_file(p))
        if not files:
            raise InputError(
                f"Aucune vidéo ({', '.join(sorted({'.mp4', '.mkv', '.webm', '.mov'}))}…) dans {target}",
                "source",
            )
        return [Entry(p.resolve(), Meta()) for p in files]
    if target.is_file() and target.suffix.lower() == ".csv":
        return read_manifest(target)
    if target.is_file():
        raise InputError(f"{target} : un dossier de vidéos ou un manifeste CSV est attendu", "source")
    raise InputError(f"Dossier ou manifeste introuvable : {target}", "source")


def import_videos(target: Path, force: bool = False, skip_invalid: bool = False) -> ImportReport:
    """Describe every video of a folder or manifest into the catalogue (unchanged files are skipped)."""
    from regia.progress import track

    entries = entries_of(Path(target))
    probed: list[tuple[Entry, MediaInfo]] = []
    report = ImportReport()
    for entry in entries:
        try:
            probed.append((entry, probe(entry.path, field="file")))
        except InputError as exc:
            if not skip_invalid:
                where = f" (ligne {entry.row})" if entry.row else ""
                raise InputError(
                    f"{exc.message}{where}. Rien n'a été importé ; corrigez le fichier "
                    "ou relancez avec --skip-invalid.",
                    "file",
                ) from exc
            report.skipped.append({"file": str(entry.path), "reason": exc.message})
    init_db()
    for entry, info in track(probed, "Description des vidéos"):
        vid = video_id(entry.path)
        if not force and _unchanged(vid, entry, info):
            report.unchanged.append(vid)
            continue
        _describe_one(vid, entry, info)
        report.described.append(vid)
    build_index()
    return report


def _unchanged(vid: str, entry: Entry, info: MediaInfo) -> bool:
    with session_scope() as session:
        row = session.get(HeritageVideo, vid)
        return bool(
            row
            and row.size_bytes == info.size_bytes
            and abs(row.mtime - entry.path.stat().st_mtime) < 1e-3
            and row.result.get("meta") == asdict(entry.meta)
            and video_dir(vid).is_dir()
        )


def _describe_one(vid: str, entry: Entry, info: MediaInfo) -> None:
    final = video_dir(vid)
    fresh = final.with_name(f"{vid}.new")
    shutil.rmtree(fresh, ignore_errors=True)
    result = describe_video(entry.path, fresh, entry.meta, urls=urls(vid))
    result = json.loads(
        json.dumps(result).replace(json.dumps(str(fresh))[1:-1], json.dumps(str(final))[1:-1])
    )
    values = {
        "path": info.path,
        "size_bytes": info.size_bytes,
        "mtime": entry.path.stat().st_mtime,
        "title": result["title"][:500],
        "date": entry.meta.date,
        "place": entry.meta.place,
        "rights": entry.meta.rights,
        "credits": entry.meta.credits,
        "duration_s": info.duration_s,
        "width": info.width,
        "height": info.height,
        "has_audio": info.has_audio,
        "playable": info.playable,
        "description": result["description"],
        "keywords": result["keywords"],
        "themes": result["themes"],
        "places": [{k: p[k] for k in ("name", "ref", "kind", "source")} for p in result["places"]],
        "result": result,
        "out_dir": str(final),
        "described_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
    }
    with session_scope() as session:
        row = session.get(HeritageVideo, vid)
        old = final.with_name(f"{vid}.old")
        if final.exists():
            final.replace(old)
        fresh.replace(final)
        if row is None:
            session.add(HeritageVideo(id=vid, **values))
        else:
            for key, value in values.items():
                setattr(row, key, value)
    shutil.rmtree(final.with_name(f"{vid}.old"), ignore_errors=True)
    json_file = final / "description.json"
    json_file.write_text(json.dumps(result, ensure_ascii=False, indent=1))


def _document(row: HeritageVideo) -> tuple[str, str]:
    """(BM25 text, dense text) of a video: what is said, shown, linked and seen, without the description's
    recurring phrases (they would match every query)."""
    result = row.result
    said = " ".join(s["text"] for s in result.get("transcript", []))
    shown = " ".join(t["text"] for t in result.get("on_screen_text", []))
    places = " ".join(f"{p['name']} {p.get('title', '')}" for p in result.get("places", []))
    seen = {"noir et blanc" for s in result.get("shots", []) if s["descriptors"].get("monochrome")}
    seen |= {"extérieur" for s in result.get("shots", []) if s["descriptors"].get("setting") == "extérieur"}
    terms = " ".join(row.keywords + row.themes + sorted(seen))
    facts = " ".join(x for x in (row.place, row.date, row.credits) if x)
    bm25 = f"{row.title}\n{facts}\n{places}\n{terms}\n{shown}\n{said}"
    return bm25, f"{row.title}. {places}. {terms}. {shown}. {said[:600]}"


def index_dir() -> Path:
    return get_settings().index_dir / "heritage"


def build_index() -> int:
    from regia.search import HybridIndex

    with session_scope() as session:
        rows = session.execute(select(HeritageVideo).order_by(HeritageVideo.id)).scalars().all()
        docs = [(row.id, *_document(row)) for row in rows]
    folder = index_dir()
    shutil.rmtree(folder, ignore_errors=True)
    if docs:
        index = HybridIndex.build([d[0] for d in docs], [d[1] for d in docs], [d[2] for d in docs])
        index.save(folder)
    _INDEX.clear()
    return len(docs)


_INDEX: dict[float, object] = {}


def _index():
    from regia.search import HybridIndex

    marker = index_dir() / "ids.json"
    if not marker.is_file():
        return None
    stamp = marker.stat().st_mtime
    if stamp not in _INDEX:
        _INDEX.clear()
        _INDEX[stamp] = HybridIndex.load(index_dir())
    return _INDEX[stamp]


def search(query: str, limit: int = 10) -> list[dict]:
    """Videos of the fund for a French query, best first, with the moments where the query's words are
    said or shown."""
    query = (query or "").strip()
    if not query:
        raise InputError("Recherche vide : tapez quelques mots (un monument, un lieu, un thème).", "q")
    if len(query) > get_settings().max_query_chars:
        raise InputError(f"Recherche trop longue ({get_settings().max_query_chars} caractères au plus).", "q")
    index = _index()
    if index is None:
        return []
    lexical = index.bm25_scores(query) > 0  # the dense vectors re-rank, they never add a video
    hits = index.search(query, k=max(1, min(limit, 50)), allowed=lexical)
    with session_scope() as session:
        rows = {
            r.id: r
            for r in session.execute(
                select(HeritageVideo).where(HeritageVideo.id.in_([h.id for h in hits]))
            ).scalars()
        }
        return [
            summary(rows[h.id]) | {"score": h.score, "moments": moments(rows[h.id].result, query)}
            for h in hits
            if h.id in rows
        ]


def moments(result: dict, query: str, limit: int = 3) -> list[dict]:
    """Transcript segments and on-screen texts that contain a word of the query."""
    wanted = set(lemma_tokens(query))
    if not wanted:
        return []
    found = []
    for seg in result.get("transcript", []):
        if wanted & set(lemma_tokens(seg["text"])):
            found.append({"start_s": seg["start_s"], "text": seg["text"], "source": "speech"})
    for text in result.get("on_screen_text", []):
        if wanted & set(lemma_tokens(text["text"])):
            found.append({"start_s": text["first_s"], "text": text["text"], "source": "ocr"})
    return sorted(found, key=lambda m: m["start_s"])[:limit]


def summary(row: HeritageVideo) -> dict:
    return {
        "id": row.id,
        "title": row.title,
        "video": row.path,
        "duration_s": row.duration_s,
        "date": row.date,
        "places": row.places,
        "keywords": row.keywords,
        "themes": row.themes,
        "has_audio": row.has_audio,
        "language": row.result.get("language"),
        "description": row.description,
        "url": f"/patrimoine/videos/{row.id}",
    }


def list_videos() -> list[dict]:
    with session_scope() as session:
        rows = session.execute(select(HeritageVideo).order_by(HeritageVideo.title)).scalars().all()
        return [summary(r) for r in rows]


def get_video(vid: str) -> HeritageVideo:
    if not re.fullmatch(r"[0-9a-f]{12}", vid or ""):
        raise NotFound(f"Vidéo inconnue : {vid}", "id")
    with session_scope() as session:
        row = session.get(HeritageVideo, vid)
        if row is None:
            raise NotFound(f"Vidéo inconnue : {vid}", "id")
        session.expunge(row)
        return row


def stats() -> dict:
    """What the catalogue holds, for the portal."""
    from sqlalchemy import func

    from regia.heritage.models import HeritageRecord

    with session_scope() as session:
        videos, seconds = session.execute(
            select(func.count(HeritageVideo.id), func.coalesce(func.sum(HeritageVideo.duration_s), 0.0))
        ).one()
        records = dict(
            session.execute(select(HeritageRecord.source, func.count()).group_by(HeritageRecord.source)).all()
        )
    return {"videos": videos, "duration_s": float(seconds), "records": records}


def get_record(ref: str) -> dict:
    """A record of the knowledge base, with the catalogued videos that name it."""
    from regia.heritage.models import HeritageRecord

    with session_scope() as session:
        record = session.get(HeritageRecord, ref)
        if record is None:
            raise NotFound(f"Notice inconnue : {ref}", "ref")
        data = {c.key: getattr(record, c.key) for c in HeritageRecord.__table__.columns}
        rows = session.execute(select(HeritageVideo).order_by(HeritageVideo.title)).scalars().all()
        data["videos"] = [summary(r) for r in rows if any(p["ref"] == ref for p in r.places)]
    return data
