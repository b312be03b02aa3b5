"""Fixtures of the video tests: real clips of ../shared/data/video, and small scenes composed from
real backgrounds and real objects (an empty room, a plastic chair) for the events no real clip shows."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import av
import cv2
import numpy as np
import pytest
import yaml

FALLS = "video/falls-gmdcsa24"
ROOM = "video/intel-sample-videos/intel_one-by-one-person-detection.mp4"
CHAIR = "video/falls-gmdcsa24/Subject_1-Fall-15.mp4"
SIZE = (320, 240)


def _read_frames(path: Path, limit: int | None = None) -> list[np.ndarray]:
    out = []
    with av.open(str(path)) as container:
        for frame in container.decode(video=0):
            out.append(frame.to_ndarray(format="bgr24"))
            if limit and len(out) >= limit:
                break
    return out


def _write_clip(path: Path, frames: list[np.ndarray], fps: float) -> Path:
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=int(fps))
        stream.height, stream.width = frames[0].shape[:2]
        stream.pix_fmt = "yuv420p"
        stream.options = {"preset": "ultrafast", "crf": "20"}
        for image in frames:
            container.mux(stream.encode(av.VideoFrame.from_ndarray(image, format="bgr24")))
        container.mux(stream.encode(None))
    return path


def _write_config(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def read_frames() -> Callable:
    """read_frames(path, limit=None) -> BGR frames of a video."""
    return _read_frames


@pytest.fixture(scope="session")
def write_clip() -> Callable:
    """write_clip(path, frames, fps) -> path of an H.264 MP4."""
    return _write_clip


@pytest.fixture(scope="session")
def write_config() -> Callable:
    """write_config(path, dict) -> path of a camera YAML file."""
    return _write_config


@pytest.fixture(scope="session")
def falls_dir(shared_data: Path) -> Path:
    return shared_data / FALLS


@pytest.fixture(scope="session")
def room(shared_data: Path) -> np.ndarray:
    """The real empty room (median of the first four seconds of the Intel sample), 320x240."""
    frames = _read_frames(shared_data / ROOM, limit=40)
    h, w = frames[0].shape[:2]
    cw = h * 4 // 3
    crop = [f[:, (w - cw) // 2 : (w + cw) // 2] for f in frames]
    return cv2.resize(np.median(np.stack(crop), axis=0).astype(np.uint8), SIZE, interpolation=cv2.INTER_AREA)


@pytest.fixture(scope="session")
def chair(shared_data: Path) -> tuple[np.ndarray, np.ndarray]:
    """The real plastic chair of a GMDCSA24 clip, cut out with GrabCut: (patch, alpha)."""
    image = _read_frames(shared_data / CHAIR)[-1]
    x0, y0, x1, y1 = 322, 240, 480, 458
    mask = np.zeros(image.shape[:2], np.uint8)
    bgd, fgd = np.zeros((1, 65)), np.zeros((1, 65))
    cv2.grabCut(image, mask, (x0, y0, x1 - x0, y1 - y0), bgd, fgd, 4, cv2.GC_INIT_WITH_RECT)
    alpha = np.isin(mask, (cv2.GC_FGD, cv2.GC_PR_FGD)).astype(np.float32)[y0:y1, x0:x1]
    return image[y0:y1, x0:x1].copy(), alpha


def _paste(
    canvas: np.ndarray, patch: np.ndarray, alpha: np.ndarray, foot: tuple[float, float], height: int
) -> None:
    scale = height / patch.shape[0]
    w, h = max(2, int(patch.shape[1] * scale)), height
    p = cv2.resize(patch, (w, h)).astype(np.float32)
    a = cv2.resize(alpha, (w, h))[..., None]
    x0, y0 = int(foot[0] - w / 2), int(foot[1] - h)
    cx0, cy0 = max(0, x0), max(0, y0)
    cx1, cy1 = min(canvas.shape[1], x0 + w), min(canvas.shape[0], y0 + h)
    if cx1 <= cx0 or cy1 <= cy0:
        return
    region = canvas[cy0:cy1, cx0:cx1].astype(np.float32)
    pp, aa = p[cy0 - y0 : cy1 - y0, cx0 - x0 : cx1 - x0], a[cy0 - y0 : cy1 - y0, cx0 - x0 : cx1 - x0]
    canvas[cy0:cy1, cx0:cx1] = (pp * aa + region * (1 - aa)).astype(np.uint8)


@pytest.fixture
def compose(tmp_path: Path) -> Callable:
    """compose(name, background, seconds, draw(canvas, t)) -> path of a 10 fps clip with sensor noise."""

    def make(
        name: str,
        background: np.ndarray,
        seconds: float,
        draw: Callable[[np.ndarray, float], None],
        fps: float = 10.0,
    ) -> Path:
        rng = np.random.default_rng(7)
        frames = []
        for i in range(int(seconds * fps)):
            canvas = background.copy()
            draw(canvas, i / fps)
            noisy = canvas.astype(np.int16) + rng.normal(0, 1.5, canvas.shape).round().astype(np.int16)
            frames.append(np.clip(noisy, 0, 255).astype(np.uint8))
        return _write_clip(tmp_path / f"{name}.mp4", frames, fps)

    return make


def _light(canvas: np.ndarray, gain: float | np.ndarray) -> None:
    """Scale the light of a frame in place (a number, or a per-pixel field)."""
    g = gain[..., None] if isinstance(gain, np.ndarray) else gain
    canvas[:] = np.clip(canvas.astype(np.float32) * g, 0, 255).astype(np.uint8)


def _light_pool(centre: tuple[float, float], radius: float, amount: float) -> np.ndarray:
    yy, xx = np.mgrid[0 : SIZE[1], 0 : SIZE[0]]
    return 1 + amount * np.exp(-((xx - centre[0]) ** 2 + (yy - centre[1]) ** 2) / (2 * radius**2)).astype(
        np.float32
    )


def _walker(t: float, start: tuple[float, float], end: tuple[float, float], t0: float, seconds: float):
    """Position at ``t`` of someone going from ``start`` to ``end`` in ``seconds`` from ``t0`` (None off)."""
    if not t0 <= t <= t0 + seconds:
        return None
    k = (t - t0) / seconds
    return start[0] + (end[0] - start[0]) * k, start[1] + (end[1] - start[1]) * k + 2 * math.sin(12 * t)


@pytest.fixture(scope="session")
def draw():
    """Drawing helpers for composed scenes: paste, light, light_pool, walker."""
    from types import SimpleNamespace

    return SimpleNamespace(paste=_paste, light=_light, light_pool=_light_pool, walker=_walker)


@pytest.fixture(scope="session")
def person(shared_data: Path, room: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A real person (standing at the table of the Intel room clip), cut out against the empty room."""
    frame = _read_frames(shared_data / ROOM, limit=120)[-1]
    h, w = frame.shape[:2]
    cw = h * 4 // 3
    frame = cv2.resize(frame[:, (w - cw) // 2 : (w + cw) // 2], SIZE, interpolation=cv2.INTER_AREA)
    diff = np.abs(frame.astype(np.int16) - room.astype(np.int16)).max(axis=2) > 25
    mask = cv2.morphologyEx(diff.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8), iterations=2)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask)
    i = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    x, y, bw, bh = (int(v) for v in stats[i][:4])
    return frame[y : y + bh, x : x + bw].copy(), (labels[y : y + bh, x : x + bw] == i).astype(np.float32)
