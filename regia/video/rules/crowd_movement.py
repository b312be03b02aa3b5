"""Crowd movement: many people suddenly running together (a rush, a dispersal). Each tracked moving
region gets a speed in metres per second from the ground calibration; the people in the regions
faster than ``crowd.run_speed_mps`` are counted from their foreground area, and at least
``crowd.min_people`` of them for ``dwell.crowd_movement_s`` make an event."""

from __future__ import annotations

from collections import deque

import numpy as np

from regia.video.events import Event
from regia.video.rules import Rule
from regia.video.scene import Scene
from regia.video.tracking import foot


class CrowdMovementRule(Rule):
    type = "crowd_movement"

    def __init__(self, config, geometry):
        super().__init__(config, geometry)
        self.weights = geometry.people_per_pixel()
        self.recent: deque[float] = deque(maxlen=5)  # about half a second
        self.since: float | None = None
        self.calm: float | None = None
        self.open: Event | None = None

    def _running(self, scene: Scene) -> tuple[float, tuple | None]:
        """People in fast regions, and the box around those regions."""
        people, boxes = 0.0, []
        for track in scene.tracks:
            vx, vy, span = track.velocity(0.5)
            if track.hits < 3 or span <= 0:
                continue
            if np.hypot(vx, vy) / self.geometry.ppm(foot(track.box)[1]) <= self.config.crowd.run_speed_mps:
                continue
            x, y, w, h = track.box
            rows = (scene.fg.moving[y : y + h, x : x + w] > 0).sum(axis=1)
            people += float((rows * self.weights[y : y + h]).sum())
            boxes.append(track.box)
        if not boxes:
            return people, None
        x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
        x1, y1 = max(b[0] + b[2] for b in boxes), max(b[1] + b[3] for b in boxes)
        return people, (x0, y0, x1 - x0, y1 - y0)

    def update(self, scene: Scene) -> list[Event]:
        running, box = self._running(scene)
        self.recent.append(running)
        running = float(np.median(self.recent))
        if running >= self.config.crowd.min_people and box is not None:
            self.calm = None
            self.since = scene.t if self.since is None else self.since
            if self.open is not None:
                self.open.end_s = scene.t
            elif scene.t - self.since >= self.config.dwell.crowd_movement_s:
                confidence = min(1.0, 0.5 + 0.1 * (running - self.config.crowd.min_people))
                self.open = self.event(self.since, scene.t, confidence, box, None, people=round(running, 1))
                return [self.open]
        else:
            self.since = None
            self.calm = scene.t if self.calm is None else self.calm
            if self.open is not None and scene.t - self.calm >= 2.0:
                self.open = None
        return []
