"""Stored events: recording, review (confirm or dismiss), statistics, retention purge, audit log."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sqlalchemy import delete, func, select

from regia.config import get_settings
from regia.db import session_scope
from regia.errors import InputError, NotFound
from regia.video.events import EVENT_TYPES, Event
from regia.video.models import VideoAudit, VideoCamera, VideoEvent, utcnow

STATUSES = ("pending", "confirmed", "dismissed")
DECISIONS = {"confirm": "confirmed", "dismiss": "dismissed"}
LIVE_S = 30  # a watched camera that reported within this many seconds is live


def media_root() -> Path:
    return get_settings().home / "video"


def strip_credentials(uri: str | None) -> str | None:
    """rtsp://user:password@host/... -> rtsp://host/... (secrets never reach the database)."""
    if uri is None:
        return None
    return re.sub(r"(^[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", r"\1", uri)


def relative_media(path: str | None) -> str | None:
    if not path:
        return None
    try:
        return str(Path(path).resolve().relative_to(media_root().resolve()))
    except ValueError:
        return None


def media_file(relative: str | None) -> Path | None:
    """Absolute path of a stored snapshot or clip, refusing anything outside the media folder."""
    if not relative:
        return None
    root = media_root().resolve()
    path = (root / relative).resolve()
    if root not in path.parents or not path.is_file():
        return None
    return path


def audit(
    actor: str, action: str, event_id: int | None = None, camera: str | None = None, detail: str = ""
) -> None:
    with session_scope() as s:
        s.add(
            VideoAudit(
                actor=actor[:80], action=action, event_id=event_id, camera=camera, detail=detail[:1000]
            )
        )


def record_events(
    events: list[Event], camera: str, source: str, started_at: dt.datetime | None = None
) -> list[int]:
    """Store events in one transaction; returns their ids. ``started_at``: wall-clock time of t=0."""
    started_at = started_at or utcnow()
    ids = []
    with session_scope() as s:
        if s.get(VideoCamera, camera) is None:
            s.add(VideoCamera(name=camera, source=strip_credentials(source)))
        rows = []
        for e in events:
            row = VideoEvent(
                uid=e.details.get("uid") or _new_uid(),
                camera=camera,
                type=e.type,
                source=strip_credentials(source) or "",
                start_s=e.start_s,
                end_s=e.end_s,
                occurred_at=started_at + dt.timedelta(seconds=e.start_s),
                confidence=float(e.confidence),
                bbox=[int(v) for v in e.bbox],
                zone=e.zone,
                snapshot=relative_media(e.snapshot),
                clip=relative_media(e.clip),
            )
            s.add(row)
            rows.append(row)
        s.flush()
        ids = [r.id for r in rows]
    return ids


def _new_uid() -> str:
    import uuid

    return uuid.uuid4().hex[:16]


def heartbeat(camera: str, source: str | None, watching: bool = True) -> None:
    with session_scope() as s:
        row = s.get(VideoCamera, camera)
        if row is None:
            row = VideoCamera(name=camera)
            s.add(row)
        row.source = strip_credentials(source)
        row.last_seen_at = utcnow()
        row.watching = watching


def event_dict(row: VideoEvent) -> dict:
    return {
        "id": row.id,
        "camera": row.camera,
        "type": row.type,
        "label": EVENT_TYPES.get(row.type, row.type),
        "start_s": round(row.start_s, 2),
        "end_s": round(row.end_s, 2),
        "occurred_at": row.occurred_at.isoformat(timespec="seconds") + "Z",
        "confidence": round(row.confidence, 3),
        "bbox": row.bbox,
        "zone": row.zone,
        "status": row.status,
        "reviewed_at": row.reviewed_at.isoformat(timespec="seconds") + "Z" if row.reviewed_at else None,
        "reviewed_by": row.reviewed_by,
        "review_note": row.review_note,
        "has_snapshot": media_file(row.snapshot) is not None,
        "has_clip": media_file(row.clip) is not None,
        "source": row.source,
    }


def list_events(
    camera: str | None = None,
    status: str | None = None,
    type: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict]:
    if status is not None and status not in STATUSES:
        raise InputError(f"status : valeur inconnue « {status} » (attendu : {', '.join(STATUSES)})", "status")
    if type is not None and type not in EVENT_TYPES:
        raise InputError(f"type : type d'événement inconnu « {type} »", "type")
    if not 1 <= limit <= 1000:
        raise InputError("limit : entre 1 et 1000", "limit")
    query = select(VideoEvent).order_by(VideoEvent.occurred_at.desc(), VideoEvent.id.desc())
    if camera:
        query = query.where(VideoEvent.camera == camera)
    if status:
        query = query.where(VideoEvent.status == status)
    if type:
        query = query.where(VideoEvent.type == type)
    with session_scope() as s:
        return [event_dict(r) for r in s.scalars(query.limit(limit).offset(max(0, offset)))]


