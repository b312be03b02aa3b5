"""Probing a video file with PyAV (FFmpeg): duration, streams, resolution; clear errors for bad files."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from regia.config import get_settings
from regia.errors import InputError

VIDEO_SUFFIXES = frozenset(
    [
        ".mp4",
        ".m4v",
        ".mov",
        ".mkv",
        ".webm",
        ".avi",
        ".mpg",
        ".mpeg",
        ".ts",
        ".mts",
        ".ogv",
        ".wmv",
        ".flv",
        ".3gp",
    ]
)
# what browsers play in a <video> element: the player page says so when a file is not among them
BROWSER_CODECS = {".mp4": {"h264", "av1", "vp9"}, ".m4v": {"h264"}, ".webm": {"vp8", "vp9", "av1"}}


@dataclass(frozen=True)
class MediaInfo:
    path: str
    size_bytes: int
    container: str
    duration_s: float
    width: int
    height: int
    fps: float
    video_codec: str
    has_audio: bool
    audio_codec: str | None
    audio_channels: int | None
    sample_rate: int | None

    @property
    def playable(self) -> bool:
        return self.video_codec in BROWSER_CODECS.get(Path(self.path).suffix.lower(), set())

    def to_dict(self) -> dict:
        return asdict(self) | {"playable": self.playable}


def probe(path: str | Path, field: str = "video") -> MediaInfo:
    """Streams and duration of ``path``; raises InputError (naming ``field``) when it is no readable
    video or is longer than ``REGIA_HERITAGE_MAX_DURATION_S``. Reads headers only."""
    import av

    path = Path(path)
    if not path.is_file():
        raise InputError(f"Fichier vidéo introuvable : {path}", field)
    if path.stat().st_size == 0:
        raise InputError(f"Fichier vidéo vide : {path}", field)
    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            video = next((s for s in container.streams.video), None)
            if video is None:
                raise InputError(f"Aucune piste vidéo dans {path.name} (fichier audio ou non vidéo ?)", field)
            audio = next((s for s in container.streams.audio), None)
            duration = _duration(container, video)
            ctx = video.codec_context
            rate = video.average_rate or video.guessed_rate or 25
            info = MediaInfo(
                path=str(path.resolve()),
                size_bytes=path.stat().st_size,
                container=container.format.name,
                duration_s=round(duration, 3),
                width=int(ctx.width or 0),
                height=int(ctx.height or 0),
                fps=round(float(rate), 3),
                video_codec=ctx.name,
                has_audio=audio is not None,
                audio_codec=audio.codec_context.name if audio else None,
                audio_channels=audio.codec_context.channels if audio else None,
                sample_rate=audio.codec_context.sample_rate if audio else None,
            )
    except InputError:
        raise
    except (av.FFmpegError, OSError, ValueError) as exc:
        raise InputError(
            f"Conteneur vidéo illisible ou corrompu : {path.name} ({getattr(exc, 'strerror', None) or exc})",
            field,
        ) from exc
    if info.width <= 0 or info.height <= 0:
        raise InputError(f"Piste vidéo sans dimensions lisibles dans {path.name} (fichier corrompu ?)", field)
    if info.duration_s <= 0:
        raise InputError(f"Durée illisible pour {path.name} (fichier tronqué ou corrompu ?)", field)
    limit = get_settings().heritage_max_duration_s
    if info.duration_s > limit:
        raise InputError(
            f"{path.name} dure {info.duration_s / 3600:.1f} h, au-delà de la limite de {limit / 3600:.1f} h "
            "(réglage REGIA_HERITAGE_MAX_DURATION_S) : découpez le fichier ou relevez la limite.",
            field,
        )
    return info


def _duration(container, video) -> float:
    if container.duration:
        return container.duration / 1_000_000
    if video.duration and video.time_base:
        return float(video.duration * video.time_base)
    return 0.0


def is_video_file(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in VIDEO_SUFFIXES and not path.name.startswith(".")
