"""Portal pages of the heritage fund: the searchable catalogue, the player page, the notices."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from regia.errors import InputError, NotFound
from regia.heritage import catalogue
from regia.heritage.writing import clock, duration
from regia.web.templating import render

router = APIRouter(include_in_schema=False)

KINDS = {"monument": "monument", "poi": "lieu touristique", "commune": "commune", "department": "département",
         "region": "région", "epci": "intercommunalité"}  # fmt: skip
SOURCES = {
    "speech": "parole",
    "ocr": "texte à l'écran",
    "manifest": "fiche",
    "monument": "déduit du monument",
}


def _helpers() -> dict:
    return {"clock": clock, "duration": duration, "kinds": KINDS, "sources": SOURCES}


@router.get("/patrimoine", response_class=HTMLResponse)
def fund(request: Request, q: str = Query("", max_length=1000)):
    error = None
    results = None
    if q.strip():
        try:
            results = catalogue.search(q, limit=20)
        except InputError as exc:
            error = exc.message
    videos = catalogue.list_videos() if results is None else []
    return render(
        request,
        "heritage/catalogue.html",
        title="Patrimoine en vidéo",
        q=q,
        results=results,
        videos=videos,
        error=error,
        stats=catalogue.stats(),
        **_helpers(),
    )


def _missing(request: Request, exc: NotFound):
    return render(
        request, "heritage/missing.html", status_code=404, title="Page introuvable", message=exc.message
    )


@router.get("/patrimoine/videos/{video_id}", response_class=HTMLResponse)
def player(request: Request, video_id: str):
    try:
        row = catalogue.get_video(video_id)
    except NotFound as exc:
        return _missing(request, exc)
    result = row.result
    paragraphs = [p for p in row.description.split("\n\n") if p.strip()]
    return render(
        request,
        "heritage/video.html",
        title=row.title,
        video=row,
        result=result,
        paragraphs=paragraphs,
        api=f"/api/v1/heritage/videos/{row.id}",
        **_helpers(),
    )


@router.get("/patrimoine/notices/{ref}", response_class=HTMLResponse)
def notice(request: Request, ref: str):
    try:
        record = catalogue.get_record(ref)
    except NotFound as exc:
        return _missing(request, exc)
    return render(request, "heritage/notice.html", title=record["name"], record=record, **_helpers())