def get_event(event_id: int) -> dict:
    with session_scope() as s:
        row = s.get(VideoEvent, event_id)
        if row is None:
            raise NotFound(f"événement {event_id} introuvable (purgé ou jamais enregistré)", "id")
        out = event_dict(row)
        out["snapshot_path"], out["clip_path"] = row.snapshot, row.clip
        return out


def review(event_id: int, decision: str, actor: str, note: str | None = None) -> dict:
    """Confirm or dismiss an alert (a dismissed alert is a false positive); can be changed later."""
    if decision not in DECISIONS:
        raise InputError(f"decision : « {decision} » inconnue (attendu : confirm ou dismiss)", "decision")
    if note is not None and len(note) > 500:
        raise InputError("note : 500 caractères au plus", "note")
    if not actor.strip():
        raise InputError("opérateur : identifiant requis pour tracer la revue", "operator")
    with session_scope() as s:
        row = s.get(VideoEvent, event_id)
        if row is None:
            raise NotFound(f"événement {event_id} introuvable (purgé ou jamais enregistré)", "id")
        row.status = DECISIONS[decision]
        row.reviewed_at = utcnow()
        row.reviewed_by = actor[:80]
        row.review_note = note
        s.add(
            VideoAudit(
                actor=actor[:80], action=decision, event_id=row.id, camera=row.camera, detail=note or ""
            )
        )
        s.flush()
        return event_dict(row)


def stats(camera: str | None = None) -> list[dict]:
    """Per event type: how many alerts, confirmed, dismissed (false positives), pending."""
    query = select(VideoEvent.type, VideoEvent.status, func.count()).group_by(
        VideoEvent.type, VideoEvent.status
    )
    if camera:
        query = query.where(VideoEvent.camera == camera)
    counts: dict[str, dict[str, int]] = {t: dict.fromkeys(STATUSES, 0) for t in EVENT_TYPES}
    with session_scope() as s:
        for type_, status, n in s.execute(query):
            if type_ in counts and status in STATUSES:
                counts[type_][status] = n
    out = []
    for type_, c in counts.items():
        reviewed = c["confirmed"] + c["dismissed"]
        out.append(
            {
                "type": type_,
                "label": EVENT_TYPES[type_],
                "total": sum(c.values()),
                **c,
                "dismissed_share": round(c["dismissed"] / reviewed, 3) if reviewed else None,
            }
        )
    return out


def cameras() -> list[dict]:
    now = utcnow()
    with session_scope() as s:
        counts = dict(s.execute(select(VideoEvent.camera, func.count()).group_by(VideoEvent.camera)).all())
        pending = dict(
            s.execute(
                select(VideoEvent.camera, func.count())
                .where(VideoEvent.status == "pending")
                .group_by(VideoEvent.camera)
            ).all()
        )
        rows = {r.name: r for r in s.scalars(select(VideoCamera))}
        names = sorted(set(rows) | set(counts))
        out = []
        for name in names:
            row = rows.get(name)
            seen = row.last_seen_at if row else None
            live = bool(row and row.watching and seen and (now - seen).total_seconds() <= LIVE_S)
            out.append(
                {
                    "name": name,
                    "live": live,
                    "last_seen_at": seen.isoformat(timespec="seconds") + "Z" if seen else None,
                    "events": counts.get(name, 0),
                    "pending": pending.get(name, 0),
                }
            )
        return out


def list_audit(limit: int = 100, event_id: int | None = None) -> list[dict]:
    query = select(VideoAudit).order_by(VideoAudit.at.desc(), VideoAudit.id.desc()).limit(limit)
    if event_id is not None:
        query = query.where(VideoAudit.event_id == event_id)
    with session_scope() as s:
        return [
            {
                "at": r.at.isoformat(timespec="seconds") + "Z",
                "actor": r.actor,
                "action": r.action,
                "event_id": r.event_id,
                "camera": r.camera,
                "detail": r.detail,
            }
            for r in s.scalars(query)
        ]


def purge(retention_days: int | None = None, actor: str = "system", now: dt.datetime | None = None) -> dict:
    """Delete the events older than the retention period, with their snapshot and clip files."""
    days = retention_days if retention_days is not None else get_settings().video_retention_days
    if days < 0:
        raise InputError("days : un nombre de jours positif", "days")
    cutoff = (now or utcnow()) - dt.timedelta(days=days)
    with session_scope() as s:
        old = s.scalars(select(VideoEvent).where(VideoEvent.created_at < cutoff)).all()
        files = [media_file(p) for r in old for p in (r.snapshot, r.clip)]
        ids = [r.id for r in old]
        if ids:
            s.execute(delete(VideoEvent).where(VideoEvent.id.in_(ids)))
        s.add(
            VideoAudit(actor=actor, action="purge", detail=f"{len(ids)} événements de plus de {days} jours")
        )
    removed = 0
    for path in files:
        if path is not None:
            path.unlink(missing_ok=True)
            removed += 1
    return {
        "events": len(ids),
        "files": removed,
        "retention_days": days,
        "cutoff": cutoff.isoformat(timespec="seconds") + "Z",
    }
