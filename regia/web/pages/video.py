"""Video review console (admin token): live and past events per camera, blurred snapshot and clip,
confirm or dismiss, statistics per type with the share of dismissed alerts, the audit trail."""

from __future__ import annotations

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from regia.config import get_settings
from regia.errors import InputError, NotFound
from regia.video import store
from regia.video.auth import (
    COOKIE,
    Forbidden,
    check_token,
    operator_from_cookie,
    session_value,
    valid_operator,
)
from regia.video.events import EVENT_TYPES, LEGAL_REFERENCE
from regia.web.templating import render

router = APIRouter(include_in_schema=False)
EventId = Path(..., ge=1, le=2**31 - 1)

STATUS_LABELS = {"pending": "à revoir", "confirmed": "confirmée", "dismissed": "écartée"}
TITLE = "Console vidéo"


def _login(request: Request, error: str | None = None, status_code: int = 200):
    return render(
        request,
        "video/login.html",
        title=f"{TITLE} : connexion",
        error=error,
        enabled=bool(get_settings().admin_token),
        legal=LEGAL_REFERENCE,
        types=EVENT_TYPES,
        status_code=status_code,
    )


def _filters(camera: str | None, status: str | None, type_: str | None) -> dict:
    return {
        "camera": camera or None,
        "status": status if status in STATUS_LABELS else None,
        "type": type_ if type_ in EVENT_TYPES else None,
    }


@router.get("/video", response_class=HTMLResponse)
def console(
    request: Request,
    camera: str | None = Query(None, max_length=80),
    status: str | None = Query(None, max_length=12),
    type: str | None = Query(None, max_length=32),
):
    operator = operator_from_cookie(request)
    if operator is None:
        return _login(request, status_code=403 if not get_settings().admin_token else 200)
    filters = _filters(camera, status, type)
    events = store.list_events(**filters, limit=100)
    store.audit(
        f"web:{operator}", "list", camera=filters["camera"], detail=f"console : {len(events)} événements"
    )
    context = {
        "operator": operator,
        "events": events,
        "filters": filters,
        "cameras": store.cameras(),
        "stats": store.stats(filters["camera"]),
        "types": EVENT_TYPES,
        "statuses": STATUS_LABELS,
        "retention": get_settings().video_retention_days,
    }
    if request.headers.get("hx-request") and request.headers.get("hx-target") == "evenements":
        return render(request, "video/events.html", **context)
    return render(request, "video/console.html", title=TITLE, **context)


@router.post("/video/connexion")
def login(request: Request, token: str = Form("", max_length=500), operator: str = Form("", max_length=100)):
    try:
        check_token(token)
        name = valid_operator(operator)
    except Forbidden as exc:
        return _login(request, exc.message, status_code=403)
    except InputError as exc:
        return _login(request, exc.message, status_code=422)
    store.audit(f"web:{name}", "login")
    response = RedirectResponse("/video", status_code=303)
    response.set_cookie(
        COOKIE, session_value(name), httponly=True, samesite="strict", max_age=8 * 3600, path="/video"
    )
    return response


@router.post("/video/deconnexion")
def logout():
    response = RedirectResponse("/video", status_code=303)
    response.delete_cookie(COOKIE, path="/video")
    return response


@router.get("/video/evenements/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: int = EventId):
    operator = operator_from_cookie(request)
    if operator is None:
        return _login(request, status_code=403)
    try:
        event = store.get_event(event_id)
    except NotFound as exc:
        return _missing(request, exc)
    store.audit(f"web:{operator}", "view", event_id, event["camera"])
    return _event_page(request, event_id, operator)


def _missing(request: Request, exc: NotFound):
    return render(
        request, "video/missing.html", title="Événement introuvable", message=exc.message, status_code=404
    )


def _event_page(
    request: Request, event_id: int, operator: str, error: str | None = None, status_code: int = 200
):
    event = store.get_event(event_id)
    return render(
        request,
        "video/event.html",
        title=f"Événement {event_id} : {event['label']}",
        event=event,
        statuses=STATUS_LABELS,
        trail=store.list_audit(50, event_id),
        operator=operator,
        error=error,
        status_code=status_code,
    )


@router.post("/video/evenements/{event_id}/revue")
def review(
    request: Request, event_id: int = EventId, decision: str = Form(...), note: str = Form("", max_length=500)
):
    operator = operator_from_cookie(request)
    if operator is None:
        return _login(request, status_code=403)
    try:
        store.review(event_id, decision, f"web:{operator}", note.strip() or None)
    except NotFound as exc:
        return _missing(request, exc)
    except InputError as exc:
        return _event_page(request, event_id, operator, error=exc.message, status_code=422)
    return RedirectResponse(f"/video/evenements/{event_id}?revue=ok", status_code=303)


@router.get("/video/media/{event_id}/{name}")
def media(request: Request, name: str, event_id: int = EventId):
    operator = operator_from_cookie(request)
    if operator is None:
        return Response(
            "Accès refusé : connectez-vous à la console vidéo.", status_code=403, media_type="text/plain"
        )
    kinds = {
        "vignette.jpg": ("snapshot", "view"),
        "clip.mp4": ("clip", "view"),
        "export.mp4": ("clip", "export"),
    }
    if name not in kinds:
        return Response("Média inconnu.", status_code=404, media_type="text/plain")
    kind, action = kinds[name]
    try:
        event = store.get_event(event_id)
    except NotFound:
        return Response("Événement introuvable.", status_code=404, media_type="text/plain")
    path = store.media_file(event[f"{kind}_path"])
    if path is None:
        return Response("Média absent (purgé ou non enregistré).", status_code=404, media_type="text/plain")
    if kind == "clip":  # the snapshot is part of the event page, already logged
        store.audit(f"web:{operator}", action, event_id, event["camera"], name)
    media_type = "video/mp4" if kind == "clip" else "image/jpeg"
    filename = f"regia-evenement-{event_id}.mp4" if action == "export" else None
    return FileResponse(path, media_type=media_type, filename=filename)
