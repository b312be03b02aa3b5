"""JSON API of the video capability, mounted under /api/v1/video. Everything but the list of allowed
event types needs the admin token (header ``X-Admin-Token`` or ``Authorization: Bearer``); views and
exports go to the audit log under the ``X-Operator`` name."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field

from regia.errors import NotFound
from regia.video import store
from regia.video.auth import api_operator
from regia.video.events import EVENT_TYPES, LEGAL_REFERENCE

router = APIRouter()
MAX_ID = 2**31 - 1  # ids and offsets stay within a 32-bit SQL integer on every database
EventId = Path(..., ge=1, le=MAX_ID, description="event id")


class Review(BaseModel):
    decision: Literal["confirm", "dismiss"]
    note: str | None = Field(None, max_length=500)


@router.get("/types")
def event_types() -> dict:
    """The event types the law allows (fixed in code) and the legal reference."""
    return {"legal_reference": LEGAL_REFERENCE, "types": EVENT_TYPES}


@router.get("/events")
def events(
    camera: str | None = Query(None, max_length=80),
    status: Literal["pending", "confirmed", "dismissed"] | None = None,
    type: Literal[tuple(EVENT_TYPES)] | None = None,  # type: ignore[valid-type]
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=MAX_ID),
    operator: str = Depends(api_operator),
) -> list[dict]:
    rows = store.list_events(camera, status, type, limit, offset)
    store.audit(operator, "list", camera=camera, detail=f"{len(rows)} événements")
    return rows


@router.get("/events/{event_id}")
def event(event_id: int = EventId, operator: str = Depends(api_operator)) -> dict:
    row = store.get_event(event_id)
    store.audit(operator, "view", event_id, row["camera"])
    return {k: v for k, v in row.items() if not k.endswith("_path")}


@router.post("/events/{event_id}/review")
def review(body: Review, event_id: int = EventId, operator: str = Depends(api_operator)) -> dict:
    return store.review(event_id, body.decision, operator, body.note)


def _media(event_id: int, kind: str, operator: str, action: str) -> FileResponse:
    row = store.get_event(event_id)
    path = store.media_file(row[f"{kind}_path"])
    if path is None:
        raise NotFound(f"pas de {'clip' if kind == 'clip' else 'vignette'} pour l'événement {event_id}", kind)
    store.audit(operator, action, event_id, row["camera"], kind)
    media = "video/mp4" if kind == "clip" else "image/jpeg"
    if action == "export":
        return FileResponse(path, media_type=media, filename=f"regia-evenement-{event_id}{path.suffix}")
    return FileResponse(path, media_type=media)


@router.get("/events/{event_id}/snapshot", response_class=FileResponse)
def snapshot(event_id: int = EventId, operator: str = Depends(api_operator)):
    return _media(event_id, "snapshot", operator, "view")


@router.get("/events/{event_id}/clip", response_class=FileResponse)
def clip(event_id: int = EventId, operator: str = Depends(api_operator)):
    return _media(event_id, "clip", operator, "view")


@router.get("/events/{event_id}/export", response_class=FileResponse)
def export(event_id: int = EventId, operator: str = Depends(api_operator)):
    return _media(event_id, "clip", operator, "export")


@router.get("/stats")
def stats(
    camera: str | None = Query(None, max_length=80), operator: str = Depends(api_operator)
) -> list[dict]:
    return store.stats(camera)


@router.get("/cameras")
def cameras(operator: str = Depends(api_operator)) -> list[dict]:
    return store.cameras()


@router.get("/audit")
def audit(
    event_id: int | None = Query(None, ge=1, le=MAX_ID),
    limit: int = Query(100, ge=1, le=1000),
    operator: str = Depends(api_operator),
) -> list[dict]:
    return store.list_audit(limit, event_id)


@router.post("/purge")
def purge(days: int | None = Query(None, ge=0, le=3650), operator: str = Depends(api_operator)) -> dict:
    return store.purge(days, actor=operator)
