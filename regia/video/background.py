"""Foreground and motion by background subtraction, robust to lighting changes.

Two running backgrounds on the small grey image: a fast one (a few seconds) gives what moves, a slow
one (about a minute) gives what changed in the scene and stayed. Before comparing, each background is
corrected by a smooth illumination field: the ratio frame/background, median per block, median-
filtered across blocks and interpolated. Light ramps, switches and sun patches scale whole areas and
are absorbed by that field; an object or a person changes pixels against their own neighbourhood and
stays foreground. When most of the image changes at once (camera moved, non-linear light change),
both backgrounds restart from the current frame and ``reset`` is reported.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

GRID = (8, 6)  # illumination blocks across x, y


@dataclass
class Foreground:
    moving: np.ndarray  # uint8 0/255: differs from the fast background
    changed: np.ndarray  # uint8 0/255: differs from the slow background
    gray: np.ndarray  # float32 smoothed grey frame
    reset: bool  # the backgrounds were restarted on this frame
    gain: float  # global illumination ratio frame/slow background


def _illumination(frame: np.ndarray, background: np.ndarray) -> tuple[np.ndarray, float]:
    """Smooth multiplicative field such that frame ~= field * background where nothing is in front."""
    h, w = frame.shape
    gx, gy = GRID
    small = (gx * 8, gy * 8)
    ratio = cv2.resize(frame + 8.0, small, interpolation=cv2.INTER_AREA) / cv2.resize(
        background + 8.0, small, interpolation=cv2.INTER_AREA
    )
    blocks = np.median(ratio.reshape(gy, 8, gx, 8).transpose(0, 2, 1, 3).reshape(gy, gx, 64), axis=2)
    blocks = cv2.medianBlur(blocks.astype(np.float32), 3)
    field = cv2.resize(blocks, (w, h), interpolation=cv2.INTER_LINEAR)
    return field, float(np.median(blocks))


class BackgroundModel:
    def __init__(self, fps: float, sensitivity: float = 0.5, fast_s: float = 2.0, slow_s: float = 60.0):
        self.fps = fps
        self.alpha_fast = 1 - math.exp(-1 / (fps * fast_s))
        self.alpha_slow = 1 - math.exp(-1 / (fps * slow_s))
        self.alpha_light = 1 - math.exp(-1 / (fps * 1.0))  # illumination follows within about a second
        self.threshold = 26.0 - 16.0 * sensitivity  # grey levels, 18 at the default sensitivity
        self.fast: np.ndarray | None = None
        self.slow: np.ndarray | None = None
        self.kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3))
        self._changed_streak = 0
        self.frozen: np.ndarray | None = None  # uint8 mask of areas the slow background must not learn

    def _restart(self, gray: np.ndarray) -> None:
        self.fast = gray.copy()
        self.slow = gray.copy()
        self._changed_streak = 0

    def _mask(self, gray: np.ndarray, reference: np.ndarray) -> np.ndarray:
        diff = cv2.absdiff(gray, reference)
        limit = self.threshold + 0.06 * reference
        mask = (diff > limit).astype(np.uint8) * 255
        return cv2.morphologyEx(mask, cv2.MORPH_OPEN, self.kernel)

    def update(self, gray_u8: np.ndarray) -> Foreground:
        gray = cv2.GaussianBlur(gray_u8, (5, 5), 0).astype(np.float32)
        if self.slow is None:
            self._restart(gray)
            empty = np.zeros(gray.shape, np.uint8)
            return Foreground(empty, empty.copy(), gray, True, 1.0)

        light_slow, gain = _illumination(gray, self.slow)
        light_fast, _ = _illumination(gray, self.fast)
        moving = self._mask(gray, self.fast * light_fast)
        changed = self._mask(gray, self.slow * light_slow)

        reset = False
        if cv2.countNonZero(changed) > 0.5 * changed.size:
            self._changed_streak += 1
            if self._changed_streak >= max(2, int(self.fps)):  # a whole second of a different scene
                self._restart(gray)
                reset = True
                moving[:] = 0
                changed[:] = 0
        else:
            self._changed_streak = 0

        if not reset:
            # illumination: fold the smooth field into both backgrounds, everywhere
            self.slow *= 1 + self.alpha_light * (light_slow - 1)
            self.fast *= 1 + 0.5 * (light_fast - 1)
            cv2.accumulateWeighted(gray, self.fast, self.alpha_fast)
            learn = cv2.bitwise_not(cv2.dilate(changed, self.kernel, iterations=2))
            if self.frozen is not None:
                learn = cv2.bitwise_and(learn, cv2.bitwise_not(self.frozen))
            cv2.accumulateWeighted(gray, self.slow, self.alpha_slow, mask=learn)
            # what stays changed long after (a moved bench) is learnt ten times slower
            slow_learn = cv2.bitwise_not(learn)
            if self.frozen is not None:
                slow_learn = cv2.bitwise_and(slow_learn, cv2.bitwise_not(self.frozen))
            cv2.accumulateWeighted(gray, self.slow, self.alpha_slow / 10, mask=slow_learn)
        return Foreground(moving, changed, gray, reset, gain)

    def absorb(self, box: tuple[int, int, int, int]) -> None:
        """Take the current content of ``box`` (work pixels) as background (an event was handled)."""
        if self.slow is None or self.fast is None:
            return
        x, y, w, h = box
        self.slow[y : y + h, x : x + w] = self.fast[y : y + h, x : x + w]
