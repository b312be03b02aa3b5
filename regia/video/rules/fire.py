"""Fire start, from colour and flicker: bright red-orange-yellow pixels that keep changing, brighter
than the background and with a near-white core (a flame emits light), grouped in a region that stays
in place, covers most of the recent frames, and whose area and brightness flicker (many small ups
and downs per second), for ``dwell.fire_s``. A person in an orange vest
moves away, a lamp or a sunset does not flicker, a warning beacon goes fully off half of the time."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import cv2
import numpy as np

from regia.video.events import Event
from regia.video.rules import Rule
from regia.video.scene import Scene
from regia.video.tracking import iou

WINDOW_S = 2.0
BRIGHTER = 20.0  # grey levels above the background
CORE_SHARE = 0.2  # flames saturate the camera: a fifth of the region near white


@dataclass
class Flame:
    box: tuple[int, int, int, int]
    first_t: float
    samples: deque = field(default_factory=lambda: deque(maxlen=64))  # t, area, brightness, cx, cy
    event: Event | None = None


def _grown(box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """A flame's box with room around it: flames jump and change shape from frame to frame."""
    x, y, w, h = box
    return (x - w // 2, y - h // 2, 2 * w, 2 * h)


def fire_mask(bgr: np.ndarray) -> np.ndarray:
    """Pixels of flame colour: bright, saturated, red to yellow, red >= green > blue."""
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    b, g, r = cv2.split(bgr)
    hue, sat, val = cv2.split(hsv)
    colour = (hue <= 35) & (sat >= 80) & (val >= 170) & (r >= 180) & (r >= g) & (g > b)
    core = (r >= 235) & (g >= 200) & (b < 200) & (r > b + 60)  # white-yellow heart of the flame
    return (colour | core).astype(np.uint8) * 255


class FireRule(Rule):
    type = "fire"

    def __init__(self, config, geometry):
        super().__init__(config, geometry)
        w, h = geometry.work_size
        self.min_area = max(6, int(0.0004 * w * h))
        self.flames: list[Flame] = []

    @staticmethod
    def _flicker(samples: list) -> tuple[float, float]:
        """(relative mean change of area between frames, share of direction reversals)."""
        areas = np.array([s[1] for s in samples], dtype=np.float64)
        light = np.array([s[2] for s in samples], dtype=np.float64)
        change = np.abs(np.diff(areas)).mean() / max(areas.mean(), 1.0)
        reversals = 0.0
        for series in (areas, light):
            d = np.sign(np.diff(series))
            d = d[d != 0]
            if len(d) > 2:
                reversals = max(reversals, float((d[1:] != d[:-1]).mean()))
        return float(change), reversals

    def update(self, scene: Scene) -> list[Event]:
        bgr = scene.bgr()
        mask = fire_mask(bgr)
        moving = cv2.dilate(scene.fg.moving, np.ones((5, 5), np.uint8))
        candidates = cv2.bitwise_and(mask, moving)
        if scene.background is not None and scene.background.slow is not None:
            # a flame emits light: brighter than the background it stands in front of
            brighter = (scene.fg.gray - scene.background.slow * scene.fg.gain) >= BRIGHTER
            candidates[~brighter] = 0
        if self.geometry.ignore is not None:
            candidates[self.geometry.ignore > 0] = 0
        count, stats = 0, None
        if cv2.countNonZero(candidates):
            count, _labels, stats, _ = cv2.connectedComponentsWithStats(
                cv2.dilate(candidates, np.ones((7, 7), np.uint8))
            )
        regions = []
        for i in range(1, count):
            x, y, w, h, _area = (int(v) for v in stats[i])
            area = int(cv2.countNonZero(candidates[y : y + h, x : x + w]))
            if area >= self.min_area:
                pixels = bgr[y : y + h, x : x + w][candidates[y : y + h, x : x + w] > 0]
                if (pixels.max(axis=1) >= 240).mean() < CORE_SHARE:
                    continue  # no glowing core: a red or orange surface, not a light source
                regions.append(((x, y, w, h), area, float(pixels.mean())))
        for box, area, value in regions:
            flame = max(self.flames, key=lambda f: iou(_grown(f.box), box), default=None)
            if flame is None or iou(_grown(flame.box), box) <= 0:
                flame = Flame(box, scene.t)
                self.flames.append(flame)
            flame.box = box
            flame.samples.append((scene.t, area, value, box[0] + box[2] / 2, box[1] + box[3] / 2))
        out = []
        for flame in list(self.flames):
            recent = [s for s in flame.samples if s[0] >= scene.t - WINDOW_S]
            if not recent:
                self.flames.remove(flame)
                continue
            span = scene.t - flame.first_t
            if span < self.config.dwell.fire_s or len(recent) < 5:
                continue
            expected = WINDOW_S * (self.config.fps or 12.5)
            presence = len(recent) / expected
            cx, cy = np.array([s[3] for s in recent]), np.array([s[4] for s in recent])
            size = np.sqrt(np.mean([s[1] for s in recent]))
            drift = float(np.hypot(np.ptp(cx), np.ptp(cy))) / max(size, 1.0)
            change, reversals = self._flicker(recent)
            burning = presence >= 0.7 and drift <= 3.0 and change >= 0.08 and reversals >= 0.3
            if flame.event is not None:
                if burning or presence >= 0.5:
                    flame.event.end_s = scene.t
                continue
            if burning:
                confidence = min(1.0, 0.4 + 0.3 * min(1.0, change / 0.3) + 0.3 * reversals)
                flame.event = self.event(flame.first_t, scene.t, confidence, flame.box, None)
                out.append(flame.event)
        return out
