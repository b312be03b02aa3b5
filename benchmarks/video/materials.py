"""Real material for the scenario clips, cut from the real videos of ../shared/data/video.

* backgrounds: fixed-camera scenes (a room, a warehouse floor, a hall) as median images, and the real
  footage of the room with its real passers-by;
* people: real silhouettes cut from the room footage by difference with its empty background;
* objects: real objects (a plastic chair, a pillow, a bottle, a bag, a cardboard box, a crate) cut
  with GrabCut from frames of the real clips.

Nothing is drawn by hand except the flame of the fire scenarios (see scenarios.py), which no real
clip of the shared data shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import av
import cv2
import numpy as np

from regia.config import get_settings

W, H = 640, 480


def shared(*parts: str) -> Path:
    return get_settings().shared_data_dir.joinpath("video", *parts)


def read_frames(path: Path, every: int = 1) -> list[np.ndarray]:
    with av.open(str(path)) as container:
        return [
            f.to_ndarray(format="bgr24") for i, f in enumerate(container.decode(video=0)) if i % every == 0
        ]


def to_canvas(image: np.ndarray) -> np.ndarray:
    """Centre-crop to 4:3 and resize to the 640x480 canvas."""
    h, w = image.shape[:2]
    cw = min(w, h * 4 // 3)
    x0 = (w - cw) // 2
    return cv2.resize(image[:, x0 : x0 + cw], (W, H), interpolation=cv2.INTER_AREA)


ROOM = "intel-sample-videos/intel_one-by-one-person-detection.mp4"
ROOM_EMPTY = range(0, 40)  # the first four seconds show the empty room


@dataclass
class Scene:
    """A background with a rough ground calibration (pixels per metre at two rows of the canvas)."""

    name: str
    image: np.ndarray
    near: tuple[int, float]
    far: tuple[int, float]
    floor: tuple[int, int]  # rows where people and objects may stand

    def ppm(self, y: float) -> float:
        (yn, pn), (yf, pf) = self.near, self.far
        return pf + (pn - pf) * (y - yf) / (yn - yf)


@lru_cache(maxsize=1)
def room_footage() -> list[np.ndarray]:
    """The real room clip (10 frames per second), on the canvas."""
    return [to_canvas(f) for f in read_frames(shared(ROOM))]


def empty_scene(frames: list[np.ndarray]) -> np.ndarray:
    """Median of the frames, each pixel taken only from frames where the moving person is elsewhere."""
    stack = np.stack(frames)
    first = np.median(stack, axis=0)
    free = np.ones(stack.shape[:3], bool)
    for i, frame in enumerate(frames):
        diff = np.abs(frame.astype(np.float32) - first).max(axis=2) > 35
        count, _labels, stats, _ = cv2.connectedComponentsWithStats(diff.astype(np.uint8))
        if count > 1:
            x, y, w, h, _ = stats[1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))]
            free[i, max(0, y - 20) : y + h + 20, max(0, x - 20) : x + w + 20] = False
    masked = np.ma.masked_array(stack, mask=~np.repeat(free[..., None], 3, axis=3))
    image = np.ma.median(masked, axis=0).filled(0)
    return np.where(free.any(axis=0)[..., None], image, first).astype(np.uint8)


@lru_cache(maxsize=4)
def scene(name: str) -> Scene:
    if name == "room":
        frames = room_footage()
        image = np.median(np.stack([frames[i] for i in ROOM_EMPTY]), axis=0).astype(np.uint8)
        return Scene("room", image, (470, 235.0), (270, 150.0), (300, 470))
    if name == "warehouse":
        frames = [
            to_canvas(f)
            for f in read_frames(shared("intel-sample-videos/intel_preview_worker-zone-detection.mp4"))
        ]
        return Scene("warehouse", empty_scene(frames), (470, 160.0), (150, 45.0), (200, 470))
    if name == "hall":
        frames = [
            to_canvas(f)
            for f in read_frames(shared("intel-sample-videos/intel_preview_people-detection.mp4"))
        ]
        image = np.median(np.stack(frames), axis=0).astype(np.uint8)
        return Scene("hall", image, (470, 150.0), (250, 60.0), (260, 470))
    raise ValueError(name)


@dataclass
class Cutout:
    name: str
    patch: np.ndarray  # BGR
    alpha: np.ndarray  # float32 0..1
    height_m: float  # real height, to scale it on a calibrated floor


OBJECTS = [  # (name, clip, from the end?, rectangle x0, y0, x1, y1 in the source frame, height in metres)
    ("chaise", "falls-gmdcsa24/Subject_1-Fall-15.mp4", True, (322, 240, 480, 458), 0.85),
    ("oreiller", "falls-gmdcsa24/Subject_2-ADL-23.mp4", False, (376, 202, 474, 243), 0.25),
    ("bouteille", "falls-gmdcsa24/Subject_2-ADL-23.mp4", False, (575, 312, 600, 378), 0.3),
    ("sac", "falls-gmdcsa24/Subject_2-ADL-23.mp4", False, (590, 54, 619, 112), 0.4),
    (
        "carton",
        "intel-sample-videos/intel_preview_store-aisle-detection.mp4",
        False,
        (68, 120, 126, 172),
        0.35,
    ),
    ("caisse", "intel-sample-videos/intel_preview_worker-zone-detection.mp4", False, (361, 6, 397, 32), 0.5),
]


def grabcut(image: np.ndarray, rect: tuple[int, int, int, int]) -> tuple[np.ndarray, np.ndarray]:
    x0, y0, x1, y1 = rect
    mask = np.zeros(image.shape[:2], np.uint8)
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    cv2.grabCut(image, mask, (x0, y0, x1 - x0, y1 - y0), bgd, fgd, 5, cv2.GC_INIT_WITH_RECT)
    fg = np.isin(mask, (cv2.GC_FGD, cv2.GC_PR_FGD)).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(fg)
    if count > 1:
        fg = (labels == 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))).astype(np.uint8)
    alpha = cv2.GaussianBlur(fg.astype(np.float32), (3, 3), 0)
    return image[y0:y1, x0:x1].copy(), alpha[y0:y1, x0:x1]


@lru_cache(maxsize=1)
def objects() -> list[Cutout]:
    out = []
    for name, clip, from_end, rect, height in OBJECTS:
        frames = read_frames(shared(clip))
        frame = frames[-1] if from_end else frames[0]
        patch, alpha = grabcut(frame, rect)
        if alpha.mean() >= 0.2:  # GrabCut found the object
            out.append(Cutout(name, patch, alpha, height))
    return out


@lru_cache(maxsize=1)
def people() -> list[list[Cutout]]:
    """Walking people of the room clip: one list of silhouettes per visit, whole bodies only."""
    frames = room_footage()
    empty = scene("room").image.astype(np.int16)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5))
    visits: list[list[Cutout]] = []
    current: list[Cutout] = []
    for frame in frames:
        diff = np.abs(frame.astype(np.int16) - empty).max(axis=2)
        mask = cv2.morphologyEx((diff > 25).astype(np.uint8), cv2.MORPH_CLOSE, kernel, iterations=3)
        mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        mask = cv2.drawContours(np.zeros_like(mask), contours, -1, 1, cv2.FILLED)  # solid silhouettes
        count, labels, stats, _ = cv2.connectedComponentsWithStats(mask)
        if count <= 1:
            if len(current) >= 8:
                visits.append(current)
            current = []
            continue
        i = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
        x, y, w, h, area = (int(v) for v in stats[i])
        if area < 4000 or y + h >= H - 2 or y <= 2 or h < 1.5 * w:
            continue
        alpha = cv2.GaussianBlur((labels[y : y + h, x : x + w] == i).astype(np.float32), (3, 3), 0)
        current.append(Cutout("personne", frame[y : y + h, x : x + w].copy(), alpha, 1.7))
    if len(current) >= 8:
        visits.append(current)
    return visits


def paste(
    canvas: np.ndarray,
    cut: Cutout,
    foot: tuple[float, float],
    height_px: float,
    flip: bool = False,
    tint=None,
) -> tuple[int, int, int, int]:
    """Alpha-blend ``cut`` standing at ``foot`` (bottom centre), ``height_px`` tall; returns its box."""
    scale = height_px / cut.patch.shape[0]
    w = max(2, int(cut.patch.shape[1] * scale))
    h = max(2, int(height_px))
    patch = cv2.resize(cut.patch, (w, h), interpolation=cv2.INTER_AREA).astype(np.float32)
    alpha = cv2.resize(cut.alpha, (w, h), interpolation=cv2.INTER_LINEAR)[..., None]
    if flip:
        patch, alpha = patch[:, ::-1], alpha[:, ::-1]
    if tint is not None:
        patch = np.clip(patch * np.array(tint, np.float32), 0, 255)
    x0, y0 = int(foot[0] - w / 2), int(foot[1] - h)
    cx0, cy0, cx1, cy1 = max(0, x0), max(0, y0), min(W, x0 + w), min(H, y0 + h)
    if cx1 <= cx0 or cy1 <= cy0:
        return (0, 0, 0, 0)
    region = canvas[cy0:cy1, cx0:cx1].astype(np.float32)
    p = patch[cy0 - y0 : cy1 - y0, cx0 - x0 : cx1 - x0]
    a = alpha[cy0 - y0 : cy1 - y0, cx0 - x0 : cx1 - x0]
    canvas[cy0:cy1, cx0:cx1] = (p * a + region * (1 - a)).astype(np.uint8)
    return (cx0, cy0, cx1 - cx0, cy1 - cy0)
