"""Privacy by design: people are made unrecognisable in every stored image.

What is blurred on a stored frame: every moving region, every still region shaped like a standing
person, the body box of the pose detector, the people found by OpenCV's HOG body detector (a
whole-body shape detector: nothing about faces) and the box of the event itself when it is about a
person. The blur is a coarse pixelation followed by a Gaussian blur, which cannot be undone. Nothing
here, nor anywhere in Regia, detects, crops, encodes or compares faces.
"""

from __future__ import annotations

from functools import lru_cache

import cv2
import numpy as np

from regia.video.detectors import Box

PERSON_EVENTS = {"fall", "intrusion", "wrong_way", "crowd_movement", "crowd_density", "weapon"}


@lru_cache(maxsize=1)
def _hog() -> cv2.HOGDescriptor:
    hog = cv2.HOGDescriptor()
    hog.setSVMDetector(cv2.HOGDescriptor_getDefaultPeopleDetector())
    return hog


def hog_people(bgr: np.ndarray) -> list[Box]:
    """Whole-body people boxes (OpenCV's default HOG + linear SVM people detector)."""
    h, w = bgr.shape[:2]
    scale = min(1.0, 480 / max(w, 1))
    small = cv2.resize(bgr, (int(w * scale), int(h * scale))) if scale < 1 else bgr
    if small.shape[0] < 128 or small.shape[1] < 64:
        return []
    boxes, _weights = _hog().detectMultiScale(small, winStride=(8, 8), padding=(8, 8), scale=1.1)
    return [tuple(int(v / scale) for v in b) for b in boxes]


def person_regions(moving: np.ndarray, changed: np.ndarray, min_area: int) -> list[Box]:
    """Regions of a work image that may show people: moving regions and person-shaped still ones."""
    boxes: list[Box] = []
    for mask, person_shaped_only in ((moving, False), (changed, True)):
        count, _labels, stats, _ = cv2.connectedComponentsWithStats(
            cv2.dilate(mask, np.ones((5, 5), np.uint8))
        )
        for i in range(1, count):
            x, y, w, h, area = (int(v) for v in stats[i])
            if area < min_area:
                continue
            if person_shaped_only and h < 1.2 * w:
                continue
            boxes.append((x, y, w, h))
    return boxes


def blur_boxes(image: np.ndarray, boxes: list[Box], grow: float = 0.2) -> np.ndarray:
    """Pixelate then blur each box (grown by ``grow`` on every side) in place; returns the image."""
    h, w = image.shape[:2]
    for x, y, bw, bh in boxes:
        dx, dy = int(bw * grow) + 2, int(bh * grow) + 2
        x0, y0 = max(0, x - dx), max(0, y - dy)
        x1, y1 = min(w, x + bw + dx), min(h, y + bh + dy)
        if x1 - x0 < 2 or y1 - y0 < 2:
            continue
        roi = image[y0:y1, x0:x1]
        cell = max(4, min(x1 - x0, y1 - y0) // 6)
        small = cv2.resize(
            roi, (max(1, (x1 - x0) // cell), max(1, (y1 - y0) // cell)), interpolation=cv2.INTER_AREA
        )
        coarse = cv2.resize(small, (x1 - x0, y1 - y0), interpolation=cv2.INTER_NEAREST)
        k = max(3, (cell // 2) * 2 + 1)
        image[y0:y1, x0:x1] = cv2.GaussianBlur(coarse, (k, k), 0)
    return image
