"""When to wake the pose detector: a close-range moving region going down (optical flow).

MediaPipe pose costs about 30 ms an image on one core, so it cannot run on every close passer-by.
A fall is first of all a body moving down fast: the optical flow inside a close moving region points
downwards at a good share of the person's height per second. Walking, even with the motion regions
splitting and merging, moves sideways. The flow (OpenCV DIS, ultra-fast preset, half the work size)
costs about half a millisecond a frame; the pose detector then runs on the last seconds again and on
the next ones (see ``Analyzer``).
"""

from __future__ import annotations

import cv2
import numpy as np

from regia.video.detectors import Detection

DOWN_SPEED = 0.2  # person heights per second, upper quartile of the region's downward flow


class DescentCue:
    def __init__(self) -> None:
        self._flow = cv2.DISOpticalFlow_create(cv2.DISOPTICAL_FLOW_PRESET_ULTRAFAST)
        self._prev: np.ndarray | None = None
        self._prev_t = 0.0

    def __call__(self, t: float, gray: np.ndarray, moving: np.ndarray, close: list[Detection]) -> bool:
        """Whether one of the ``close`` regions (work pixels) moves down; ``gray`` is the work image."""
        size = (gray.shape[1] // 2, gray.shape[0] // 2)
        small = cv2.resize(gray, size, interpolation=cv2.INTER_AREA)
        prev, dt = self._prev, t - self._prev_t
        self._prev, self._prev_t = small, t
        if prev is None or not close or dt <= 0:
            return False
        flow = self._flow.calc(prev, small, None)[:, :, 1]
        moving = cv2.resize(moving, size, interpolation=cv2.INTER_NEAREST) > 0
        for region in close:
            x, y, w, h = (v // 2 for v in region.box)
            down = flow[y : y + h, x : x + w][moving[y : y + h, x : x + w]]
            if down.size >= 20 and np.percentile(down, 75) / max(h, 1) / dt >= DOWN_SPEED:
                return True
        return False
