"""JSON API of the heritage capability, mounted under /api/v1/heritage.

Files are served only for videos registered in the catalogue, from the paths the catalogue recorded:
nothing in a URL is ever used as a file path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse, PlainTextResponse

from regia.errors import NotFound
from regia.heritage.jsonld import MIME

router = APIRouter()


@router.get("/videos", summary="Described videos of the fund")
def videos() -> list[dict]:
    from regia.heritage.catalogue import list_videos

    return list_videos()


@router.get("/search", summary="Search the fund (French query)")
def search(q: str = Query(..., max_length=1000), limit: int = Query(10, ge=1, le=50)) -> list[dict]:
    from regia.heritage.catalogue import search as run

    return run(q, limit=limit)


@router.get("/videos/{video_id}", summary="Full description of a video (the `regia heritage describe` JSON)")
def video(video_id: str) -> dict:
    from regia.heritage.catalogue import get_video

    return get_video(video_id).result


@router.get("/videos/{video_id}/media", summary="The video file (HTTP range requests supported)")
def media(video_id: str) -> FileResponse:
    from regia.heritage.catalogue import get_video

    row = get_video(video_id)
    path = Path(row.path)
    if not path.is_file():
        raise NotFound(f"Le fichier de la vidéo {video_id} n'est plus disponible : {path.name}", "id")
    return FileResponse(path, media_type=MIME.get(path.suffix.lower(), "application/octet-stream"))


@router.get("/videos/{video_id}/{track}.vtt", summary="WebVTT subtitles, chapters or audio-description draft")
def track(video_id: str, track: Literal["subtitles", "chapters", "descriptions"]) -> PlainTextResponse:
    from regia.heritage.catalogue import get_video

    row = get_video(video_id)
    return PlainTextResponse(_output(row, f"{track}.vtt").read_text(), media_type="text/vtt; charset=utf-8")


@router.get("/videos/{video_id}/jsonld", summary="schema.org VideoObject")
def video_jsonld(video_id: str) -> dict:
    from regia.heritage.catalogue import get_video

    return get_video(video_id).result["jsonld"]


@router.get("/videos/{video_id}/keyframes/{number}", summary="Keyframe of a shot (JPEG)")
def keyframe(video_id: str, number: int) -> FileResponse:
    from regia.heritage.catalogue import get_video

    row = get_video(video_id)
    return FileResponse(_output(row, f"keyframes/shot-{number:04d}.jpg"), media_type="image/jpeg")


@router.get("/records/{ref}", summary="A record of the heritage knowledge base (monument, point of interest)")
def record(ref: str) -> dict:
    from regia.heritage.catalogue import get_record

    return get_record(ref)


def _output(row, name: str) -> Path:
    path = Path(row.out_dir) / name
    if not path.is_file():
        raise NotFound(f"Fichier absent pour la vidéo {row.id} : {name}", "id")
    return path
