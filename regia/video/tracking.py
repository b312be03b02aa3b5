"""Multi-object tracking by overlap and distance (greedy matching), enough for fixed cameras."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import numpy as np

from regia.video.detectors import Box, Detection


def iou(a: Box, b: Box) -> float:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    ix = max(0, min(ax + aw, bx + bw) - max(ax, bx))
    iy = max(0, min(ay + ah, by + bh) - max(ay, by))
    inter = ix * iy
    return inter / float(aw * ah + bw * bh - inter) if inter else 0.0


def foot(box: Box) -> tuple[float, float]:
    """Where the object touches the ground: bottom centre of its box."""
    x, y, w, h = box
    return x + w / 2, y + h


@dataclass
class Track:
    id: int
    box: Box
    label: str
    first_t: float
    last_t: float
    history: deque = field(default_factory=lambda: deque(maxlen=64))  # (t, box)
    hits: int = 1

    def velocity(self, window_s: float = 1.0) -> tuple[float, float, float]:
        """Mean velocity of the foot point over the last ``window_s`` (px/s) and the span used (s)."""
        if len(self.history) < 2:
            return 0.0, 0.0, 0.0
        t1, b1 = self.history[-1]
        t0, b0 = self.history[0]
        for t, b in self.history:
            if t >= t1 - window_s:
                t0, b0 = t, b
                break
        span = t1 - t0
        if span <= 0:
            return 0.0, 0.0, 0.0
        (x0, y0), (x1, y1) = foot(b0), foot(b1)
        return (x1 - x0) / span, (y1 - y0) / span, span


class Tracker:
    def __init__(self, max_missing_s: float = 1.0, max_jump: float = 1.5):
        self.tracks: dict[int, Track] = {}
        self.max_missing_s = max_missing_s
        self.max_jump = max_jump  # in box diagonals
        self._next = 1

    def update(self, t: float, detections: list[Detection]) -> list[Track]:
        """Match detections to tracks; returns the tracks seen at ``t``."""
        tracks = list(self.tracks.values())
        pairs = []
        for ti, track in enumerate(tracks):
            tx, ty = track.box[0] + track.box[2] / 2, track.box[1] + track.box[3] / 2
            diag = float(np.hypot(track.box[2], track.box[3]))
            for di, det in enumerate(detections):
                overlap = iou(track.box, det.box)
                dx, dy = det.box[0] + det.box[2] / 2 - tx, det.box[1] + det.box[3] / 2 - ty
                distance = float(np.hypot(dx, dy)) / max(diag, 1.0)
                if overlap > 0 or distance < self.max_jump:
                    pairs.append((overlap - 0.1 * distance, ti, di))
        pairs.sort(reverse=True)
        used_t, used_d, seen = set(), set(), []
        for _score, ti, di in pairs:
            if ti in used_t or di in used_d:
                continue
            used_t.add(ti)
            used_d.add(di)
            track, det = tracks[ti], detections[di]
            track.box, track.last_t, track.hits = det.box, t, track.hits + 1
            if det.label != "blob":
                track.label = det.label
            track.history.append((t, det.box))
            seen.append(track)
        for di, det in enumerate(detections):
            if di not in used_d:
                track = Track(self._next, det.box, det.label, t, t)
                track.history.append((t, det.box))
                self.tracks[track.id] = track
                self._next += 1
                seen.append(track)
        for track in tracks:
            if t - track.last_t > self.max_missing_s:
                del self.tracks[track.id]
        return seen
