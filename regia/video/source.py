"""Video inputs: files and live streams (RTSP/HTTP) through PyAV, or OpenCV as a fallback backend.

Frames are decoded at the source rate and handed on sub-sampled to the analysis rate; pixel
conversions (grey, colour, smaller sizes) happen only for the frames that are analysed. A live
stream that drops is reopened with a growing back-off; a file that ends, ends.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from regia.errors import InputError

log = logging.getLogger("regia.video")

LUMA_FORMATS = ("yuv", "yuvj", "nv12", "nv21", "gray")
STREAM_PREFIXES = ("rtsp://", "rtsps://", "rtmp://", "http://", "https://", "udp://", "tcp://", "srt://")


def is_stream(uri: str) -> bool:
    return uri.lower().startswith(STREAM_PREFIXES)


@dataclass
class Frame:
    """One decoded frame; ``t`` in seconds from the start of the input."""

    index: int
    t: float
    width: int
    height: int
    _av: object | None = None
    _bgr: np.ndarray | None = None
    _cache: dict = field(default_factory=dict)

    def _full_bgr(self) -> np.ndarray:
        if self._bgr is None:
            self._bgr = self._av.to_ndarray(format="bgr24")
        return self._bgr

    def _plane(self, i: int) -> np.ndarray:
        plane = self._av.planes[i]
        return np.frombuffer(plane, np.uint8).reshape(plane.height, plane.line_size)[:, : plane.width]

    def _luma(self) -> np.ndarray | None:
        """The Y plane of a YUV frame, without any conversion (grey for free)."""
        if self._av is None or not self._av.format.name.startswith(LUMA_FORMATS):
            return None
        return self._plane(0)

    def _small_bgr(self, width: int, height: int) -> np.ndarray | None:
        """Colour at a smaller size straight from the planes of a YUV 4:2:0 frame (scaling first is
        much cheaper than converting the full frame)."""
        if self._av is None or self._av.format.name not in ("yuv420p", "yuvj420p") or width % 4 or height % 4:
            return None
        y = cv2.resize(self._plane(0), (width, height), interpolation=cv2.INTER_AREA)
        half = (width // 2, height // 2)
        u, v = (cv2.resize(self._plane(i), half, interpolation=cv2.INTER_AREA) for i in (1, 2))
        i420 = np.concatenate([y.ravel(), u.ravel(), v.ravel()]).reshape(height * 3 // 2, width)
        return cv2.cvtColor(i420, cv2.COLOR_YUV2BGR_I420)

    def _convert(self, fmt: str, width: int, height: int) -> np.ndarray:
        key = (fmt, width, height)
        if key not in self._cache:
            luma = self._luma() if fmt == "gray" else None
            small = self._small_bgr(width, height) if luma is None and width < self.width else None
            image = luma if luma is not None else small if small is not None else self._full_bgr()
            if (width, height) != (image.shape[1], image.shape[0]):
                image = cv2.resize(image, (width, height), interpolation=cv2.INTER_AREA)
            if luma is not None and not self._av.format.name.startswith(("yuvj", "gray")):
                # video range (16-235) to full range, as a grey conversion would give
                image = cv2.convertScaleAbs(image, alpha=255 / 219, beta=-16 * 255 / 219)
            elif fmt == "gray" and luma is None:
                image = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
            elif fmt == "rgb24":
                image = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
            self._cache[key] = image
        return self._cache[key]

    def gray(self, width: int, height: int) -> np.ndarray:
        return self._convert("gray", width, height)

    def bgr(self, width: int, height: int) -> np.ndarray:
        return self._convert("bgr24", width, height)

    def rgb(self, width: int, height: int) -> np.ndarray:
        return self._convert("rgb24", width, height)


class VideoSource:
    """Iterate over the frames of a file or stream, sub-sampled to ``fps`` frames per second.

    ``frames_read`` counts every decoded frame, ``frames_yielded`` the analysed ones.
    """

    def __init__(
        self,
        uri: str | Path,
        fps: float | None = None,
        *,
        backend: str = "av",
        max_attempts: int = 0,
        backoff_max_s: float = 30.0,
        timeout_s: float = 10.0,
        max_seconds: float | None = None,
    ):
        self.uri = str(uri)
        self.stream = is_stream(self.uri)
        self.fps = fps
        self.backend = backend
        self.max_attempts = max_attempts
        self.backoff_max_s = backoff_max_s
        self.timeout_s = timeout_s
        self.max_seconds = max_seconds
        self.frames_read = 0
        self.frames_yielded = 0
        self.reconnections = 0
        self.source_fps: float | None = None
        self.width = 0
        self.height = 0
        self.duration_s = 0.0
        if not self.stream:
            path = Path(self.uri)
            if not path.is_file():
                raise InputError(f"fichier vidéo introuvable : {self.uri}", "video")
            self._probe_file()

    # -- opening ---------------------------------------------------------------------------------

    def _open_av(self):
        import av

        options = {"rtsp_transport": "tcp"} if self.uri.lower().startswith("rtsp") else {}
        container = av.open(self.uri, options=options, timeout=(self.timeout_s, self.timeout_s))
        if not container.streams.video:
            container.close()
            raise InputError(f"aucune piste vidéo dans {self.uri}", "video")
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        return container, stream

    def _probe_file(self) -> None:
        if self.backend == "opencv":
            cap = cv2.VideoCapture(self.uri)
            ok = cap.isOpened() and cap.get(cv2.CAP_PROP_FRAME_WIDTH) > 0
            if ok:
                self.width = int(cap.get(cv2.CAP_PROP_FRAME_WIDTH))
                self.height = int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT))
                self.source_fps = cap.get(cv2.CAP_PROP_FPS) or None
            cap.release()
            if not ok:
                raise InputError(
                    f"vidéo illisible (format non reconnu ou fichier abîmé) : {self.uri}", "video"
                )
            return
        import av

        try:
            container, stream = self._open_av()
        except InputError:
            raise
        except (av.FFmpegError, OSError, ValueError) as exc:
            raise InputError(
                f"vidéo illisible (format non reconnu ou fichier abîmé) : {Path(self.uri).name} ({exc})",
                "video",
            ) from None
        with container:
            self.width = stream.codec_context.width
            self.height = stream.codec_context.height
            self.source_fps = float(stream.average_rate) if stream.average_rate else None
            if not self.width or not self.height:
                raise InputError(f"vidéo illisible (dimensions inconnues) : {Path(self.uri).name}", "video")

    # -- reading ---------------------------------------------------------------------------------

    def _decode_av(self) -> Iterator[tuple[float | None, object]]:
        import av

        container, stream = self._open_av()
        with container:
            self.width = stream.codec_context.width or self.width
            self.height = stream.codec_context.height or self.height
            if stream.average_rate:
                self.source_fps = float(stream.average_rate)
            for packet in container.demux(stream):
                try:
                    frames = packet.decode()
                except av.error.InvalidDataError:
                    log.warning("paquet vidéo abîmé ignoré")
                    continue
                for frame in frames:
                    yield frame.time, frame

    def _decode_cv(self) -> Iterator[tuple[float | None, np.ndarray]]:
        cap = cv2.VideoCapture(self.uri)
        if not cap.isOpened():
            raise OSError(f"impossible d'ouvrir {self.uri}")
        try:
            fps = cap.get(cv2.CAP_PROP_FPS)
            self.source_fps = fps if fps and fps < 1000 else self.source_fps
            while True:
                ok, image = cap.read()
                if not ok:
                    return
                pos = cap.get(cv2.CAP_PROP_POS_MSEC)
                yield (pos / 1000.0 if pos > 0 else None), image
        finally:
            cap.release()

    def _raw(self) -> Iterator[tuple[float, object]]:
        """(time, frame) pairs; times keep increasing across reconnections of a stream."""
        attempts = 0
        offset = 0.0
        started = time.monotonic()
        while True:
            first: float | None = None
            last_t = offset
            try:
                decoder = self._decode_cv() if self.backend == "opencv" else self._decode_av()
                for pts, frame in decoder:
                    if pts is None:  # no timestamps: the wall clock (streams) or the frame count (files)
                        pts = (
                            time.monotonic() - started
                            if self.stream
                            else self.frames_read / (self.source_fps or 25.0)
                        )
                    first = pts if first is None else first
                    t = offset + pts - first
                    attempts = 0
                    last_t = t
                    yield t, frame
                if not self.stream:
                    return
                log.warning("flux terminé : %s", self.uri)
            except InputError:
                raise
            except Exception as exc:  # noqa: BLE001 - decoders raise many kinds; a stream must survive them
                if not self.stream:
                    if self.frames_read == 0:
                        raise InputError(
                            f"vidéo illisible : {Path(self.uri).name} ({exc})", "video"
                        ) from None
                    log.warning("lecture interrompue (%s) : fin de la vidéo", exc)
                    return
                log.warning("flux interrompu (%s)", exc)
            attempts += 1
            if self.max_attempts and attempts > self.max_attempts:
                if self.frames_read == 0:
                    raise InputError(
                        f"flux injoignable après {self.max_attempts} tentatives : {self.uri}", "url"
                    )
                log.warning("abandon après %d tentatives de reconnexion", self.max_attempts)
                return
            delay = min(self.backoff_max_s, 0.5 * 2 ** (attempts - 1))
            log.warning("reconnexion au flux dans %.1f s (tentative %d)", delay, attempts)
            self.reconnections += 1
            time.sleep(delay)
            offset = last_t + delay  # the time lost while reconnecting

    def __iter__(self) -> Iterator[Frame]:
        step = 1.0 / self.fps if self.fps else 0.0
        next_t = 0.0
        for t, raw in self._raw():
            self.frames_read += 1
            self.duration_s = max(self.duration_s, t)
            if self.max_seconds is not None and t > self.max_seconds:
                return
            if step and t + 1e-6 < next_t:
                continue
            next_t = (next_t if step else t) + step
            if step and next_t <= t:  # fell behind (stream gap): realign on the frame grid
                next_t = t + step
            self.frames_yielded += 1
            if isinstance(raw, np.ndarray):
                h, w = raw.shape[:2]
                yield Frame(self.frames_read - 1, t, w, h, _bgr=raw)
            else:
                yield Frame(self.frames_read - 1, t, raw.width, raw.height, _av=raw)
        if self.source_fps and not self.stream:
            self.duration_s += 1.0 / self.source_fps
